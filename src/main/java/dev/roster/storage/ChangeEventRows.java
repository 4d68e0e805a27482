package dev.roster.storage;

import dev.roster.events.entity.ChangeEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed's tables: {@code CHANGE_EVENT} and the per-tenant {@code TENANT_EVENT_COUNTER}
 * (migration V5).
 *
 * <p>Plain SQL, not entities: events are only ever appended and read in pages, and a statement that
 * does not make EclipseLink flush keeps a long transaction of many writes (an import, a test
 * fixture) as cheap as it was. Every statement here runs with flush mode {@code COMMIT}; the stores
 * flush their own changes before they append events.
 */
public final class ChangeEventRows {

  private final EntityManager em;

  public ChangeEventRows(EntityManager em) {
    this.em = em;
  }

  /**
   * An event to append: numbered by {@link #append}.
   *
   * @param data the event's {@code data} as JSON text
   */
  public record NewEvent(String type, String resourceId, String data) {}

  /**
   * Numbers the events and appends them, in the caller's transaction. Raising the tenant's counter
   * locks its row until the transaction ends, so the next writer of this tenant numbers its events
   * only after this one committed (or rolled back, which gives the numbers back): numbers have no
   * gaps and follow commit order. Returns the last number.
   */
  public long append(String tenantId, LocalDateTime occurred, List<NewEvent> events) {
    int n = events.size();
    int raised =
        sql("UPDATE TENANT_EVENT_COUNTER SET LAST_SEQ = LAST_SEQ + ?1 WHERE TENANT_ID = ?2")
            .setParameter(1, n)
            .setParameter(2, tenantId)
            .executeUpdate();
    long last;
    if (raised == 0) {
      // a tenant made before V5's rows or outside Tenants (tests): its first event makes it
      createCounter(tenantId, n);
      last = n;
    } else {
      last = lastNumber(tenantId);
    }
    Timestamp time = Timestamp.valueOf(occurred);
    long seq = last - n;
    for (NewEvent event : events) {
      sql("INSERT INTO CHANGE_EVENT (TENANT_ID, SEQ, TYPE, RESOURCE_ID, OCCURRED, PAYLOAD)"
              + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
          .setParameter(1, tenantId)
          .setParameter(2, ++seq)
          .setParameter(3, event.type())
          .setParameter(4, event.resourceId())
          .setParameter(5, time)
          .setParameter(6, event.data())
          .executeUpdate();
    }
    return last;
  }

  /** Makes the counter of a new tenant; nothing when it has one. */
  public void createCounter(String tenantId) {
    Number existing =
        (Number)
            first(
                sql("SELECT COUNT(*) FROM TENANT_EVENT_COUNTER WHERE TENANT_ID = ?1")
                    .setParameter(1, tenantId));
    if (existing.longValue() == 0) {
      createCounter(tenantId, 0);
    }
  }

  /** The number of the tenant's latest event: 0 before its first. */
  public long lastNumber(String tenantId) {
    Object last =
        first(
            sql("SELECT LAST_SEQ FROM TENANT_EVENT_COUNTER WHERE TENANT_ID = ?1")
                .setParameter(1, tenantId));
    return last == null ? 0 : ((Number) last).longValue();
  }

  /**
   * The tenant's {@code DEPARTMENT_SOURCE} (migration V7), which decides its department events;
   * null for a tenant without a row (tests' tenants).
   */
  public String departmentSourceOf(String tenantId) {
    return (String)
        first(sql("SELECT DEPARTMENT_SOURCE FROM TENANT WHERE ID = ?1").setParameter(1, tenantId));
  }

  /** The number of the tenant's oldest kept event, or 0 when none is kept. */
  public long oldestKept(String tenantId) {
    Object oldest =
        first(
            sql("SELECT MIN(SEQ) FROM CHANGE_EVENT WHERE TENANT_ID = ?1")
                .setParameter(1, tenantId));
    return oldest == null ? 0 : ((Number) oldest).longValue();
  }

  /** Up to {@code limit} events numbered above {@code after}, in order (on the primary key). */
  public List<ChangeEvent> after(String tenantId, long after, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        sql("SELECT SEQ, TYPE, RESOURCE_ID, OCCURRED, PAYLOAD FROM CHANGE_EVENT"
                + " WHERE TENANT_ID = ?1 AND SEQ > ?2 ORDER BY TENANT_ID, SEQ")
            .setParameter(1, tenantId)
            .setParameter(2, after)
            .setMaxResults(limit)
            .getResultList();
    List<ChangeEvent> events = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      events.add(
          new ChangeEvent(
              tenantId,
              ((Number) row[0]).longValue(),
              (String) row[1],
              (String) row[2],
              instant(row[3]),
              (String) row[4]));
    }
    return events;
  }

