package org.lectern.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses request bodies over {@code lectern.http.max-body-bytes} (default 1 MiB; audio uploads
 * {@code lectern.audio.max-bytes}, default 50 MiB) with 413: by the declared length before anything
 * is read, and by counting when the client streams without one.
 */
@WebFilter(filterName = "body-limit", urlPatterns = "/api/*", asyncSupported = true)
public class BodyLimit implements Filter {

  private long limit;
  private long audioLimit;

  @Override
  public void init(FilterConfig config) {
    limit =
        ConfigProvider.getConfig()
            .getOptionalValue("lectern.http.max-body-bytes", Long.class)
            .orElse(1024L * 1024L);
    audioLimit = audioLimit();
  }

  /**
   * Audio uploads ({@code POST .../audio}) may be up to {@code lectern.audio.max-bytes} (50 MiB).
   */
  public static long audioLimit() {
    return ConfigProvider.getConfig()
        .getOptionalValue("lectern.audio.max-bytes", Long.class)
        .orElse(50L * 1024L * 1024L);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    long limit =
        "POST".equals(http.getMethod()) && http.getRequestURI().endsWith("/audio")
            ? audioLimit
            : this.limit;
    if (http.getContentLengthLong() > limit) {
      ((HttpServletResponse) res)
          .sendError(413, "The request body is larger than " + limit + " bytes.");
      return;
    }
    chain.doFilter(new Limited(http, limit), res);
  }

  /** Thrown from the counting stream; mapped to 413 by the exception mappers. */
  public static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("The request body is larger than " + limit + " bytes.");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long count;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0 && ++count > limit) {
                  throw new TooLarge(limit);
                }
                return b;
              }

              @Override
              public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n > 0 && (count += n) > limit) {
                  throw new TooLarge(limit);
                }
                return n;
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
