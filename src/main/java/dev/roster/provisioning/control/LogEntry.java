package dev.roster.provisioning.control;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * What the provisioning-log filter captures of one request, on the request thread and cheaply. The
 * body is still raw here; the writer redacts it off the request thread.
 *
 * @param tenantId null when the request was not authenticated
 * @param tokenPrefix the non-secret prefix of the presented token, or null when there was none
 * @param body the request body as received, or null
 * @param parsedBody the body as the request parsed it for the resource, or null: the writer redacts
 *     this rather than parse the body a second time
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
    byte[] body,
    JsonObject parsedBody) {

  /**
   * The same entry with another body, and without a parsed one: the redacted body, for a body too
   * large to queue raw, or the raw body alone, for one too large to queue parsed.
   */
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
        newBody,
        null);
  }

  @Override
  public String toString() {
    return "LogEntry[" + method + " " + path + " " + status + " " + correlationId + "]";
  }
}
