package dev.roster.tenants.boundary;

import dev.roster.tenants.entity.ApiToken;
import java.time.Instant;
import java.util.Locale;

/**
 * What an admin needs to know of a token at a glance, in the console's list and in the API alike. A
 * token of a disabled tenant keeps its own status: the tenant's state is shown beside it.
 */
public enum TokenStatus {
  ACTIVE,
  REVOKED,
  EXPIRED;

  static TokenStatus of(ApiToken token, Instant now) {
    if (token.getRevokedAt().isPresent()) {
      return REVOKED;
    }
    if (token.getExpiresAt().filter(expiry -> !now.isBefore(expiry)).isPresent()) {
      return EXPIRED;
    }
    return ACTIVE;
  }

  /** "active", "revoked" or "expired": the word the API and the pages use. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
