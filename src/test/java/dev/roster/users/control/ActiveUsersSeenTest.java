package dev.roster.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ActiveUsersSeenTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 5, 0, 0);

  @Test
  void aCountIsTrustedForTenSecondsAndOnlyForItsTenant() {
    ActiveUsersSeen seen = new ActiveUsersSeen();
    seen.counted("a", 1_000, NOW);
    assertEquals(1_000, seen.recent("a", NOW.plusSeconds(10)).orElseThrow().activeUsers());
    assertTrue(seen.recent("b", NOW).isEmpty());
    assertTrue(seen.recent("a", NOW.plusSeconds(11)).isEmpty(), "too old to be a floor");
    assertTrue(seen.recent("a", NOW).isEmpty(), "and forgotten");
  }

  @Test
  void rowsFromAnotherInstanceSlightlyBeforeTheCountLowerTheFloorToo() {
    ActiveUsersSeen.Seen seen = new ActiveUsersSeen.Seen(10, NOW);
    assertEquals(NOW.minusSeconds(5), seen.rowsSince());
  }

  @Test
  void aHoldSeenOffForgetsTheCount() {
    ActiveUsersSeen seen = new ActiveUsersSeen();
    seen.counted("a", 1_000, NOW);
    seen.forget("a");
    assertTrue(seen.recent("a", NOW).isEmpty());
  }
}
