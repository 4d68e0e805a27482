package dev.roster.storage;

import dev.roster.apikeys.entity.ApiKey;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The queries on API keys. */
public final class ApiKeyQueries {

  private ApiKeyQueries() {}

  /** The key with that secret hash: one lookup on the unique hash index. */
  public static Optional<ApiKey> byHash(EntityManager em, String secretHash) {
    return em.createQuery("SELECT k FROM ApiKey k WHERE k.secretHash = ?1", ApiKey.class)
        .setParameter(1, secretHash)
        .getResultStream()
        .findFirst();
  }

  /** Every key, newest first (ties by id), revoked ones included. */
  public static List<ApiKey> all(EntityManager em) {
    return em.createQuery("SELECT k FROM ApiKey k ORDER BY k.createdAt DESC, k.id", ApiKey.class)
        .getResultList();
  }
}
