package dev.roster.webhooks.boundary;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint as the admin API and the console show it: never its secret.
 *
 * @param tenantId the one tenant it receives, or null for all
 * @param state {@code active}, {@code failing} (an event has failed for longer than {@code
 *     roster.webhooks.retry-for}; it is still tried once per retry interval) or {@code disabled}
 * @param failingSince when the oldest unacknowledged failure began, or null
 */
public record WebhookView(
    String id,
    String tenantId,
    String url,
    String description,
    List<String> eventTypes,
    boolean enabled,
    Instant createdAt,
    String createdBy,
    String state,
    Instant failingSince,
    List<Progress> tenants) {

  /**
   * How far the endpoint has received one tenant's events.
   *
   * @param pending events after {@code delivered} up to the tenant's latest (sent or filtered out)
   * @param nextAttempt when a failed event is tried again, or null when none is failing
   */
  public record Progress(
      String tenantId,
      long delivered,
      long latest,
      long pending,
      int failures,
      Instant nextAttempt,
      Integer lastStatus,
      String lastError,
      Long replayFrom,
      Long replayTo) {}
}
