package org.lectern.identity;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lectern.platform.RequestIds;

/**
 * One WARN line, with the reason and the request id, for every bearer token the container refuses.
 * Payara's verifier logs each refusal as a full stack trace at INFO, so a forged-token flood filled
 * the log; its logger is turned down to WARNING here, and this line replaces it.
 */
@WebFilter(
    filterName = "token-refusal-log",
    urlPatterns = "/*",
    dispatcherTypes = DispatcherType.ERROR)
public class TokenRefusalLog implements Filter {

  private static final Logger LOG = Logger.getLogger(TokenRefusalLog.class.getName());

  /** Held strongly: java.util.logging keeps loggers weakly, and would forget the level. */
  private static final Logger PAYARA_JWT =
      Logger.getLogger("fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore");

  @Override
  public void init(FilterConfig config) {
    PAYARA_JWT.setLevel(Level.WARNING);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(req, res);
    HttpServletRequest http = (HttpServletRequest) req;
    String auth = http.getHeader("Authorization");
    if (Integer.valueOf(401).equals(req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))
        && auth != null
        && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String reason = TokenChecks.reason(auth.substring(7).trim(), Instant.now());
      LOG.warning(() -> "Bearer token refused (" + reason + ") in request " + requestId(http));
    }
  }

  static void refused(String reason, String requestId) {
    LOG.warning(() -> "Bearer token refused (" + reason + ") in request " + requestId);
  }

  private static String requestId(HttpServletRequest http) {
    try {
      return RequestIds.of(http);
    } catch (RuntimeException e) {
      return "-";
    }
  }
}
