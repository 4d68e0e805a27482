package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final ManualClock clock = new ManualClock();
  final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void theFirstFailuresCostNothing() {
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertEquals(Duration.ZERO, throttle.waitBefore("admin", "10.0.0.1"));
      throttle.failed("admin", "10.0.0.1");
    }
    assertEquals(Duration.ofSeconds(1), throttle.waitBefore("admin", "10.0.0.1"));
  }

  @Test
  void theWaitDoublesWithEachFurtherFailureUpToFiveMinutes() {
    for (int i = 0; i < SignInThrottle.FREE_FAILURES + 3; i++) {
      throttle.failed("Admin", "10.0.0.1");
    }
    assertEquals(Duration.ofSeconds(8), throttle.waitBefore("admin", "10.0.0.2"));
    clock.now = clock.now.plusSeconds(5);
    assertEquals(Duration.ofSeconds(3), throttle.waitBefore("ADMIN", "10.0.0.2"));
    clock.now = clock.now.plusSeconds(3);
    assertEquals(Duration.ZERO, throttle.waitBefore("admin", "10.0.0.2"));
    for (int i = 0; i < 30; i++) {
      throttle.failed("admin", "10.0.0.3");
    }
    assertEquals(SignInThrottle.MAX_DELAY, throttle.waitBefore("admin", "10.0.0.4"));
  }

  @Test
  void oneAddressGuessingManyNamesIsSlowedDownToo() {
    for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
      throttle.failed("user" + i, "10.0.0.9");
    }
    assertEquals(Duration.ofSeconds(1), throttle.waitBefore("someone-else", "10.0.0.9"));
    assertEquals(Duration.ZERO, throttle.waitBefore("someone-else", "10.0.0.8"));
  }

  @Test
  void aSuccessClearsTheAccountAndTheAddress() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("admin", "10.0.0.1");
    }
    throttle.succeeded("admin", "10.0.0.1");
    assertEquals(Duration.ZERO, throttle.waitBefore("admin", "10.0.0.1"));
  }
}
