package dev.roster.scim;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation ids tie a client's request to its provisioning-log record and server log lines. Entra
 * ID sends one as {@code client-request-id}; a client's id is kept when it is safe to echo in a
 * header and store, and replaced by a generated UUID otherwise.
 */
public final class CorrelationIds {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

  private CorrelationIds() {}

  /** The first safe candidate, or a new UUID. */
  public static String choose(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && SAFE.matcher(candidate.strip()).matches()) {
        return candidate.strip();
      }
    }
    return UUID.randomUUID().toString();
  }
}
