package dev.roster.admin.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response. The console's pages load scripts, styles and images from this
 * server only, have no inline script (so the policy needs no {@code 'unsafe-inline'}), cannot be
 * framed, and post forms only to this server. Console and admin API responses are not cached: a
 * page may show a token's plaintext once.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    applyTo(request, response);
    chain.doFilter(request, response);
  }

  /**
   * Sets the headers. The authentication mechanism calls it too: its redirects and refusals are
   * answered before any filter runs.
   */
  static void applyTo(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/admin") || path.startsWith("/api/admin") || path.startsWith("/login")) {
      response.setHeader("Cache-Control", "no-store");
    }
  }
}
