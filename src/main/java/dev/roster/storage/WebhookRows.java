package dev.roster.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The webhook tables (migration V8, docs/webhooks.md): endpoints, one delivery cursor per endpoint
 * and tenant, and recent attempts. Plain SQL, like the change feed's: a cursor is claimed and moved
 * with conditional updates whose row counts say whether this instance still holds it.
 */
public final class WebhookRows {

  private final EntityManager em;

  public WebhookRows(EntityManager em) {
    this.em = em;
  }

  /**
   * An endpoint as stored.
   *
   * @param tenantId the one tenant it receives, or null for all
   * @param eventTypes comma-separated patterns ({@code *}, {@code user.*}, {@code user.deleted})
   * @param secret the signing secret, sealed ({@code runtime/TokenSecrets} does not apply: it must
   *     be readable to sign)
   */
  public record Endpoint(
      String id,
      String tenantId,
      String url,
      String description,
      String eventTypes,
      String secret,
      boolean enabled,
      Instant createdAt,
      String createdBy) {}

  /** How far an endpoint has received a tenant's events, and its retry state. */
  public record Cursor(
      String endpointId,
      String tenantId,
      long deliveredSeq,
      long latestSeq,
      int attempts,
      Instant nextAttempt,
      Instant firstFailure,
      Integer lastStatus,
      String lastError,
      Long replayFrom,
      Long replayTo) {}

  /** One attempt to deliver one event; {@code status} null when no answer came. */
  public record Attempt(
      String id,
      String endpointId,
      String tenantId,
      long seq,
      String eventType,
      Instant attemptedAt,
      Integer status,
      int latencyMillis,
      String error,
      Instant nextAttempt) {}

  /** A cursor to work on: its endpoint and tenant. */
  public record CursorKey(String endpointId, String tenantId) {}

  // Endpoints

