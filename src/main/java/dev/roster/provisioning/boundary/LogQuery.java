package dev.roster.provisioning.boundary;

import dev.roster.storage.LogQueries;
import java.time.Instant;

/**
 * A search of the provisioning log, newest first. Every criterion is optional.
 *
 * @param from inclusive lower bound of the time
 * @param to exclusive upper bound of the time
 * @param statusMin inclusive, e.g. 400 for client errors
 * @param statusMax inclusive, e.g. 499
 * @param action what the request did ({@code dev.roster.scim.LogActions}), exactly
 * @param text found, ignoring case, in the subject, path, query, resource id, detail, correlation
 *     id or body
 * @param after continue after this record (the {@link LogPage#next()} of the previous page)
 * @param before the page just before this record, read backwards (the {@link LogPage#previous()} of
 *     the following page); with {@code after}, {@code after} wins
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 */
public record LogQuery(
    String tenantId,
    Instant from,
    Instant to,
    Integer statusMin,
    Integer statusMax,
    String method,
    String resourceType,
    String correlationId,
    String action,
    String text,
    LogCursor after,
    LogCursor before,
    int limit)
    implements LogQueries.Search {

  public static final int MAX_LIMIT = 1000;

  public LogQuery {
    limit = Math.max(1, Math.min(limit, MAX_LIMIT));
  }

  @Override
  public Instant afterTime() {
    return after == null ? null : after.time();
  }

  @Override
  public Long afterId() {
    return after == null ? null : after.id();
  }

  @Override
  public Instant beforeTime() {
    return after != null || before == null ? null : before.time();
  }

  @Override
  public Long beforeId() {
    return after != null || before == null ? null : before.id();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a query criterion by criterion. */
  public static final class Builder {
    private String tenantId;
    private Instant from;
    private Instant to;
    private Integer statusMin;
    private Integer statusMax;
    private String method;
    private String resourceType;
    private String correlationId;
    private String action;
    private String text;
    private LogCursor after;
    private LogCursor before;
    private int limit = 50;

    public Builder tenant(String value) {
      tenantId = value;
      return this;
    }

    public Builder between(Instant fromInclusive, Instant toExclusive) {
      from = fromInclusive;
      to = toExclusive;
      return this;
    }

    public Builder status(int exact) {
      return statusBetween(exact, exact);
    }

    public Builder statusBetween(Integer min, Integer max) {
      statusMin = min;
      statusMax = max;
      return this;
    }

    public Builder method(String value) {
      method = value;
      return this;
    }

    public Builder resourceType(String value) {
      resourceType = value;
      return this;
    }

    public Builder correlationId(String value) {
      correlationId = value;
      return this;
    }

    public Builder action(String value) {
      action = value;
      return this;
    }

    public Builder text(String value) {
      text = value;
      return this;
    }

    public Builder after(LogCursor value) {
      after = value;
      return this;
    }

    public Builder before(LogCursor value) {
      before = value;
      return this;
    }

    public Builder limit(int value) {
      limit = value;
      return this;
    }

    public LogQuery build() {
      return new LogQuery(
          tenantId,
          from,
          to,
          statusMin,
          statusMax,
          method,
          resourceType,
          correlationId,
          action,
          text,
          after,
          before,
          limit);
    }
  }
}
