package org.lectern.identity;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify Lectern's tokens, as a JWK set
 * (RFC 7517), so other services can verify them and keys can rotate. Public, needs no token.
 */
@WebServlet(name = "jwks", urlPatterns = "/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "public, max-age=300");
    res.getWriter().write(KeyMaterial.get().jwks());
  }
}
