package dev.roster.admin.web;

import dev.roster.admin.control.HandOver;
import dev.roster.webhooks.boundary.IssuedWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * New webhook secrets on their way from the post that created the endpoint to the page its redirect
 * shows, in memory only, as {@link IssuedApiKeys} does for API keys: shown once.
 */
@ApplicationScoped
public class IssuedWebhooks {

  private final HandOver<IssuedWebhook> handOver = new HandOver<>(Clock.systemUTC());

  public String leave(String sessionId, IssuedWebhook webhook) {
    return handOver.leave(sessionId, webhook);
  }

  public Optional<IssuedWebhook> take(String sessionId, String id) {
    return handOver.take(sessionId, id);
  }
}
