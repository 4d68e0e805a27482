package dev.roster.admin.web;

import dev.roster.admin.control.HandOver;
import dev.roster.apikeys.boundary.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * New API keys on their way from the post that issued them to the page its redirect shows, in
 * memory only, as {@link IssuedTokens} does for SCIM tokens: the plaintext is shown once.
 */
@ApplicationScoped
public class IssuedApiKeys {

  private final HandOver<ApiKeys.Issued> handOver = new HandOver<>(Clock.systemUTC());

  public String leave(String sessionId, ApiKeys.Issued key) {
    return handOver.leave(sessionId, key);
  }

  public Optional<ApiKeys.Issued> take(String sessionId, String id) {
    return handOver.take(sessionId, id);
  }
}
