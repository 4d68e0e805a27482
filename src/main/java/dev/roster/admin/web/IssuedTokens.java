package dev.roster.admin.web;

import dev.roster.admin.control.HandOver;
import dev.roster.tenants.boundary.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * New tokens on their way from the post that generated them to the page its redirect shows, in
 * memory only ({@link HandOver}), for the session that generated them. The plaintext is shown once:
 * the page takes it from here, and a refresh finds nothing.
 */
@ApplicationScoped
public class IssuedTokens {

  private final HandOver<IssuedToken> handOver = new HandOver<>(Clock.systemUTC());

  /** Keeps the token for the session; the id goes into the redirect's URL. */
  public String leave(String sessionId, IssuedToken token) {
    return handOver.leave(sessionId, token);
  }

  public Optional<IssuedToken> take(String sessionId, String id) {
    return handOver.take(sessionId, id);
  }
}