  public void insert(Endpoint e) {
    sql("INSERT INTO WEBHOOK_ENDPOINT (ID, TENANT_ID, URL, DESCRIPTION, EVENT_TYPES, SECRET,"
            + " ENABLED, CREATED_AT, CREATED_BY) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .setParameter(1, e.id())
        .setParameter(2, e.tenantId())
        .setParameter(3, e.url())
        .setParameter(4, e.description())
        .setParameter(5, e.eventTypes())
        .setParameter(6, e.secret())
        .setParameter(7, e.enabled())
        .setParameter(8, time(e.createdAt()))
        .setParameter(9, e.createdBy())
        .executeUpdate();
  }

  public List<Endpoint> endpoints() {
    return endpointRows(sql(ENDPOINT_COLUMNS + " ORDER BY CREATED_AT, ID"));
  }

  public Optional<Endpoint> endpoint(String id) {
    return endpointRows(sql(ENDPOINT_COLUMNS + " WHERE ID = ?1").setParameter(1, id)).stream()
        .findFirst();
  }

  public void update(Endpoint e) {
    sql("UPDATE WEBHOOK_ENDPOINT SET URL = ?2, DESCRIPTION = ?3, EVENT_TYPES = ?4, ENABLED = ?5"
            + " WHERE ID = ?1")
        .setParameter(1, e.id())
        .setParameter(2, e.url())
        .setParameter(3, e.description())
        .setParameter(4, e.eventTypes())
        .setParameter(5, e.enabled())
        .executeUpdate();
  }

  /** Deletes the endpoint with its cursors and attempts. */
  public int delete(String id) {
    sql("DELETE FROM WEBHOOK_ATTEMPT WHERE ENDPOINT_ID = ?1").setParameter(1, id).executeUpdate();
    sql("DELETE FROM WEBHOOK_CURSOR WHERE ENDPOINT_ID = ?1").setParameter(1, id).executeUpdate();
    return sql("DELETE FROM WEBHOOK_ENDPOINT WHERE ID = ?1").setParameter(1, id).executeUpdate();
  }

  // Cursors

  /**
   * The cursors of a new endpoint: one per tenant it receives, at the tenant's latest event, so
   * that it receives what happens from now on.
   */
  public void startCursors(String endpointId, String tenantId, Instant now) {
    String select =
        "INSERT INTO WEBHOOK_CURSOR (ENDPOINT_ID, TENANT_ID, DELIVERED_SEQ, ATTEMPTS,"
            + " NEXT_ATTEMPT) SELECT ?1, c.TENANT_ID, c.LAST_SEQ, 0, ?2 FROM TENANT_EVENT_COUNTER c";
    Query insert =
        tenantId == null
            ? sql(select)
            : sql(select + " WHERE c.TENANT_ID = ?3").setParameter(3, tenantId);
    insert.setParameter(1, endpointId).setParameter(2, time(now)).executeUpdate();
  }

  /**
   * Cursors for tenants that have events but none yet for an all-tenant endpoint (tenants made
   * after the endpoint): from their first event. Two instances may race here; the loser's statement
   * fails on the primary key and its caller tries again on its next round.
   */
  public int addMissingCursors(Instant now) {
    return sql("INSERT INTO WEBHOOK_CURSOR (ENDPOINT_ID, TENANT_ID, DELIVERED_SEQ, ATTEMPTS,"
            + " NEXT_ATTEMPT) SELECT e.ID, c.TENANT_ID, 0, 0, ?1"
            + " FROM WEBHOOK_ENDPOINT e, TENANT_EVENT_COUNTER c WHERE e.TENANT_ID IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM WEBHOOK_CURSOR w"
            + " WHERE w.ENDPOINT_ID = e.ID AND w.TENANT_ID = c.TENANT_ID)")
        .setParameter(1, time(now))
        .executeUpdate();
  }

  /**
   * Cursors with something to send now, unleased, of enabled endpoints: the longest waiting first.
   */
  public List<CursorKey> due(Instant now, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        sql("SELECT w.ENDPOINT_ID, w.TENANT_ID FROM WEBHOOK_CURSOR w"
                + " JOIN WEBHOOK_ENDPOINT e ON e.ID = w.ENDPOINT_ID"
                + " JOIN TENANT_EVENT_COUNTER c ON c.TENANT_ID = w.TENANT_ID"
                + " WHERE e.ENABLED = TRUE AND w.NEXT_ATTEMPT <= ?1"
                + " AND (w.LEASE_UNTIL IS NULL OR w.LEASE_UNTIL < ?1)"
                + " AND (c.LAST_SEQ > w.DELIVERED_SEQ OR w.REPLAY_FROM IS NOT NULL)"
                + " ORDER BY w.NEXT_ATTEMPT")
            .setParameter(1, time(now))
            .setMaxResults(limit)
            .getResultList();
    List<CursorKey> keys = new ArrayList<>();
    for (Object[] row : rows) {
      keys.add(new CursorKey((String) row[0], (String) row[1]));
    }
    return keys;
  }

  /**
   * Leases a cursor to {@code owner} until {@code until} if no one holds it; {@code true} when this
   * call got it. The database's row lock makes one of two racing instances win.
   */
  public boolean claim(CursorKey key, String owner, Instant now, Instant until) {
    return sql("UPDATE WEBHOOK_CURSOR SET LEASED_BY = ?3, LEASE_UNTIL = ?4"
                + " WHERE ENDPOINT_ID = ?1 AND TENANT_ID = ?2"
                + " AND (LEASE_UNTIL IS NULL OR LEASE_UNTIL < ?5)")
            .setParameter(1, key.endpointId())
            .setParameter(2, key.tenantId())
            .setParameter(3, owner)
            .setParameter(4, time(until))
            .setParameter(5, time(now))
            .executeUpdate()
        == 1;
  }

  public Optional<Cursor> cursor(CursorKey key) {
    return cursorRows(
            sql(CURSOR_COLUMNS + " WHERE w.ENDPOINT_ID = ?1 AND w.TENANT_ID = ?2")
                .setParameter(1, key.endpointId())
                .setParameter(2, key.tenantId()))
        .stream()
        .findFirst();
  }

  public List<Cursor> cursors(String endpointId) {
    return cursorRows(
        sql(CURSOR_COLUMNS + " WHERE w.ENDPOINT_ID = ?1 ORDER BY w.TENANT_ID")
            .setParameter(1, endpointId));
  }

  /**
   * Moves a leased cursor: the position, the replay range still to send, the retry state and the
   * lease's end. {@code false} when the lease was lost (it ran out and another instance took it).
   */
  public boolean move(
      CursorKey key,
      String owner,
      long deliveredSeq,
      Long replayFrom,
      Long replayTo,
      int attempts,
      Instant nextAttempt,
      Instant firstFailure,
      Integer lastStatus,
      String lastError,
      Instant leaseUntil) {
    // nullable parameters are cast: PostgreSQL takes an untyped null for text
    return sql("UPDATE WEBHOOK_CURSOR SET DELIVERED_SEQ = ?4, REPLAY_FROM = CAST(?5 AS BIGINT),"
                + " REPLAY_TO = CAST(?6 AS BIGINT), ATTEMPTS = ?7, NEXT_ATTEMPT = ?8,"
                + " FIRST_FAILURE = CAST(?9 AS TIMESTAMP), LAST_STATUS = CAST(?10 AS INTEGER),"
                + " LAST_ERROR = ?11, LEASE_UNTIL = ?12"
                + " WHERE ENDPOINT_ID = ?1 AND TENANT_ID = ?2 AND LEASED_BY = ?3")
            .setParameter(1, key.endpointId())
            .setParameter(2, key.tenantId())
            .setParameter(3, owner)
            .setParameter(4, deliveredSeq)
            .setParameter(5, replayFrom)
            .setParameter(6, replayTo)
            .setParameter(7, attempts)
            .setParameter(8, time(nextAttempt))
            .setParameter(9, firstFailure == null ? null : time(firstFailure))
            .setParameter(10, lastStatus)
            .setParameter(11, lastError)
            .setParameter(12, time(leaseUntil))
            .executeUpdate()
        == 1;
  }

  /** Gives a lease back, if this owner still holds it. */
  public void release(CursorKey key, String owner) {
    sql("UPDATE WEBHOOK_CURSOR SET LEASED_BY = NULL, LEASE_UNTIL = NULL"
            + " WHERE ENDPOINT_ID = ?1 AND TENANT_ID = ?2 AND LEASED_BY = ?3")
        .setParameter(1, key.endpointId())
        .setParameter(2, key.tenantId())
        .setParameter(3, owner)
        .executeUpdate();
  }

  /** Asks for events {@code from}..{@code to} to be sent again, now; false without a cursor. */
  public boolean replay(CursorKey key, long from, long to, Instant now) {
    return sql("UPDATE WEBHOOK_CURSOR SET REPLAY_FROM = ?3, REPLAY_TO = ?4, NEXT_ATTEMPT = ?5,"
                + " ATTEMPTS = 0, FIRST_FAILURE = NULL WHERE ENDPOINT_ID = ?1 AND TENANT_ID = ?2")
            .setParameter(1, key.endpointId())
            .setParameter(2, key.tenantId())
            .setParameter(3, from)
            .setParameter(4, to)
            .setParameter(5, time(now))
            .executeUpdate()
        == 1;
  }

  // Attempts

  public void insert(Attempt a) {
    sql("INSERT INTO WEBHOOK_ATTEMPT (ID, ENDPOINT_ID, TENANT_ID, SEQ, EVENT_TYPE, ATTEMPTED_AT,"
            + " STATUS, LATENCY_MS, ERROR, NEXT_ATTEMPT) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
            + " CAST(?7 AS INTEGER), ?8, ?9, CAST(?10 AS TIMESTAMP))")
        .setParameter(1, a.id())
        .setParameter(2, a.endpointId())
        .setParameter(3, a.tenantId())
        .setParameter(4, a.seq())
        .setParameter(5, a.eventType())
        .setParameter(6, time(a.attemptedAt()))
        .setParameter(7, a.status())
        .setParameter(8, a.latencyMillis())
        .setParameter(9, a.error())
        .setParameter(10, a.nextAttempt() == null ? null : time(a.nextAttempt()))
        .executeUpdate();
  }

  /**
   * The endpoint's latest attempts, newest first (the {@code (ENDPOINT_ID, ATTEMPTED_AT)} index).
   */
  public List<Attempt> attempts(String endpointId, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        sql("SELECT ID, ENDPOINT_ID, TENANT_ID, SEQ, EVENT_TYPE, ATTEMPTED_AT, STATUS,"
                + " LATENCY_MS, ERROR, NEXT_ATTEMPT FROM WEBHOOK_ATTEMPT WHERE ENDPOINT_ID = ?1"
                + " ORDER BY ENDPOINT_ID DESC, ATTEMPTED_AT DESC")
            .setParameter(1, endpointId)
            .setMaxResults(limit)
            .getResultList();
    List<Attempt> attempts = new ArrayList<>();
    for (Object[] row : rows) {
      attempts.add(
          new Attempt(
              (String) row[0],
              (String) row[1],
              (String) row[2],
              ((Number) row[3]).longValue(),
              (String) row[4],
              instant(row[5]),
              row[6] == null ? null : ((Number) row[6]).intValue(),
              ((Number) row[7]).intValue(),
              (String) row[8],
              row[9] == null ? null : instant(row[9])));
    }
    return attempts;
  }

  /** Deletes up to {@code max} attempts made before the cutoff. */
  public int purgeAttemptsBefore(Instant cutoff, int max) {
    return sql("DELETE FROM WEBHOOK_ATTEMPT WHERE ID IN (SELECT ID FROM WEBHOOK_ATTEMPT"
            + " WHERE ATTEMPTED_AT < ?1 ORDER BY ATTEMPTED_AT FETCH FIRST ?2 ROWS ONLY)")
        .setParameter(1, time(cutoff))
        .setParameter(2, max)
        .executeUpdate();
  }

  private static final String ENDPOINT_COLUMNS =
      "SELECT ID, TENANT_ID, URL, DESCRIPTION, EVENT_TYPES, SECRET, ENABLED, CREATED_AT,"
          + " CREATED_BY FROM WEBHOOK_ENDPOINT";

  private static final String CURSOR_COLUMNS =
      "SELECT w.ENDPOINT_ID, w.TENANT_ID, w.DELIVERED_SEQ, COALESCE(c.LAST_SEQ, 0), w.ATTEMPTS,"
          + " w.NEXT_ATTEMPT, w.FIRST_FAILURE, w.LAST_STATUS, w.LAST_ERROR, w.REPLAY_FROM,"
          + " w.REPLAY_TO FROM WEBHOOK_CURSOR w"
          + " LEFT JOIN TENANT_EVENT_COUNTER c ON c.TENANT_ID = w.TENANT_ID";

  private static List<Endpoint> endpointRows(Query query) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    List<Endpoint> endpoints = new ArrayList<>();
    for (Object[] row : rows) {
      endpoints.add(
          new Endpoint(
              (String) row[0],
              (String) row[1],
              (String) row[2],
              (String) row[3],
              (String) row[4],
              (String) row[5],
              Boolean.TRUE.equals(row[6]),
              instant(row[7]),
              (String) row[8]));
    }
    return endpoints;
  }

  private static List<Cursor> cursorRows(Query query) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    List<Cursor> cursors = new ArrayList<>();
    for (Object[] row : rows) {
      cursors.add(
          new Cursor(
              (String) row[0],
              (String) row[1],
              ((Number) row[2]).longValue(),
              ((Number) row[3]).longValue(),
              ((Number) row[4]).intValue(),
              instant(row[5]),
              row[6] == null ? null : instant(row[6]),
              row[7] == null ? null : ((Number) row[7]).intValue(),
              (String) row[8],
              row[9] == null ? null : ((Number) row[9]).longValue(),
              row[10] == null ? null : ((Number) row[10]).longValue()));
    }
    return cursors;
  }

  private Query sql(String statement) {
    return em.createNativeQuery(statement).setFlushMode(FlushModeType.COMMIT);
  }

  private static Timestamp time(Instant instant) {
    return Timestamp.valueOf(Timestamps.stored(instant));
  }

  private static Instant instant(Object stored) {
    if (stored instanceof Timestamp timestamp) {
      return Timestamps.instant(timestamp.toLocalDateTime());
    }
    return Timestamps.instant((LocalDateTime) stored);
  }
}
