package org.lectern.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page for what the container answers itself: a missing or bad bearer token (401) seen by
 * Payara's MicroProfile JWT mechanism, unknown paths, oversized bodies. It renders the same
 * problem+json as the API's exception mappers.
 */
@WebServlet(name = "problem", urlPatterns = "/problem")
public class ProblemServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ProblemServlet.class.getName());

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String requestId = RequestIds.ensure(req, res);
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 404;
    Object error = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String detail = Problems.defaultDetail(status);
    if (error instanceof Throwable t) {
      if (status < 500) {
        status = 500;
      }
      LOG.log(Level.SEVERE, "Unhandled error in request " + requestId, t);
    } else if (status == 413) {
      detail = "The request body is too large.";
    }
    if (status == 401) {
      res.setHeader("WWW-Authenticate", "Bearer");
    }
    res.setStatus(status);
    res.setContentType(Problems.MEDIA_TYPE);
    res.setCharacterEncoding("UTF-8");
    res.getWriter()
        .write(
            Problems.of(status, Problems.codeFor(status), detail, List.of(), requestId).toString());
  }
}
