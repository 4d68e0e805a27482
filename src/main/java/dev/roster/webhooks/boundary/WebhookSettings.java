package dev.roster.webhooks.boundary;

import dev.roster.webhooks.control.Backoff;
import dev.roster.webhooks.control.SecretSeal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The webhook settings (docs/webhooks.md, "Configuration"). */
@ApplicationScoped
public class WebhookSettings {

  @Inject
  @ConfigProperty(name = "roster.webhooks.first-retry", defaultValue = "PT5S")
  Duration firstRetry;

  @Inject
  @ConfigProperty(name = "roster.webhooks.max-retry-interval", defaultValue = "PT1H")
  Duration maxRetryInterval;

  @Inject
  @ConfigProperty(name = "roster.webhooks.retry-for", defaultValue = "PT24H")
  Duration retryFor;

  @Inject
  @ConfigProperty(name = "roster.webhooks.threads", defaultValue = "4")
  int threads;

  @Inject
  @ConfigProperty(name = "roster.webhooks.attempts-retention-days", defaultValue = "7")
  int attemptsRetentionDays;

  @Inject
  @ConfigProperty(name = "roster.webhooks.secret-key", defaultValue = " ")
  String secretKey;

  public Backoff backoff() {
    return new Backoff(firstRetry, maxRetryInterval);
  }

  /** How long an event is retried before its endpoint is marked failing. */
  public Duration retryFor() {
    return retryFor;
  }

  public int threads() {
    return Math.max(1, threads);
  }

  public Duration attemptsRetention() {
    return Duration.ofDays(Math.max(1, attemptsRetentionDays));
  }

  public SecretSeal seal() {
    return new SecretSeal(secretKey);
  }
}
