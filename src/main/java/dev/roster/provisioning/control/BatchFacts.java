package dev.roster.provisioning.control;

import dev.roster.scim.LogActions;
import dev.roster.storage.LogFacts.Milestone;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch of log entries adds to the facts kept beside the log (docs/console.md): requests
 * and errors per tenant and hour, and each tenant's milestones (first request, last success, last
 * Test Connection, first user...). Counted here, in memory, so that the writer updates one row per
 * tenant and hour, and one per tenant, for a whole batch.
 */
public final class BatchFacts {

  /** The tenant of requests that had none (a token nobody issued, no token). */
  public static final String NO_TENANT = "";

  /** A tenant's hour. */
  public record Hour(String tenantId, Instant start) {}

  private final Map<Hour, long[]> hours = new LinkedHashMap<>();

  /**
   * By tenant id, in order: writers of several instances then lock tenants' rows in the same order,
   * and cannot deadlock on them.
   */
  private final Map<String, Map<Milestone, Instant>> milestones = new TreeMap<>();

  public void add(LogEntry entry) {
    boolean error = entry.status() >= 400;
    String tenant = entry.tenantId() == null ? NO_TENANT : entry.tenantId();
    long[] counts =
        hours.computeIfAbsent(
            new Hour(tenant, entry.time().truncatedTo(ChronoUnit.HOURS)), h -> new long[2]);
    counts[0]++;
    counts[1] += error ? 1 : 0;
    if (entry.tenantId() == null) {
      return;
    }
    Map<Milestone, Instant> times =
        milestones.computeIfAbsent(entry.tenantId(), t -> new EnumMap<>(Milestone.class));
    Instant time = entry.time();
    reach(times, Milestone.FIRST_REQUEST, time);
    reach(times, Milestone.LAST_REQUEST, time);
    reach(times, error ? Milestone.LAST_FAILURE : Milestone.LAST_SUCCESS, time);
    if (entry.status() == 401) {
      reach(times, Milestone.LAST_UNAUTHORIZED, time);
    }
    if (LogActions.TEST_CONNECTION.equals(entry.action())) {
      reach(times, Milestone.LAST_TEST_CONNECTION, time);
      if (entry.status() == 200) {
        reach(times, Milestone.LAST_TEST_CONNECTION_OK, time);
      }
    }
    if (!error && LogActions.isWrite(entry.action())) {
      reach(times, Milestone.LAST_WRITE, time);
      if ("User".equals(entry.target().resourceType())) {
        reach(times, Milestone.FIRST_USER_WRITE, time);
      } else if ("Group".equals(entry.target().resourceType())) {
        reach(times, Milestone.FIRST_GROUP_WRITE, time);
      }
    }
  }

  private static void reach(Map<Milestone, Instant> times, Milestone milestone, Instant time) {
    times.merge(
        milestone,
        time,
        (was, now) ->
            milestone.first() ? (now.isBefore(was) ? now : was) : (now.isAfter(was) ? now : was));
  }

  /** Requests and errors by tenant and hour. */
  public Map<Hour, long[]> hours() {
    return hours;
  }

  /** The milestones each tenant reached in this batch. */
  public Map<String, Map<Milestone, Instant>> milestones() {
    return milestones;
  }
}
