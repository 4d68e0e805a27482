package dev.roster.provisioning.boundary;

import dev.roster.provisioning.entity.ProvisioningRecord;
import dev.roster.storage.LogFacts;
import dev.roster.storage.LogQueries;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and purges the provisioning log: the search the console, its CSV export and the admin API
 * share, and what the console shows of a tenant's or a resource's requests. Readers get {@link
 * LogRecord} copies, never the stored entity. Writing is {@link ProvisioningLogWriter}'s job; the
 * statements are {@link LogQueries}.
 */
@Stateless
public class ProvisioningLog {

  @PersistenceContext EntityManager em;

  /** A tenant's requests in a period, and how many of them were answered 400 or above. */
  public record Traffic(long requests, long errors) {

    public static final Traffic NONE = new Traffic(0, 0);
  }

  private LogQueries queries() {
    return new LogQueries(em);
  }

  /** One page of records matching the query, newest first, paged by (time, id). */
  public LogPage search(LogQuery query) {
    List<LogRecord> rows =
        queries().search(query, query.limit() + 1).stream().map(LogRecord::of).toList();
    boolean more = rows.size() > query.limit();
    List<LogRecord> page = more ? rows.subList(0, query.limit()) : rows;
    if (query.beforeTime() != null) {
      // read backwards, oldest first: the page is the newest records before the cursor's
      List<LogRecord> newestFirst = new ArrayList<>(page);
      java.util.Collections.reverse(newestFirst);
      return new LogPage(
          newestFirst,
          newestFirst.isEmpty() ? null : cursorOf(newestFirst.get(newestFirst.size() - 1)),
          more && !newestFirst.isEmpty() ? cursorOf(newestFirst.get(0)) : null);
    }
    return new LogPage(
        page,
        more ? cursorOf(page.get(page.size() - 1)) : null,
        query.after() != null && !page.isEmpty() ? cursorOf(page.get(0)) : null);
  }

  private static LogCursor cursorOf(LogRecord record) {
    return new LogCursor(record.getTime(), record.getId());
  }

  /**
   * How many records match the query (its position ignored), counted up to {@code cap}: a result
   * above {@code cap} means "more than cap".
   */
  public int count(LogQuery query, int cap) {
    return queries().count(query, cap);
  }

  /** The record with that id, if the log still has it. */
  public Optional<LogRecord> entry(long id) {
    return queries().find(id).map(LogRecord::of);
  }

  /**
   * The latest records about one user or group of a tenant (its create, reads, changes and
   * deletion), newest first.
   *
   * @param resourceType as the log records it: {@code User} or {@code Group}
   */
  public List<LogRecord> latestAbout(
      String tenantId, String resourceType, String resourceId, int limit) {
    return queries().latestAbout(tenantId, resourceType, resourceId, limit).stream()
        .map(LogRecord::of)
        .toList();
  }

  /**
   * Each tenant's traffic since the start of the time's hour, by tenant id, from the hourly counts;
   * tenants without requests are absent, and {@code ""} holds the requests of no tenant.
   */
  public Map<String, Traffic> trafficSince(Instant since) {
    Map<String, Traffic> traffic = new HashMap<>();
    new LogFacts(em)
        .tenantsSince(since.truncatedTo(ChronoUnit.HOURS))
        .forEach((tenant, counts) -> traffic.put(tenant, new Traffic(counts[0], counts[1])));
    return traffic;
  }

  /** Requests and errors in one hour. */
  public record HourTraffic(Instant hour, long requests, long errors) {}

  /**
   * Requests and errors per hour over the last {@code hours} hours, the current one included, one
   * entry per hour (zero where there were none), oldest first; of a tenant, or of all (null).
   */
  public List<HourTraffic> hourly(String tenantId, Instant now, int hours) {
    Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(hours - 1L, ChronoUnit.HOURS);
    Map<Instant, LogFacts.HourCount> counted = new HashMap<>();
    new LogFacts(em).hours(tenantId, first).forEach(h -> counted.put(h.hour(), h));
    List<HourTraffic> series = new ArrayList<>(hours);
    for (int i = 0; i < hours; i++) {
      Instant hour = first.plus(i, ChronoUnit.HOURS);
      LogFacts.HourCount count = counted.get(hour);
      series.add(
          count == null
              ? new HourTraffic(hour, 0, 0)
              : new HourTraffic(hour, count.requests(), count.errors()));
    }
    return series;
  }

  /** What the tenant's identity provider has been seen doing: the times it reached. */
  public Map<LogFacts.Milestone, Instant> activity(String tenantId) {
    return new LogFacts(em).activity(tenantId);
  }

  /**
   * A user's timeline: the latest records about the user and those of group requests that named it
   * as a member, newest first. Two index reads of at most {@code limit} rows each.
   */
  public List<LogRecord> timelineOfUser(String tenantId, String userId, int limit) {
    LogQueries queries = queries();
    List<ProvisioningRecord> own = queries.latestAbout(tenantId, "User", userId, limit);
    List<Long> memberOf = new LogFacts(em).recordsNamingMember(tenantId, userId, limit);
    List<ProvisioningRecord> all = new ArrayList<>(own);
    Set<Long> seen = new HashSet<>();
    own.forEach(r -> seen.add(r.getId()));
    for (Long id : memberOf) {
      if (seen.add(id)) {
        queries.find(id).ifPresent(all::add);
      }
    }
    all.sort(
        Comparator.comparing(ProvisioningRecord::getTime)
            .thenComparing(ProvisioningRecord::getId)
            .reversed());
    return all.stream().limit(limit).map(LogRecord::of).toList();
  }

  /** The time of the tenant's latest request, if it has one. */
  public Optional<Instant> latestRequest(String tenantId) {
    return queries().latestTime(tenantId, null);
  }

  /** The time of the tenant's latest request answered 400 or above since the time, if any. */
  public Optional<Instant> latestError(String tenantId, Instant since) {
    return queries().latestTime(tenantId, since);
  }

  /**
   * Deletes up to {@code max} records older than the cutoff, in this transaction.
   *
   * @return how many were deleted; call again while it returns {@code max}
   */
  public int purgeOlderThan(Instant cutoff, int max) {
    return queries().purgeOlderThan(cutoff, max);
  }

  /** Deletes the member rows and hourly counts older than the cutoff, in this transaction. */
  public int purgeFactsOlderThan(Instant cutoff) {
    return new LogFacts(em).purgeOlderThan(cutoff);
  }
}
