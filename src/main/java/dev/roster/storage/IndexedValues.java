package dev.roster.storage;

import dev.roster.users.entity.IndexedValue;
import jakarta.persistence.EntityManager;

/**
 * The writes of the value index ({@link ValueIndex} reads it): a user's entries are inserted with
 * the user, changed one by one when few change, and replaced in one batch when many do.
 */
public final class IndexedValues {

  private final EntityManager em;

  public IndexedValues(EntityManager em) {
    this.em = em;
  }

  public void insert(long userId, String tenantId, String path, int element, String key) {
    em.persist(new IndexedValue(userId, tenantId, path, element, key));
  }

  public void update(long userId, String path, int element, String key) {
    em.createQuery(
            "UPDATE IndexedValue v SET v.valueKey = ?4"
                + " WHERE v.userId = ?1 AND v.path = ?2 AND v.element = ?3")
        .setParameter(1, userId)
        .setParameter(2, path)
        .setParameter(3, element)
        .setParameter(4, key)
        .executeUpdate();
  }

  public void delete(long userId, String path, int element) {
    em.createQuery(
            "DELETE FROM IndexedValue v WHERE v.userId = ?1 AND v.path = ?2 AND v.element = ?3")
        .setParameter(1, userId)
        .setParameter(2, path)
        .setParameter(3, element)
        .executeUpdate();
  }

  /** Every entry of the user. */
  public void deleteAll(long userId) {
    em.createQuery("DELETE FROM IndexedValue v WHERE v.userId = ?1")
        .setParameter(1, userId)
        .executeUpdate();
  }
}
