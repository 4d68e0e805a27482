package dev.roster.storage;

import dev.roster.tenants.entity.ApiToken;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queries on API tokens. Times are stored as UTC date-times ({@link ApiToken}'s columns), so
 * the instants given here are converted the same way.
 */
public final class TokenQueries {

  private TokenQueries() {}

  /** The token with that secret hash, with its tenant: one lookup on the unique hash index. */
  public static Optional<ApiToken> byHash(EntityManager em, String secretHash) {
    return em.createQuery(
            "SELECT t FROM ApiToken t JOIN FETCH t.tenant WHERE t.secretHash = ?1", ApiToken.class)
        .setParameter(1, secretHash)
        .getResultStream()
        .findFirst();
  }

  /**
   * The tenant of the stored token with that prefix, if any: for a 401 whose secret is wrong but
   * whose prefix names a token (migration V12's index).
   */
  public static Optional<String> tenantOfPrefix(EntityManager em, String prefix) {
    return em.createQuery("SELECT t.tenant.id FROM ApiToken t WHERE t.prefix = ?1", String.class)
        .setParameter(1, prefix)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /**
   * A tenant's tokens, newest first (ties by id, so the order is stable), revoked ones included.
   */
  public static List<ApiToken> ofTenant(EntityManager em, String tenantId) {
    return em.createQuery(
            "SELECT t FROM ApiToken t WHERE t.tenant.id = ?1 ORDER BY t.createdAt DESC, t.id",
            ApiToken.class)
        .setParameter(1, tenantId)
        .getResultList();
  }

  /**
   * Writes a token's last use, unless another request (or instance) wrote one after the threshold:
   * so concurrent requests write it once, and no read is needed first.
   *
   * @return how many rows changed, 0 or 1
   */
  public static int recordUse(EntityManager em, String tokenId, Instant now, Instant threshold) {
    return em.createQuery(
            "UPDATE ApiToken t SET t.lastUsedAt = ?1 WHERE t.id = ?2"
                + " AND (t.lastUsedAt IS NULL OR t.lastUsedAt < ?3)")
        .setParameter(1, Timestamps.stored(now))
        .setParameter(2, tokenId)
        .setParameter(3, Timestamps.stored(threshold))
        .executeUpdate();
  }
}
