package dev.roster.tenants.control;

import java.time.Duration;
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

  /** A token's last use is written at most this often, not on every request. */
  public static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** Whether this use should be written to the database. */
  public boolean useToRecordAt(Instant now) {
    return lastUsedAt == null || !now.isBefore(lastUsedAt.plus(LAST_USE_GRANULARITY));
  }

  /** Whether a request can be let in on this grant alone, with no database work at all. */
  public boolean sufficesAt(Instant now) {
    return !expiredAt(now) && !useToRecordAt(now);
  }

  public TokenGrant usedAt(Instant now) {
    return new TokenGrant(tokenId, tenantId, prefix, expiresAt, now);
  }
}
