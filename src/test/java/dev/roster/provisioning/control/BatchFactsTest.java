package dev.roster.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roster.storage.LogFacts.Milestone;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a batch of log entries adds to the hourly counts and the tenants' milestones. */
class BatchFactsTest {

  private static final Instant T = Instant.parse("2026-12-04T09:15:00Z");

  @Test
  void countsRequestsAndErrorsPerTenantAndHour() {
    BatchFacts facts = new BatchFacts();
    facts.add(entry(T, "acme", "User", 201, "create"));
    facts.add(entry(T.plusSeconds(60), "acme", "User", 409, "create"));
    facts.add(entry(T.plusSeconds(3600), "acme", "User", 200, "lookup"));
    facts.add(entry(T, null, null, 401, null));
    facts.add(entry(T, "acme", null, 404, null)); // about nothing the log names

    Map<BatchFacts.Hour, long[]> hours = facts.hours();
    assertArrayEquals(
        new long[] {3, 2},
        hours.get(new BatchFacts.Hour("acme", Instant.parse("2026-12-04T09:00:00Z"))));
    assertArrayEquals(
        new long[] {1, 0},
        hours.get(new BatchFacts.Hour("acme", Instant.parse("2026-12-04T10:00:00Z"))));
    assertArrayEquals(
        new long[] {1, 1},
        hours.get(
            new BatchFacts.Hour(BatchFacts.NO_TENANT, Instant.parse("2026-12-04T09:00:00Z"))));
    assertFalse(facts.milestones().containsKey(BatchFacts.NO_TENANT));
  }

  @Test
  void reachesEachMilestoneAtItsFirstOrLastTime() {
    BatchFacts facts = new BatchFacts();
    facts.add(entry(T.plusSeconds(10), "acme", "User", 200, "test connection"));
    facts.add(entry(T, "acme", "User", 401, "list"));
    facts.add(entry(T.plusSeconds(20), "acme", "User", 201, "create"));
    facts.add(entry(T.plusSeconds(30), "acme", "Group", 200, "add members"));
    facts.add(entry(T.plusSeconds(40), "acme", "User", 409, "create"));

    Map<Milestone, Instant> acme = facts.milestones().get("acme");
    assertEquals(T, acme.get(Milestone.FIRST_REQUEST));
    assertEquals(T.plusSeconds(40), acme.get(Milestone.LAST_REQUEST));
    assertEquals(T, acme.get(Milestone.LAST_UNAUTHORIZED));
    assertEquals(T.plusSeconds(10), acme.get(Milestone.LAST_TEST_CONNECTION_OK));
    assertEquals(T.plusSeconds(20), acme.get(Milestone.FIRST_USER_WRITE));
    assertEquals(T.plusSeconds(30), acme.get(Milestone.FIRST_GROUP_WRITE));
    assertEquals(T.plusSeconds(30), acme.get(Milestone.LAST_WRITE));
    assertEquals(T.plusSeconds(30), acme.get(Milestone.LAST_SUCCESS));
    assertEquals(T.plusSeconds(40), acme.get(Milestone.LAST_FAILURE));
  }

  @Test
  void findsTheMembersEveryShapeOfGroupWriteNames() {
    assertEquals(
        List.of("u1", "u2", "u3", "u4"),
        dev.roster.scim.MemberIds.of(
            Json.createReader(
                    new StringReader(
                        "{\"members\":[{\"value\":\"u1\"}],\"Operations\":["
                            + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u2\"}]},"
                            + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"u3\\\"]\"},"
                            + "{\"op\":\"replace\",\"value\":{\"members\":[{\"value\":\"u4\"}]}},"
                            + "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]}"))
                .readObject()));
  }

  private static LogEntry entry(
      Instant time, String tenant, String type, int status, String action) {
    return LogEntries.get(time, tenant, type, status, "c", action);
  }
}
