package dev.roster.provisioning.control;

import java.time.Instant;

/** Log entries for tests, as the writer receives them: a GET of {@code /scim/v2/Users}. */
public final class LogEntries {

  private LogEntries() {}

  /**
   * @param type the resource type the request was about, or null
   * @param action what it did ({@code dev.roster.scim.LogActions}), or null
   */
  public static LogEntry get(
      Instant time, String tenant, String type, int status, String correlationId, String action) {
    return new LogEntry(
        time,
        tenant,
        null,
        "test",
        "GET",
        "/scim/v2/Users",
        null,
        new RequestTarget(type, null),
        status,
        null,
        null,
        1,
        correlationId,
        null,
        null,
        null,
        action);
  }
}
