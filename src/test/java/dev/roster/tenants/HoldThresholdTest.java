package dev.roster.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.HoldThreshold;
import org.junit.jupiter.api.Test;

class HoldThresholdTest {

  @Test
  void theDefaultIsTenPercentOrFiftyWhicheverIsLarger() {
    HoldThreshold threshold = HoldThreshold.DEFAULT;
    assertEquals(50, threshold.allowed(100), "10% of 100 is 10: fifty decide");
    assertEquals(50, threshold.allowed(500));
    assertEquals(51, threshold.allowed(501), "10% rounded up");
    assertEquals(1000, threshold.allowed(10_000));
    assertFalse(threshold.holds(50, 100));
    assertTrue(threshold.holds(51, 100), "more than 50");
    assertFalse(threshold.holds(1000, 10_000));
    assertTrue(threshold.holds(1001, 10_000), "more than 10%");
  }

  @Test
  void switchedOffItHoldsNothing() {
    assertFalse(new HoldThreshold(false, 0, 0).holds(1_000_000, 1));
    assertTrue(new HoldThreshold(true, 0, 0).holds(1, 1_000_000), "zero and zero hold the first");
  }

  @Test
  void countingUpToTheUsersANthNeedsToPassDecidesAsCountingThemAll() {
    for (int percent : new int[] {0, 1, 3, 7, 10, 33, 50, 99, 100}) {
      for (int minimum : new int[] {0, 1, 5, 50}) {
        HoldThreshold threshold = new HoldThreshold(true, percent, minimum);
        for (long nth = 1; nth <= 120; nth++) {
          long toPass = threshold.activeUsersToPass(nth);
          for (long active = 0; active <= 3_000; active++) {
            assertEquals(
                threshold.holds(nth, active),
                active < toPass,
                threshold + ", nth " + nth + ", active " + active);
          }
        }
      }
    }
    assertEquals(0, new HoldThreshold(false, 0, 0).activeUsersToPass(1_000), "off: no count");
    assertEquals(0, HoldThreshold.DEFAULT.activeUsersToPass(50), "within the minimum: no count");
    assertEquals(511, HoldThreshold.DEFAULT.activeUsersToPass(52), "10% of 511 rounds up to 52");
  }

  @Test
  void valuesOutOfRangeAreRefused() {
    assertThrows(ScimException.class, () -> new HoldThreshold(true, 101, 50));
    assertThrows(ScimException.class, () -> new HoldThreshold(true, -1, 50));
    assertThrows(ScimException.class, () -> new HoldThreshold(true, 10, -1));
  }
}
