package dev.roster.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerTest {

  /** u1 and u2 in g1; g1 and u3 in g2; u4 in no group; g3 empty. */
  private static Ledger ledger() {
    return new Ledger(
        Set.of("u1", "u2", "u3", "u4", "g1", "g2", "g3"),
        Map.of("g1", Set.of("u1", "u2"), "g2", Set.of("g1", "u3"), "g3", Set.of()));
  }

  private static WireRequest write(String method, String target, String body) {
    return WireRequest.of(
        method,
        target,
        List.of(),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        "acme");
  }

  @Test
  void anAcceptedWriteNamesTheIdsInItsTargetOnly() {
    Ledger ledger = ledger();
    ledger.record(write("PATCH", "/scim/v2/Groups/g3", "{\"value\":\"u4\"}"), 204);
    assertEquals(Set.of("g3"), ledger.named());
  }

  @Test
  void refusedWritesAndReadsNameNothing() {
    Ledger ledger = ledger();
    ledger.record(write("PATCH", "/scim/v2/Users/u1", "{}"), 400);
    ledger.record(write("GET", "/scim/v2/Users/u2", null), 200);
    ledger.record(write("POST", "/scim/v2/Users/.search", "{}"), 200);
    assertEquals(Set.of(), ledger.named());
  }

  @Test
  void aWriteWithoutAKnownOutcomeNamesItsTarget() {
    Ledger ledger = ledger();
    ledger.record(write("PUT", "/scim/v2/Users/u4", "{}"), 500);
    ledger.record(write("PUT", "/scim/v2/Users/u3", "{}"), -1);
    assertEquals(Set.of("u3", "u4"), ledger.named());
  }

  @Test
  void idsInAnEncodedTargetAreNamedToo() {
    Ledger ledger = ledger();
    ledger.record(write("PUT", "/scim/v2/Users/%75%31/", "{}"), 200);
    assertEquals(Set.of("u1"), ledger.named());
  }

  @Test
  void deletingAResourceNamesTheGroupsThatHeldIt() {
    Ledger ledger = ledger();
    ledger.record(write("DELETE", "/scim/v2/Groups/g1", null), 204);
    assertEquals(Set.of("g1", "g2"), ledger.named());
  }

  @Test
  void usersBelowANamedOrNewGroupMayShowOtherGroups() {
    Ledger ledger = ledger();
    ledger.record(write("PATCH", "/scim/v2/Groups/g2", "{}"), 204);
    // g2 held g1 (u1, u2) and u3 before; a new group g9 holds u4 after.
    assertEquals(
        Set.of("g2", "g1", "u1", "u2", "u3", "g9", "u4"),
        ledger.groupsMayDiffer(
            Map.of("g1", Set.of("u1", "u2"), "g2", Set.of(), "g3", Set.of(), "g9", Set.of("u4"))));
  }

  @Test
  void deletingAMemberLeavesWhatTheOtherMembersShow() {
    Ledger ledger = ledger();
    ledger.record(write("DELETE", "/scim/v2/Users/u1", null), 204);
    assertEquals(Set.of("u1", "g1"), ledger.named());
    assertEquals(
        Set.of(),
        ledger.groupsMayDiffer(
            Map.of("g1", Set.of("u2"), "g2", Set.of("g1", "u3"), "g3", Set.of())));
  }

  @Test
  void withoutNamedOrNewGroupsNoUserMayShowOtherGroups() {
    Ledger ledger = ledger();
    ledger.record(write("PATCH", "/scim/v2/Users/u1", "{}"), 200);
    assertEquals(
        Set.of(),
        ledger.groupsMayDiffer(
            Map.of("g1", Set.of("u1", "u2"), "g2", Set.of("g1", "u3"), "g3", Set.of())));
  }
}
