package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A value carried from a post to the page its redirect lands on: once, to its owner, briefly. */
class HandOverTest {

  final SignInThrottleTest.ManualClock clock = new SignInThrottleTest.ManualClock();
  final HandOver<String> handOver = new HandOver<>(clock);

  @Test
  void theOwnerTakesTheValueOnce() {
    String id = handOver.leave("session-1", "rst_secret");
    assertEquals(Optional.of("rst_secret"), handOver.take("session-1", id));
    assertEquals(Optional.empty(), handOver.take("session-1", id), "a refresh finds nothing");
  }

  @Test
  void anotherOwnerTakesNothingAndLeavesItThere() {
    String id = handOver.leave("session-1", "rst_secret");
    assertEquals(Optional.empty(), handOver.take("session-2", id));
    assertEquals(Optional.empty(), handOver.take(null, id));
    assertEquals(Optional.of("rst_secret"), handOver.take("session-1", id));
  }

  @Test
  void aValueNotTakenInTimeIsGone() {
    String id = handOver.leave("session-1", "rst_secret");
    clock.advance(HandOver.TTL);
    assertEquals(Optional.empty(), handOver.take("session-1", id));
    assertEquals(0, handOver.waiting());
  }

  @Test
  void idsAreRandomAndSayNothingOfTheValue() {
    String one = handOver.leave("session-1", "rst_secret");
    String two = handOver.leave("session-1", "rst_secret");
    assertNotEquals(one, two);
    assertTrue(one.matches("[A-Za-z0-9_-]{22}"), one);
    assertFalse(one.contains("secret"));
    assertEquals(Optional.empty(), handOver.take("session-1", "made-up"));
  }

  @Test
  void valuesNobodyComesForDoNotPileUp() {
    for (int i = 0; i < 3 * HandOver.MAX_WAITING; i++) {
      handOver.leave("session-" + i, "value-" + i);
    }
    assertEquals(HandOver.MAX_WAITING, handOver.waiting());
    clock.advance(HandOver.TTL.plus(Duration.ofSeconds(1)));
    handOver.leave("session-x", "x");
    assertEquals(1, handOver.waiting(), "expired ones are dropped");
  }
}
