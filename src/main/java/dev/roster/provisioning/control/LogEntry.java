package dev.roster.provisioning.control;

import java.time.Instant;

/**
 * What the provisioning-log filter captures of one request, on the request thread and cheaply. The
 * body is still raw here; the writer redacts it off the request thread.
 *
 * @param tenantId null when the request was not authenticated
 * @param tokenPrefix the non-secret prefix of the presented token, or null when there was none
 * @param body the request body as received, or null
 */
public record LogEntry(
    Instant time,
    String tenantId,
    String tokenPrefix,
    String client,
    String method,
    String path,
    String query,
    RequestTarget target,
    int status,
    String scimType,
    String detail,
    long durationMillis,
    String correlationId,
    byte[] body) {

  /** The same entry with another body: the redacted one, for a body too large to queue raw. */
  public LogEntry withBody(byte[] newBody) {
    return new LogEntry(
        time,
        tenantId,
        tokenPrefix,
        client,
        method,
        path,
        query,
        target,
        status,
        scimType,
        detail,
        durationMillis,
        correlationId,
        newBody);
  }

  @Override
  public String toString() {
    return "LogEntry[" + method + " " + path + " " + status + " " + correlationId + "]";
  }
}
