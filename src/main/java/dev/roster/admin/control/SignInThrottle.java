package dev.roster.admin.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. After {@link #FREE_FAILURES} failed sign-ins in a row for one
 * account, or from one address, each further attempt must wait: 1 s, 2 s, 4 s … up to 5 minutes. A
 * success for the account clears its count. Counts live in memory, per instance: a restart or
 * another instance starts afresh, which only weakens the delay, never locks anyone out for good.
 */
public final class SignInThrottle {

  public static final int FREE_FAILURES = 5;
  public static final int FREE_FAILURES_PER_ADDRESS = 20;
  static final Duration MAX_DELAY = Duration.ofMinutes(5);
  private static final int MAX_KEYS = 100_000;

  private record Failures(int count, Instant last) {}

  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long the caller must still wait before another attempt, or zero. */
  public Duration waitBefore(String user, String address) {
    Duration account = waitFor(userKey(user), FREE_FAILURES);
    Duration origin = waitFor(addressKey(address), FREE_FAILURES_PER_ADDRESS);
    return account.compareTo(origin) >= 0 ? account : origin;
  }

  public void failed(String user, String address) {
    if (failures.size() > MAX_KEYS) {
      failures.clear(); // a flood of made-up names must not fill the heap
    }
    Instant now = clock.instant();
    for (String key : new String[] {userKey(user), addressKey(address)}) {
      failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }
  }

  public void succeeded(String user, String address) {
    failures.remove(userKey(user));
    failures.remove(addressKey(address));
  }

  private Duration waitFor(String key, int free) {
    Failures f = failures.get(key);
    if (f == null || f.count() < free) {
      return Duration.ZERO;
    }
    int over = Math.min(f.count() - free, 20);
    Duration delay = Duration.ofSeconds(1L << over);
    if (delay.compareTo(MAX_DELAY) > 0) {
      delay = MAX_DELAY;
    }
    Duration left = Duration.between(clock.instant(), f.last().plus(delay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static String userKey(String user) {
    return "user:" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
