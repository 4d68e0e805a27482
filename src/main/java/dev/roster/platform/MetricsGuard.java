package dev.roster.platform;

import dev.roster.runtime.RefuseToStart;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read {@code /metrics}: whoever presents the operator's scrape token ({@code
 * roster.metrics.token}, {@code ROSTER_METRICS_TOKEN}) as {@code Authorization: Bearer}; nobody
 * when no token is set.
 *
 * <p>Why here: Payara Micro serves MicroProfile Metrics ({@code /metrics}, {@code /metrics/base},
 * {@code /metrics/vendor}, {@code /metrics/application}) from a servlet it adds to the web module
 * at context root {@code /}, which is Roster's, so this filter stands in front of it. Payara's own
 * protection of that servlet demands HTTPS of the server itself and users of its file realm,
 * neither of which a server behind a TLS proxy has. What the endpoint shows (per-tenant figures,
 * heap, threads, the connection pool) is for the operator only; {@code /health} is the public
 * status.
 *
 * <p>The token is compared by its SHA-256, in constant time. It must have at least {@value
 * #MIN_TOKEN_LENGTH} characters, so that guessing it is hopeless and no throttle is needed; a
 * shorter one stops the server at startup.
 */
public class MetricsGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final int MIN_TOKEN_LENGTH = 16;

  @Inject
  @ConfigProperty(name = "roster.metrics.token")
  Optional<String> token;

  /** The SHA-256 of the token, or null when metrics are closed to everyone. */
  private byte[] expected;

  @Override
  public void init() {
    String configured = token.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
    if (configured == null) {
      return;
    }
    if (configured.length() < MIN_TOKEN_LENGTH) {
      throw RefuseToStart.because(
          "ROSTER_METRICS_TOKEN has fewer than " + MIN_TOKEN_LENGTH + " characters.");
    }
    expected = sha256(configured);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (expected == null) {
      refuse(response, 403, "Metrics are off: set ROSTER_METRICS_TOKEN to let a scraper in.");
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null
        || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || !MessageDigest.isEqual(expected, sha256(header.substring(7).strip()))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"roster-metrics\"");
      refuse(response, 401, "Metrics need the scrape token: Authorization: Bearer <token>.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(message + "\n");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
