package dev.roster.provisioning.control;

import dev.roster.scim.LogActions;
import dev.roster.storage.LogFacts.Milestone;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one batch of log entries adds to the facts kept beside the log (docs/console.md): requests
 * and errors per tenant and hour, and each tenant's milestones (first request, last success, last
 * Test Connection, first user...). Counted here, in memory, so that the writer updates one row per
 * tenant and hour, and one per tenant, for a whole batch.
 */
public final class BatchFacts {

  /** The most member ids one record keeps for the users' timelines. */
  public static final int MEMBERS_PER_RECORD = 100;

  /** The tenant of requests that had none (a token nobody issued, no token). */
  public static final String NO_TENANT = "";

  /** A tenant's hour. */
  public record Hour(String tenantId, Instant start) {}

  private static final Pattern MEMBER_FILTER =
      Pattern.compile("(?i)^\\s*members\\s*\\[\\s*value\\s+eq\\s+\"([^\"]+)\"\\s*\\]\\s*$");

  private final Map<Hour, long[]> hours = new LinkedHashMap<>();
  private final Map<String, Map<Milestone, Instant>> milestones = new LinkedHashMap<>();

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

  /**
   * The ids a group request named as members, in order and at most {@value #MEMBERS_PER_RECORD}:
   * {@code members} of a POST or PUT, and the values and {@code members[value eq "…"]} paths of a
   * PATCH's operations.
   */
  public static List<String> memberIds(JsonObject body) {
    Set<String> ids = new LinkedHashSet<>();
    if (body == null) {
      return List.of();
    }
    collectMembers(body, ids);
    if (body.get("Operations") instanceof JsonArray operations) {
      for (JsonValue value : operations) {
        if (!(value instanceof JsonObject operation)) {
          continue;
        }
        String path = operation.get("path") instanceof JsonString p ? p.getString() : null;
        JsonValue operand = operation.get("value");
        if (path == null) {
          if (operand instanceof JsonObject values) {
            collectMembers(values, ids);
          }
        } else if (path.trim().toLowerCase(java.util.Locale.ROOT).startsWith("members")) {
          Matcher filter = MEMBER_FILTER.matcher(path);
          if (filter.matches()) {
            ids.add(filter.group(1));
          }
          if (operand instanceof JsonArray array) {
            values(array, ids);
          } else if (operand instanceof JsonObject one
              && one.get("value") instanceof JsonString v) {
            ids.add(v.getString());
          }
        }
      }
    }
    List<String> list = new ArrayList<>(ids);
    return list.size() > MEMBERS_PER_RECORD ? list.subList(0, MEMBERS_PER_RECORD) : list;
  }

  private static void collectMembers(JsonObject object, Set<String> ids) {
    for (String key : object.keySet()) {
      if (key.equalsIgnoreCase("members") && object.get(key) instanceof JsonArray array) {
        values(array, ids);
      }
    }
  }

  private static void values(JsonArray array, Set<String> ids) {
    for (JsonValue member : array) {
      if (member instanceof JsonObject m && m.get("value") instanceof JsonString v) {
        ids.add(v.getString());
      }
    }
  }
}
