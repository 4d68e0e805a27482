package dev.roster.provisioning.boundary;

import dev.roster.storage.LogQueries;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    if (rows.size() <= query.limit()) {
      return new LogPage(rows, null);
    }
    List<LogRecord> page = rows.subList(0, query.limit());
    LogRecord last = page.get(page.size() - 1);
    return new LogPage(page, new LogCursor(last.getTime(), last.getId()));
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

  /** Each tenant's traffic since the time, by tenant id; tenants without requests are absent. */
  public Map<String, Traffic> trafficSince(Instant since) {
    Map<String, Traffic> traffic = new HashMap<>();
    for (LogQueries.TenantTraffic t : queries().trafficSince(since)) {
      traffic.put(t.tenantId(), new Traffic(t.requests(), t.errors()));
    }
    return traffic;
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
}
