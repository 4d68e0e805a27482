package dev.roster.provisioning.control;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What the provisioning-log filter captures of one request, on the request thread and cheaply. The
 * body is still raw here; the writer redacts it off the request thread. Every U+0000 in what the
 * client sent (path, query, client, detail, body, target) is stored as the text {@link
 * #NUL_STORED_AS}: no request may be lost from the log because a database cannot store its text.
 *
 * @param tenantId null when the request was not authenticated
 * @param tokenPrefix the non-secret prefix of the presented token, or null when there was none
 * @param body the request body as received, or null
 * @param parsedBody the body as the request parsed it for the resource, or null: the writer redacts
 *     this rather than parse the body a second time
 * @param subject whom the request was about (a userName or group displayName), or null
 * @param action what it did ({@code dev.roster.scim.LogActions}), or null
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
    JsonObject parsedBody,
    String subject,
    String action) {

  /** What U+0000 is stored as. */
  public static final String NUL_STORED_AS = "\\u0000";

  public LogEntry {
    client = storable(client);
    path = storable(path);
    query = storable(query);
    target = new RequestTarget(storable(target.resourceType()), storable(target.resourceId()));
    scimType = storable(scimType);
    detail = storable(detail);
    correlationId = storable(correlationId);
    body = storable(body);
    subject = storable(subject);
  }

  /** The text with each U+0000 written as {@value #NUL_STORED_AS}. */
  static String storable(String text) {
    return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", NUL_STORED_AS);
  }

  /** The same for UTF-8 bytes, where U+0000 is the byte 0 and nothing else. */
  static byte[] storable(byte[] utf8) {
    if (utf8 == null) {
      return null;
    }
    int zeros = 0;
    for (byte b : utf8) {
      zeros += b == 0 ? 1 : 0;
    }
    if (zeros == 0) {
      return utf8;
    }
    byte[] escape = NUL_STORED_AS.getBytes(StandardCharsets.US_ASCII);
    byte[] stored = new byte[utf8.length + zeros * (escape.length - 1)];
    int at = 0;
    for (byte b : utf8) {
      if (b == 0) {
        System.arraycopy(escape, 0, stored, at, escape.length);
        at += escape.length;
      } else {
        stored[at++] = b;
      }
    }
    return stored;
  }

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
        null,
        subject,
        action);
  }

  @Override
  public String toString() {
    return "LogEntry[" + method + " " + path + " " + status + " " + correlationId + "]";
  }
}
