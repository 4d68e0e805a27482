package dev.roster.admin.control;

import static dev.roster.admin.control.SignInThrottle.FREE_FAILURES_PER_ACCOUNT;
import static dev.roster.admin.control.SignInThrottle.FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS;
import static dev.roster.admin.control.SignInThrottle.FREE_FAILURES_PER_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sign-in throttle's policy, on a clock the test moves by hand. */
class SignInThrottleTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final ManualClock clock = new ManualClock();
  final SignInThrottle throttle = new SignInThrottle(clock);

  /** One checked attempt that fails; asserts it was admitted. */
  void fail(String user, String address) {
    SignInThrottle.Attempt attempt = throttle.reserve(user, address);
    assertTrue(attempt.admitted(), () -> user + " from " + address + " was refused");
    throttle.failed(attempt);
  }

  void succeed(String user, String address) {
    SignInThrottle.Attempt attempt = throttle.reserve(user, address);
    assertTrue(attempt.admitted(), () -> user + " from " + address + " was refused");
    throttle.succeeded(attempt);
  }

  /** The wait before the next attempt, zero when it would be admitted (and is then given back). */
  Duration waitBefore(String user, String address) {
    SignInThrottle.Attempt attempt = throttle.reserve(user, address);
    throttle.abandoned(attempt);
    return attempt.admitted() ? Duration.ZERO : attempt.retryAfter();
  }

  @Test
  void theFirstFailuresOfAnAccountFromAnAddressCostNothing() {
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      assertEquals(Duration.ZERO, waitBefore("admin", "10.0.0.1"));
      fail("admin", "10.0.0.1");
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("admin", "10.0.0.1"));
  }

  @Test
  void theWaitDoublesWithEachFurtherFailureUpToFiveMinutes() {
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      fail("admin", "10.0.0.1");
    }
    for (int seconds : new int[] {1, 2, 4, 8}) {
      assertEquals(Duration.ofSeconds(seconds), waitBefore("admin", "10.0.0.1"));
      clock.advance(Duration.ofSeconds(seconds - 1));
      assertEquals(Duration.ofSeconds(1), waitBefore("admin", "10.0.0.1"), "still waiting");
      clock.advance(Duration.ofSeconds(1));
      fail("admin", "10.0.0.1");
    }
    for (int i = 0; i < 20; i++) {
      clock.advance(SignInThrottle.MAX_DELAY);
      fail("admin", "10.0.0.1");
    }
    assertEquals(SignInThrottle.MAX_DELAY, waitBefore("admin", "10.0.0.1"));
  }

  @Test
  void parallelAttemptsCountAsTheyStartNotAsTheyFinish() {
    List<SignInThrottle.Attempt> inFlight = new ArrayList<>();
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      SignInThrottle.Attempt attempt = throttle.reserve("admin", "10.0.0.1");
      assertTrue(attempt.admitted());
      inFlight.add(attempt);
    }
    for (int i = 0; i < 40; i++) {
      SignInThrottle.Attempt more = throttle.reserve("admin", "10.0.0.1");
      assertFalse(more.admitted(), "refused while the free ones are being checked");
      assertTrue(
          more.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0, () -> "" + more.retryAfter());
    }
    throttle.abandoned(inFlight.remove(0)); // not checked after all: its place is free again
    SignInThrottle.Attempt again = throttle.reserve("admin", "10.0.0.1");
    assertTrue(again.admitted());
    inFlight.add(again);
    inFlight.forEach(throttle::failed);
    assertEquals(Duration.ofSeconds(1), waitBefore("admin", "10.0.0.1"));
  }

  @Test
  void beyondTheFreeFailuresOnlyOneAttemptAtATimeGoesThrough() {
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      fail("admin", "10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(1));
    SignInThrottle.Attempt one = throttle.reserve("admin", "10.0.0.1");
    assertTrue(one.admitted());
    assertFalse(throttle.reserve("admin", "10.0.0.1").admitted());
    throttle.failed(one);
    assertEquals(Duration.ofSeconds(2), waitBefore("admin", "10.0.0.1"));
  }

  @Test
  void namesCountAsTheAccountTheLookupMeans() {
    fail("admin", "10.0.0.1");
    fail(" admin", "10.0.0.1");
    fail("ADMIN", "10.0.0.1");
    fail("Admin\t", "10.0.0.1");
    fail("  aDmIn  ", "10.0.0.1");
    for (String variant : new String[] {"admin", " admin", "ADMIN", "admin "}) {
      assertEquals(Duration.ofSeconds(1), waitBefore(variant, "10.0.0.1"), variant);
    }
    assertEquals("admin", throttle.reserve(" ADMIN ", "10.0.0.2").account());
  }

  @Test
  void namesThatAreNoAccountAreThrottledAlike() {
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      fail("nobody-" + "x".repeat(500), "10.0.0.1");
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("NOBODY-" + "X".repeat(500), "10.0.0.1"));
  }

  @Test
  void oneAddressGuessingManyNamesIsSlowedDownToo() {
    for (int i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      fail("user" + i, "10.0.0.9");
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("someone-else", "10.0.0.9"));
    assertEquals(Duration.ZERO, waitBefore("someone-else", "10.0.0.8"));
  }

  @Test
  void anIpv6HostCountsAsItsNetwork() {
    for (int i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      fail("user" + i, "2001:db8:1:2:0:0:0:" + Integer.toHexString(i + 1));
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("someone-else", "2001:db8:1:2::ffff"));
    assertEquals(Duration.ZERO, waitBefore("someone-else", "2001:db8:1:3::1"));
  }

  /** Hammering an account from elsewhere slows down guessers, not the address it works from. */
  @Test
  void anAccountHammeredFromManyAddressesStillSignsInFromAKnownAddress() {
    succeed("admin", "192.0.2.10"); // the product's server
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      fail("admin", "198.51.100." + i);
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("admin", "198.51.100.200"), "a new address");
    assertEquals(Duration.ZERO, waitBefore("admin", "192.0.2.10"), "the known address");
    succeed("admin", "192.0.2.10");
    assertEquals(
        Duration.ofSeconds(1),
        waitBefore("admin", "198.51.100.201"),
        "a success from the known address does not clear what others did");
  }

  @Test
  void failuresFromAKnownAddressStillCountForThatAddress() {
    succeed("admin", "192.0.2.10");
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      fail("admin", "192.0.2.10");
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("admin", "192.0.2.10"));
    assertEquals(Duration.ZERO, waitBefore("admin", "192.0.2.11"), "not the account's count");
  }

  @Test
  void anAddressIsKnownForThirtyDaysAfterItsLastSuccess() {
    succeed("admin", "192.0.2.10");
    succeed("ops", "192.0.2.10");
    clock.advance(SignInThrottle.KNOWN_FOR.minusMinutes(1));
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      fail("admin", "198.51.100." + i);
    }
    assertEquals(Duration.ZERO, waitBefore("admin", "192.0.2.10"), "known for a minute more");
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      fail("ops", "198.51.100." + i);
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("ops", "192.0.2.10"), "known no longer");
  }

  @Test
  void aSuccessClearsTheAccountAtThatAddressAndTheAddress() {
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1; i++) {
      fail("admin", "10.0.0.1");
    }
    for (int i = 0; i < FREE_FAILURES_PER_ADDRESS - FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      fail("other" + i, "10.0.0.1");
    }
    succeed("admin", "10.0.0.1");
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      fail("admin", "10.0.0.1");
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("admin", "10.0.0.1"));
    assertEquals(Duration.ZERO, waitBefore("someone-else", "10.0.0.1"));
  }

  @Test
  void failuresAreForgottenAfterAnHourOfQuiet() {
    for (int i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      fail("user" + i, "10.0.0.1");
    }
    assertTrue(waitBefore("user0", "10.0.0.1").compareTo(Duration.ZERO) > 0);
    clock.advance(SignInThrottle.FORGET_AFTER);
    assertEquals(Duration.ZERO, waitBefore("user0", "10.0.0.1"));
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      fail("user0", "10.0.0.1");
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("user0", "10.0.0.1"), "counting from zero");
  }

  @Test
  void anAttemptIsSettledOnce() {
    SignInThrottle.Attempt attempt = throttle.reserve("admin", "10.0.0.1");
    for (int i = 0; i < 10; i++) {
      throttle.failed(attempt);
    }
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1; i++) {
      fail("admin", "10.0.0.1");
    }
    assertEquals(Duration.ofSeconds(1), waitBefore("admin", "10.0.0.1"));
    SignInThrottle.Attempt refused = throttle.reserve("admin", "10.0.0.1");
    assertFalse(refused.admitted());
    throttle.abandoned(refused); // a refused attempt holds no place to give back
    assertFalse(throttle.reserve("admin", "10.0.0.1").admitted());
    assertNull(throttle.reserve("admin", "10.0.0.2").retryAfter());
  }

  /**
   * Made-up names from made-up addresses cannot fill the heap, and do not reset the counts that
   * throttle someone.
   */
  @Test
  void aFloodOfMadeUpNamesAndAddressesKeepsMemoryBoundedAndTheCountsThatMatter() {
    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      fail("admin", "198.51.100." + i);
    }
    for (int i = 0; i < 5 * SignInThrottle.MAX_ENTRIES; i++) {
      fail("made-up-" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
    }
    assertTrue(throttle.entries() <= 3 * SignInThrottle.MAX_ENTRIES, () -> "" + throttle.entries());
    assertTrue(waitBefore("admin", "203.0.113.1").compareTo(Duration.ZERO) > 0);
  }
}
