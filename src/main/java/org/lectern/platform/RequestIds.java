package org.lectern.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is sane, else a new one. It
 * is echoed on every response, put in problem documents, and in every log line the request causes
 * (through the thread name, which the server's log format prints).
 */
@WebFilter(filterName = "request-id", urlPatterns = "/*", asyncSupported = true)
public class RequestIds implements Filter {

  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = RequestIds.class.getName();
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String id = ensure((HttpServletRequest) req, (HttpServletResponse) res);
    String previous = CURRENT.get();
    CURRENT.set(id);
    // The server's log format prints the thread name on every line, so every line logged while
    // serving this request (ours, the server's, EclipseLink's) carries the request id.
    Thread thread = Thread.currentThread();
    String threadName = thread.getName();
    thread.setName(threadName + " requestId=" + id);
    try {
      chain.doFilter(req, res);
    } finally {
      thread.setName(threadName);
      CURRENT.set(previous);
    }
  }

  /**
   * The request's id, made now if nothing made it yet (the container answers some requests, such as
   * a rejected token, before any filter runs), and set on the response.
   */
  public static String ensure(HttpServletRequest request, HttpServletResponse response) {
    String id = (String) request.getAttribute(ATTRIBUTE);
    if (id == null) {
      String offered = request.getHeader(HEADER);
      id =
          offered != null && SANE.matcher(offered).matches()
              ? offered
              : UUID.randomUUID().toString();
      request.setAttribute(ATTRIBUTE, id);
    }
    response.setHeader(HEADER, id);
    return id;
  }

  /** The id of the request this thread serves, or null outside a request. */
  public static String current() {
    return CURRENT.get();
  }

  public static String of(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id == null ? current() : id.toString();
  }
}
