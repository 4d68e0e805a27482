package dev.roster.tenants.control;

import java.time.Instant;

/**
 * What a valid token grants: access to one tenant's data. Held in the {@link TokenCache}, so it
 * carries what a request needs to be checked without the database.
 *
 * @param expiresAt when the token stops working, or null if never
 * @param lastUsedAt when its use was last written to the database, or null if never
 */
public record TokenGrant(
    String tokenId, String tenantId, String prefix, Instant expiresAt, Instant lastUsedAt) {

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public TokenGrant usedAt(Instant now) {
    return new TokenGrant(tokenId, tenantId, prefix, expiresAt, now);
  }
}
