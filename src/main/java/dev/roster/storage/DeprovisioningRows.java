package dev.roster.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deactivations and deletions, counted and held (migration V10, docs/deprovisioning-hold.md). Plain
 * SQL. The count is shared by every instance because each deprovisioning first locks its tenant's
 * row ({@link #lockThreshold}) and inserts its own row before it commits: the next one of the
 * tenant counts it.
 */
public final class DeprovisioningRows {

  public static final String PASSED = "passed";
  public static final String HELD = "held";
  public static final String RELEASED = "released";
  public static final String REJECTED = "rejected";
  public static final String RESOLVED = "resolved";

  /** What a deprovisioning did: {@code active} became false, or the user was deleted. */
  public static final String DEACTIVATE = "deactivate";

  public static final String DELETE = "delete";

  /** A deprovisioning as stored; {@code events} a JSON array, or null. */
  public record Row(
      String id,
      String tenantId,
      String userId,
      String kind,
      LocalDateTime occurred,
      String request,
      String state,
      String userJson,
      String events,
      String decidedBy,
      LocalDateTime decidedAt) {}

  /** A tenant's threshold, as its row holds it. */
  public record Threshold(boolean enabled, int percent, int minimum) {}

  private static final String COLUMNS =
      "ID, TENANT_ID, USER_ID, KIND, OCCURRED, REQUEST, STATE, USER_JSON, EVENTS, DECIDED_BY,"
          + " DECIDED_AT";

  /**
   * The count of {@link #activeUsersUpTo}. It runs under the tenant's row lock, so it reads only
   * the index {@code SCIM_USERS_ACTIVE} (tenant, active), not the users' rows: at a million users
   * the rows took 1.9 s for 300,000 and the tenant's next deactivation waited past the lock timeout
   * (docs/benchmark.md#hold-count-at-a-million-2026-12-07).
   */
  static final String ACTIVE_USERS_SQL =
      "SELECT COUNT(*) FROM (SELECT 1 AS ONE FROM SCIM_USERS WHERE TENANT_ID = ?1"
          + " AND (ACTIVE IS NULL OR ACTIVE = TRUE) FETCH FIRST ?2 ROWS ONLY) ACTIVE_USERS";

  private final EntityManager em;

  public DeprovisioningRows(EntityManager em) {
    this.em = em;
  }

  /**
   * The tenant's threshold, with its row locked until this transaction ends, so that the
   * deprovisionings of one tenant are counted one after the other on every instance. Empty for a
   * tenant without a row (storage tests).
   */
  public Optional<Threshold> lockThreshold(String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        sql("SELECT HOLD_ENABLED, HOLD_PERCENT, HOLD_MINIMUM FROM TENANT WHERE ID = ?1 FOR UPDATE")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Threshold(
                    Boolean.TRUE.equals(r[0]) || Integer.valueOf(1).equals(r[0]),
                    ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue()));
  }

  /** Deprovisionings of the tenant since then, whatever became of them. */
  public long countSince(String tenantId, LocalDateTime since) {
    return ((Number)
            sql("SELECT COUNT(*) FROM DEPROVISIONING WHERE TENANT_ID = ?1 AND OCCURRED > ?2")
                .setParameter(1, tenantId)
                .setParameter(2, Timestamp.valueOf(since))
                .getSingleResult())
        .longValue();
  }

  /**
   * Users that are active (or were never marked), for the threshold's share, counted up to {@code
   * limit}: the count stops there, so it reads at most that many entries of {@link
   * #ACTIVE_USERS_SQL}'s index.
   */
  public long activeUsersUpTo(String tenantId, long limit) {
    return ((Number)
            sql(ACTIVE_USERS_SQL)
                .setParameter(1, tenantId)
                .setParameter(2, (int) Math.min(limit, Integer.MAX_VALUE))
                .getSingleResult())
        .longValue();
  }

  /** How many of the tenant's deprovisionings await review. */
  public long countHeld(String tenantId) {
    return ((Number)
            sql("SELECT COUNT(*) FROM DEPROVISIONING WHERE TENANT_ID = ?1 AND STATE = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, HELD)
                .getSingleResult())
        .longValue();
  }

  /** Deprovisionings awaiting review, by tenant, for the dashboard. */
  public Map<String, Long> heldByTenant() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        sql("SELECT TENANT_ID, COUNT(*) FROM DEPROVISIONING WHERE STATE = ?1 GROUP BY TENANT_ID")
            .setParameter(1, HELD)
            .getResultList();
    Map<String, Long> held = new HashMap<>();
    rows.forEach(r -> held.put((String) r[0], ((Number) r[1]).longValue()));
    return held;
  }

  public void insert(Row row) {
    sql("INSERT INTO DEPROVISIONING ("
            + COLUMNS
            + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CAST(?11 AS TIMESTAMP))")
        .setParameter(1, row.id())
        .setParameter(2, row.tenantId())
        .setParameter(3, row.userId())
        .setParameter(4, row.kind())
        .setParameter(5, Timestamp.valueOf(row.occurred()))
        .setParameter(6, row.request())
        .setParameter(7, row.state())
        .setParameter(8, row.userJson())
        .setParameter(9, row.events())
        .setParameter(10, row.decidedBy())
        .setParameter(11, row.decidedAt() == null ? null : Timestamp.valueOf(row.decidedAt()))
        .executeUpdate();
  }

  /** Passed deprovisionings older than this count for nothing any more. */
  public void forgetPassedBefore(String tenantId, LocalDateTime before) {
    sql("DELETE FROM DEPROVISIONING WHERE TENANT_ID = ?1 AND STATE = ?2 AND OCCURRED < ?3")
        .setParameter(1, tenantId)
        .setParameter(2, PASSED)
        .setParameter(3, Timestamp.valueOf(before))
        .executeUpdate();
  }

  /** The user's deprovisioning that is held or was rejected, if any: what its hold stands for. */
  public Optional<Row> open(String tenantId, String userId) {
    return rows(
            sql("SELECT "
                    + COLUMNS
                    + " FROM DEPROVISIONING WHERE TENANT_ID = ?1 AND USER_ID = ?2"
                    + " AND STATE IN (?3, ?4) ORDER BY OCCURRED DESC")
                .setParameter(1, tenantId)
                .setParameter(2, userId)
                .setParameter(3, HELD)
                .setParameter(4, REJECTED)
                .setMaxResults(1))
        .stream()
        .findFirst();
  }

  /** A held deactivation became a deletion: the same hold, with the deletion's events added. */
  public void becameDeletion(String id, String userJson, String events) {
    sql("UPDATE DEPROVISIONING SET KIND = ?4, USER_JSON = ?2, EVENTS = ?3 WHERE ID = ?1")
        .setParameter(1, id)
        .setParameter(2, userJson)
        .setParameter(3, events)
        .setParameter(4, DELETE)
        .executeUpdate();
  }

  /**
   * Decides held deprovisionings: each moves from {@code held} to {@code state} only if it is still
   * held, so that two admins deciding at once decide each once.
   *
   * @return the rows this call decided, as they were
   */
  public List<Row> decide(
      String tenantId, List<String> ids, String state, String by, LocalDateTime at) {
    List<Row> decided = new ArrayList<>();
    for (String id : ids) {
      List<Row> found =
          rows(
              sql("SELECT "
                      + COLUMNS
                      + " FROM DEPROVISIONING WHERE ID = ?1 AND TENANT_ID = ?2 AND STATE = ?3"
                      + " FOR UPDATE")
                  .setParameter(1, id)
                  .setParameter(2, tenantId)
                  .setParameter(3, HELD));
      if (found.isEmpty()) {
        continue;
      }
      sql("UPDATE DEPROVISIONING SET STATE = ?2, DECIDED_BY = ?3, DECIDED_AT = ?4 WHERE ID = ?1")
          .setParameter(1, id)
          .setParameter(2, state)
          .setParameter(3, by)
          .setParameter(4, Timestamp.valueOf(at))
          .executeUpdate();
      decided.add(found.get(0));
    }
    return decided;
  }

  /** The identity provider reactivated the user: its hold (held or rejected) resolves. */
  public void resolve(String id, LocalDateTime at) {
    sql("UPDATE DEPROVISIONING SET STATE = ?2, DECIDED_BY = ?3, DECIDED_AT = ?4, EVENTS = NULL"
            + " WHERE ID = ?1")
        .setParameter(1, id)
        .setParameter(2, RESOLVED)
        .setParameter(3, "the identity provider (reactivated)")
        .setParameter(4, Timestamp.valueOf(at))
        .executeUpdate();
  }

  /**
   * One page of the tenant's deprovisionings in a state (or all but {@code passed} when null),
   * newest first.
   */
  public List<Row> page(String tenantId, String state, int limit) {
    Query query =
        state == null
            ? sql("SELECT "
                    + COLUMNS
                    + " FROM DEPROVISIONING WHERE TENANT_ID = ?1 AND STATE <> ?2"
                    + " ORDER BY OCCURRED DESC, ID")
                .setParameter(1, tenantId)
                .setParameter(2, PASSED)
            : sql("SELECT "
                    + COLUMNS
                    + " FROM DEPROVISIONING WHERE TENANT_ID = ?1 AND STATE = ?2"
                    + " ORDER BY OCCURRED DESC, ID")
                .setParameter(1, tenantId)
                .setParameter(2, state);
    return rows(query.setMaxResults(limit));
  }

  /** The ids of up to {@code limit} of the tenant's held deprovisionings, oldest first. */
  public List<String> heldIds(String tenantId, int limit) {
    @SuppressWarnings("unchecked")
    List<Object> ids =
        sql("SELECT ID FROM DEPROVISIONING WHERE TENANT_ID = ?1 AND STATE = ?2"
                + " ORDER BY OCCURRED, ID")
            .setParameter(1, tenantId)
            .setParameter(2, HELD)
            .setMaxResults(limit)
            .getResultList();
    return ids.stream().map(String.class::cast).toList();
  }

  private List<Row> rows(Query query) {
    @SuppressWarnings("unchecked")
    List<Object[]> found = query.getResultList();
    List<Row> rows = new ArrayList<>(found.size());
    for (Object[] r : found) {
      rows.add(
          new Row(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              (String) r[3],
              time(r[4]),
              (String) r[5],
              (String) r[6],
              text(r[7]),
              text(r[8]),
              (String) r[9],
              time(r[10])));
    }
    return rows;
  }

  private static LocalDateTime time(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private Query sql(String sql) {
    return em.createNativeQuery(sql);
  }
}
