package dev.roster.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's imported accounts (migration V9, docs/account-import.md): which user each account
 * became, and since when the identity provider owns it. Plain SQL: a conditional update says
 * whether this request was the one that linked an account.
 */
public final class ProductAccountRows {

  /**
   * A tenant's users by where they came from: imported accounts, linked or not yet, and users the
   * identity provider created that matched no account.
   */
  public record Counts(long users, long imported, long linked) {

    public long notYetLinked() {
      return imported - linked;
    }

    public long provisionedWithoutMatch() {
      return users - imported;
    }
  }

  private final EntityManager em;

  public ProductAccountRows(EntityManager em) {
    this.em = em;
  }

  /** The user row of each of these accounts that the tenant has imported before. */
  public Map<String, Long> usersOf(String tenantId, Collection<String> accountIds) {
    Map<String, Long> users = new HashMap<>();
    if (accountIds.isEmpty()) {
      return users;
    }
    List<String> ids = List.copyOf(accountIds);
    StringBuilder placeholders = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      placeholders.append(i == 0 ? "" : ", ").append('?').append(i + 2);
    }
    Query query =
        sql("SELECT ACCOUNT_ID, USER_ID FROM PRODUCT_ACCOUNT WHERE TENANT_ID = ?1"
                + " AND ACCOUNT_ID IN ("
                + placeholders
                + ")")
            .setParameter(1, tenantId);
    for (int i = 0; i < ids.size(); i++) {
      query.setParameter(i + 2, ids.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    for (Object[] row : rows) {
      users.put((String) row[0], ((Number) row[1]).longValue());
    }
    return users;
  }

  public void insert(
      String tenantId, String accountId, long userId, LocalDateTime now, LocalDateTime linkedAt) {
    sql("INSERT INTO PRODUCT_ACCOUNT (TENANT_ID, ACCOUNT_ID, USER_ID, IMPORTED_AT, LINKED_AT)"
            + " VALUES (?1, ?2, ?3, ?4, CAST(?5 AS TIMESTAMP))")
        .setParameter(1, tenantId)
        .setParameter(2, accountId)
        .setParameter(3, userId)
        .setParameter(4, now)
        .setParameter(5, linkedAt)
        .executeUpdate();
  }

  /**
   * Records that the identity provider found or wrote the account.
   *
   * @return whether this call linked it: false when another request did first
   */
  public boolean link(String tenantId, String accountId, LocalDateTime now) {
    return sql("UPDATE PRODUCT_ACCOUNT SET LINKED_AT = ?3 WHERE TENANT_ID = ?1"
                + " AND ACCOUNT_ID = ?2 AND LINKED_AT IS NULL")
            .setParameter(1, tenantId)
            .setParameter(2, accountId)
            .setParameter(3, now)
            .executeUpdate()
        == 1;
  }

  /** The account's user is deleted: the account is no longer imported. */
  public void delete(String tenantId, String accountId) {
    sql("DELETE FROM PRODUCT_ACCOUNT WHERE TENANT_ID = ?1 AND ACCOUNT_ID = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, accountId)
        .executeUpdate();
  }

  /** The tenant's users (a range of an index) and its imported and linked accounts (another). */
  public Counts counts(String tenantId) {
    long users =
        em.createQuery("SELECT COUNT(u) FROM StoredUser u WHERE u.tenantId = ?1", Long.class)
            .setParameter(1, tenantId)
            .getSingleResult();
    Object[] row =
        (Object[])
            sql("SELECT COUNT(*), COUNT(LINKED_AT) FROM PRODUCT_ACCOUNT WHERE TENANT_ID = ?1")
                .setParameter(1, tenantId)
                .getSingleResult();
    return new Counts(users, ((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  /** Whether the tenant has an imported account not yet linked: one seek of an index. */
  public boolean anyUnlinked(String tenantId) {
    return !sql("SELECT 1 FROM PRODUCT_ACCOUNT WHERE TENANT_ID = ?1 AND LINKED_AT IS NULL")
        .setParameter(1, tenantId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * The imported, not yet linked users of the tenant with one of these email comparison keys
   * (lower-case), from the value index: primary and other addresses alike.
   */
  public List<Long> unlinkedWithEmail(String tenantId, Collection<String> emailKeys) {
    if (emailKeys.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "SELECT DISTINCT u.id FROM IndexedValue v, StoredUser u WHERE u.id = v.userId"
                + " AND v.tenantId = ?1 AND v.path = 'emails.value' AND v.valueKey IN ?2"
                + " AND u.productAccountId IS NOT NULL AND u.linkedAt IS NULL",
            Long.class)
        .setParameter(1, tenantId)
        .setParameter(2, List.copyOf(emailKeys))
        .getResultList();
  }

  private Query sql(String sql) {
    return em.createNativeQuery(sql);
  }
}
