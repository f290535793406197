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
import org.eclipse.microprofile.config.ConfigProvider;

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
  private static final String CLIENT_ATTRIBUTE = RequestIds.class.getName() + ".client";

  /**
   * Whether to take the client's address from {@code X-Forwarded-For}: only behind one proxy that
   * appends to it (docker/compose.yml's nginx), and then its last entry, the one that proxy wrote;
   * anything before it the client could have sent.
   */
  private final boolean trustForwarded =
      ConfigProvider.getConfig()
          .getOptionalValue("lectern.http.trust-forwarded", Boolean.class)
          .orElse(false);

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String id = ensure((HttpServletRequest) req, (HttpServletResponse) res);
    req.setAttribute(CLIENT_ATTRIBUTE, clientAddress((HttpServletRequest) req));
    // The server's log format prints the thread name on every line, so every line logged while
    // serving this request (ours, the server's, EclipseLink's) carries the request id.
    Thread thread = Thread.currentThread();
    String threadName = thread.getName();
    thread.setName(threadName + " requestId=" + id);
    try {
      chain.doFilter(req, res);
    } finally {
      thread.setName(threadName);
    }
  }

  private String clientAddress(HttpServletRequest request) {
    String forwarded = trustForwarded ? request.getHeader("X-Forwarded-For") : null;
    String address =
        forwarded == null || forwarded.isBlank()
            ? request.getRemoteAddr()
            : forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
    return address == null || address.length() > 64 ? null : address;
  }

  /** The client's address as this filter found it, or null when it is not trustworthy. */
  public static String clientAddressOf(HttpServletRequest request) {
    return (String) request.getAttribute(CLIENT_ATTRIBUTE);
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

  /** The request's id, or null when no filter has given it one. */
  public static String of(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id == null ? null : id.toString();
  }
}
