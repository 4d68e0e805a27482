package dev.roster.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What the provisioning-log writer keeps beside the records (migration V12, docs/console.md): the
 * users a group request named ({@code PROVISIONING_LOG_MEMBER}), requests and errors per tenant and
 * hour ({@code PROVISIONING_LOG_HOURLY}), and each tenant's milestones ({@code TENANT_ACTIVITY}).
 * The writer writes them in the transaction of its records ({@link JdbcLogWrites}); the console
 * reads them here instead of counting the log.
 */
public final class LogFacts {

  /** A time in {@code TENANT_ACTIVITY}: a first one only moves back, a last one only forward. */
  public enum Milestone {
    FIRST_REQUEST(true),
    LAST_REQUEST(false),
    LAST_SUCCESS(false),
    LAST_FAILURE(false),
    LAST_UNAUTHORIZED(false),
    LAST_TEST_CONNECTION(false),
    LAST_TEST_CONNECTION_OK(false),
    FIRST_USER_WRITE(true),
    FIRST_GROUP_WRITE(true),
    LAST_WRITE(false);

    private final boolean first;

    Milestone(boolean first) {
      this.first = first;
    }

    public boolean first() {
      return first;
    }
  }

  /** Requests and errors in one hour. */
  public record HourCount(Instant hour, long requests, long errors) {}

  /** A user a group request named as a member. */
  public record MemberRow(long logId, String tenantId, String userId, Instant time) {}

  private final EntityManager em;

  public LogFacts(EntityManager em) {
    this.em = em;
  }

  /** A tenant's milestones, those it has reached. */
  public Map<Milestone, Instant> activity(String tenantId) {
    StringJoiner columns = new StringJoiner(", ");
    for (Milestone milestone : Milestone.values()) {
      columns.add(milestone.name());
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT " + columns + " FROM TENANT_ACTIVITY WHERE TENANT_ID = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    Map<Milestone, Instant> times = new EnumMap<>(Milestone.class);
    if (!rows.isEmpty()) {
      Object[] row = rows.get(0);
      for (Milestone milestone : Milestone.values()) {
        instant(row[milestone.ordinal()]).ifPresent(t -> times.put(milestone, t));
      }
    }
    return times;
  }

  /**
   * Requests and errors per hour since the hour given, oldest first; of one tenant, or of all
   * ({@code tenantId} null) with the requests of no tenant.
   */
  public List<HourCount> hours(String tenantId, Instant since) {
    Query query =
        em.createNativeQuery(
                "SELECT HOUR_START, SUM(REQUESTS), SUM(ERRORS) FROM PROVISIONING_LOG_HOURLY"
                    + " WHERE HOUR_START >= ?1"
                    + (tenantId == null ? "" : " AND TENANT_ID = ?2")
                    + " GROUP BY HOUR_START ORDER BY HOUR_START")
            .setParameter(1, Timestamp.valueOf(Timestamps.stored(since)));
    if (tenantId != null) {
      query.setParameter(2, tenantId);
    }
    List<HourCount> hours = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] columns = (Object[]) row;
      hours.add(
          new HourCount(
              instant(columns[0]).orElseThrow(),
              ((Number) columns[1]).longValue(),
              ((Number) columns[2]).longValue()));
    }
    return hours;
  }

  /** Each tenant's requests and errors since the hour given; {@code ""} for those of no tenant. */
  public Map<String, long[]> tenantsSince(Instant since) {
    Map<String, long[]> totals = new HashMap<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT TENANT_ID, SUM(REQUESTS), SUM(ERRORS) FROM PROVISIONING_LOG_HOURLY"
                    + " WHERE HOUR_START >= ?1 GROUP BY TENANT_ID")
            .setParameter(1, Timestamp.valueOf(Timestamps.stored(since)))
            .getResultList()) {
      Object[] columns = (Object[]) row;
      totals.put(
          (String) columns[0],
          new long[] {((Number) columns[1]).longValue(), ((Number) columns[2]).longValue()});
    }
    return totals;
  }

  /**
   * The ids of the log records that named the user as a member of a group, newest first, through
   * the (tenant, user, time) index.
   */
  public List<Long> recordsNamingMember(String tenantId, String userId, int limit) {
    List<Long> ids = new ArrayList<>();
    for (Object id :
        em.createNativeQuery(
                "SELECT LOG_ID FROM PROVISIONING_LOG_MEMBER WHERE TENANT_ID = ?1 AND USER_ID = ?2"
                    + " ORDER BY TENANT_ID, USER_ID, LOG_TIME DESC")
            .setParameter(1, tenantId)
            .setParameter(2, userId)
            .setMaxResults(limit)
            .getResultList()) {
      ids.add(((Number) id).longValue());
    }
    return ids;
  }

  /**
   * Deletes the member rows and hourly counts older than the cutoff. Member rows are only those of
   * group requests, an hour's worth at each hourly purge: one statement.
   */
  public int purgeOlderThan(Instant cutoff) {
    Timestamp before = Timestamp.valueOf(Timestamps.stored(cutoff));
    em.createNativeQuery("DELETE FROM PROVISIONING_LOG_HOURLY WHERE HOUR_START < ?1")
        .setParameter(1, before)
        .executeUpdate();
    return em.createNativeQuery("DELETE FROM PROVISIONING_LOG_MEMBER WHERE LOG_TIME < ?1")
        .setParameter(1, before)
        .executeUpdate();
  }

  private static Optional<Instant> instant(Object column) {
    if (column instanceof Timestamp t) {
      return Optional.of(Timestamps.instant(t.toLocalDateTime()));
    }
    if (column instanceof LocalDateTime t) {
      return Optional.of(Timestamps.instant(t));
    }
    return Optional.empty();
  }
}