  /**
   * The oldest events (of any tenant) that occurred before a cutoff ({@code ?1}), at most {@code
   * ?2}: through {@code CHANGE_EVENT_OCCURRED}, reading only those.
   */
  static final String OLDEST_SQL =
      "SELECT TENANT_ID, SEQ FROM CHANGE_EVENT WHERE OCCURRED < ?1 ORDER BY OCCURRED"
          + " FETCH FIRST ?2 ROWS ONLY";

  /**
   * A tenant's ({@code ?1}) events numbered from {@code ?2} to {@code ?3} that occurred before a
   * cutoff ({@code ?4}): through the primary key, reading only that range.
   */
  static final String DELETE_RANGE_SQL =
      "DELETE FROM CHANGE_EVENT WHERE TENANT_ID = ?1 AND SEQ BETWEEN ?2 AND ?3 AND OCCURRED < ?4";

  /**
   * Deletes the {@code max} oldest events (of any tenant) that occurred before the cutoff, and any
   * other event before the cutoff that a tenant numbered between two of them; returns how many, so
   * fewer than {@code max} means none is left. It reads the oldest first, then deletes each
   * tenant's range of them. One {@code DELETE} with that read as its subquery made H2 walk every
   * event for it, even when none was old: at a million events it outlasted the statement timeout,
   * so the hourly purge failed every hour (docs/benchmark.md).
   */
  public int purgeOlderThan(Instant cutoff, int max) {
    Timestamp before = Timestamp.valueOf(Timestamps.stored(cutoff));
    @SuppressWarnings("unchecked")
    List<Object[]> oldest =
        sql(OLDEST_SQL).setParameter(1, before).setParameter(2, max).getResultList();
    Map<String, long[]> ranges = new HashMap<>(); // a tenant's lowest and highest number
    for (Object[] row : oldest) {
      long seq = ((Number) row[1]).longValue();
      ranges.merge(
          (String) row[0],
          new long[] {seq, seq},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    int deleted = 0;
    for (Map.Entry<String, long[]> range : ranges.entrySet()) {
      deleted +=
          sql(DELETE_RANGE_SQL)
              .setParameter(1, range.getKey())
              .setParameter(2, range.getValue()[0])
              .setParameter(3, range.getValue()[1])
              .setParameter(4, before)
              .executeUpdate();
    }
    return deleted;
  }

  private void createCounter(String tenantId, long lastSeq) {
    sql("INSERT INTO TENANT_EVENT_COUNTER (TENANT_ID, LAST_SEQ) VALUES (?1, ?2)")
        .setParameter(1, tenantId)
        .setParameter(2, lastSeq)
        .executeUpdate();
  }

  private Query sql(String statement) {
    return em.createNativeQuery(statement).setFlushMode(FlushModeType.COMMIT);
  }

  private static Object first(Query query) {
    List<?> rows = query.getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static Instant instant(Object stored) {
    if (stored instanceof Timestamp timestamp) {
      return Timestamps.instant(timestamp.toLocalDateTime());
    }
    return Timestamps.instant((LocalDateTime) stored);
  }
}
