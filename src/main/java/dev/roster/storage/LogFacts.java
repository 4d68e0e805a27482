package dev.roster.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
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
 * The writer writes them in the transaction of its records; the console reads them instead of
 * counting the log.
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

  private static final int ROWS_PER_INSERT = 100;

  private final EntityManager em;

  public LogFacts(EntityManager em) {
    this.em = em;
  }

  public void insertMembers(List<MemberRow> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      List<MemberRow> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
      StringJoiner values = new StringJoiner(", ");
      int n = 0;
      for (int i = 0; i < chunk.size(); i++) {
        values.add("(?" + (++n) + ", ?" + (++n) + ", ?" + (++n) + ", ?" + (++n) + ")");
      }
      Query insert =
          em.createNativeQuery(
              "INSERT INTO PROVISIONING_LOG_MEMBER (LOG_ID, TENANT_ID, USER_ID, LOG_TIME) VALUES "
                  + values);
      int p = 0;
      for (MemberRow row : chunk) {
        insert.setParameter(++p, row.logId());
        insert.setParameter(++p, row.tenantId());
        insert.setParameter(++p, row.userId());
        insert.setParameter(++p, Timestamp.valueOf(Timestamps.stored(row.time())));
      }
      insert.executeUpdate();
    }
  }

  /** Adds to a tenant's count of an hour, as this writer counted it ({@code ""}: no tenant). */
  public void countHour(String tenantId, Instant hour, String writer, long requests, long errors) {
    Timestamp start = Timestamp.valueOf(Timestamps.stored(hour));
    int updated =
        em.createNativeQuery(
                "UPDATE PROVISIONING_LOG_HOURLY SET REQUESTS = REQUESTS + ?1, ERRORS = ERRORS + ?2"
                    + " WHERE TENANT_ID = ?3 AND HOUR_START = ?4 AND WRITER = ?5")
            .setParameter(1, requests)
            .setParameter(2, errors)
            .setParameter(3, tenantId)
            .setParameter(4, start)
            .setParameter(5, writer)
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "INSERT INTO PROVISIONING_LOG_HOURLY (TENANT_ID, HOUR_START, WRITER, REQUESTS, ERRORS)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, tenantId)
          .setParameter(2, start)
          .setParameter(3, writer)
          .setParameter(4, requests)
          .setParameter(5, errors)
          .executeUpdate();
    }
  }

  /** Moves a tenant's milestones: first ones back, last ones forward, never the other way. */
  public void advance(String tenantId, Map<Milestone, Instant> times) {
    if (times.isEmpty()) {
      return;
    }
    StringJoiner set = new StringJoiner(", ");
    List<Object> values = new ArrayList<>();
    for (Map.Entry<Milestone, Instant> time : times.entrySet()) {
      String column = time.getKey().name();
      values.add(Timestamp.valueOf(Timestamps.stored(time.getValue())));
      String p = "?" + values.size();
      set.add(
          column
              + " = CASE WHEN "
              + column
              + " IS NULL OR "
              + column
              + (time.getKey().first() ? " > " : " < ")
              + p
              + " THEN "
              + p
              + " ELSE "
              + column
              + " END");
    }
    values.add(tenantId);
    Query update =
        em.createNativeQuery(
            "UPDATE TENANT_ACTIVITY SET " + set + " WHERE TENANT_ID = ?" + values.size());
    for (int i = 0; i < values.size(); i++) {
      update.setParameter(i + 1, values.get(i));
    }
    if (update.executeUpdate() > 0) {
      return;
    }
    StringJoiner columns = new StringJoiner(", ");
    StringJoiner places = new StringJoiner(", ");
    columns.add("TENANT_ID");
    places.add("?1");
    int p = 1;
    for (Milestone milestone : times.keySet()) {
      columns.add(milestone.name());
      places.add("?" + (++p));
    }
    Query insert =
        em.createNativeQuery(
            "INSERT INTO TENANT_ACTIVITY (" + columns + ") VALUES (" + places + ")");
    insert.setParameter(1, tenantId);
    p = 1;
    for (Instant time : times.values()) {
      insert.setParameter(++p, Timestamp.valueOf(Timestamps.stored(time)));
    }
    insert.executeUpdate();
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
   * The names of a tenant's users ({@code USER_NAME_KEY}, in lower case) or groups ({@code
   * DISPLAY_NAME}) by id, for log records that name only an id; ids of no such resource are left
   * out.
   */
  public Map<String, String> names(String tenantId, boolean groups, Collection<String> ids) {
    Map<String, String> names = new HashMap<>();
    if (ids.isEmpty()) {
      return names;
    }
    StringJoiner places = new StringJoiner(", ");
    for (int i = 0; i < ids.size(); i++) {
      places.add("?" + (i + 2));
    }
    Query query =
        em.createNativeQuery(
                (groups
                        ? "SELECT SCIM_ID, DISPLAY_NAME FROM SCIM_GROUPS"
                        : "SELECT SCIM_ID, USER_NAME_KEY FROM SCIM_USERS")
                    + " WHERE TENANT_ID = ?1 AND SCIM_ID IN ("
                    + places
                    + ")")
            .setParameter(1, tenantId);
    int p = 1;
    for (String id : ids) {
      query.setParameter(++p, id);
    }
    for (Object row : query.getResultList()) {
      Object[] columns = (Object[]) row;
      names.put((String) columns[0], (String) columns[1]);
    }
    return names;
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
