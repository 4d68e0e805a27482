package dev.roster.admin.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing, so that a guesser pays for it and the admin does not. Three counts
 * of failed sign-ins are kept, and an attempt must pass all that apply:
 *
 * <ul>
 *   <li><b>per account and address</b>: {@value #FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS} failures;
 *   <li><b>per address</b>, whatever the names: {@value #FREE_FAILURES_PER_ADDRESS} failures, so
 *       that guessing names is slowed down as much as guessing passwords;
 *   <li><b>per account</b>, from addresses the account has not signed in from in the last {@link
 *       #KNOWN_FOR 30 days}: {@value #FREE_FAILURES_PER_ACCOUNT} failures, so that guessing from
 *       many addresses is slowed down too. An address from which the account signed in successfully
 *       (a <em>known address</em>, such as the product's server that calls the admin API) is
 *       exempt: hammering an account from elsewhere does not lock it out there.
 * </ul>
 *
 * Beyond its free failures, a count lets one attempt through at a time, after a wait that doubles
 * with each further failure: 1 s, 2 s, 4 s … up to {@link #MAX_DELAY 5 minutes} after the last one.
 * Anything else is refused at once with the time to wait: nothing here makes a thread sleep.
 *
 * <p>The account is the name as the account lookup reads it ({@link AdminNames#normalise}), also
 * for names that are no account, so that {@code " admin"} and {@code "ADMIN"} count as {@code
 * admin} and guessing names costs what guessing passwords costs. An IPv6 address counts as its /64
 * network, which one host usually has to itself.
 *
 * <p>An attempt reserves its place in every count before its password is checked ({@link
 * #reserve}), and settles it afterwards: {@link #failed}, {@link #succeeded} (which clears the
 * counts of that account and address, and makes the address known) or {@link #abandoned} (not
 * checked after all). So parallel attempts count as they start, not as they finish.
 *
 * <p>Counts are forgotten after {@link #FORGET_AFTER an hour} without failures. They live in
 * memory, per instance: a restart or another instance starts afresh, which weakens the delay but
 * never locks anyone out. Each table holds at most {@value #MAX_ENTRIES} entries; when a flood of
 * made-up names or addresses fills one, the least recently used entry that is not throttling
 * anything makes room, so that the counts that matter survive the flood.
 */
public final class SignInThrottle {

  public static final int FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
  public static final int FREE_FAILURES_PER_ADDRESS = 20;
  public static final int FREE_FAILURES_PER_ACCOUNT = 10;

  static final Duration MAX_DELAY = Duration.ofMinutes(5);
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final Duration KNOWN_FOR = Duration.ofDays(30);
  static final int KNOWN_ADDRESSES_PER_ACCOUNT = 16;
  static final int MAX_ENTRIES = 10_000;

  /** How many of the least recently used entries are looked at for one to drop. */
  private static final int EVICTION_SCAN = 100;

  /** One sign-in attempt: admitted (then settle it exactly once) or refused with a wait. */
  public static final class Attempt {
    private final String account;
    private final String address;
    private final boolean fromKnownAddress;
    private final Duration retryAfter;
    private boolean settled;

    private Attempt(String account, String address, boolean known, Duration retryAfter) {
      this.account = account;
      this.address = address;
      this.fromKnownAddress = known;
      this.retryAfter = retryAfter;
    }

    public boolean admitted() {
      return retryAfter == null;
    }

    /** How long to wait before trying again; null when admitted. */
    public Duration retryAfter() {
      return retryAfter;
    }

    /** The account the name means, as the lookup reads it. */
    public String account() {
      return account;
    }
  }

  private record Pair(String account, String address) {}

  private enum Result {
    FAILED,
    SUCCEEDED,
    ABANDONED
  }

  private final Clock clock;
  private final Counts<Pair> pairs = new Counts<>(FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS);
  private final Counts<String> addresses = new Counts<>(FREE_FAILURES_PER_ADDRESS);
  private final Counts<String> accounts = new Counts<>(FREE_FAILURES_PER_ACCOUNT);
  private final Map<String, Map<String, Instant>> known = lru(MAX_ENTRIES);

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Admits an attempt, reserving its place in each count, or refuses it with the time to wait. */
  public synchronized Attempt reserve(String user, String address) {
    Instant now = clock.instant();
    String account = accountKey(user);
    String origin = addressKey(address);
    boolean fromKnown = isKnown(account, origin, now);
    Pair pair = new Pair(account, origin);
    Duration wait =
        longest(
            pairs.waitFor(pair, now),
            addresses.waitFor(origin, now),
            fromKnown ? Duration.ZERO : accounts.waitFor(account, now));
    if (!wait.isZero()) {
      return new Attempt(account, origin, fromKnown, wait);
    }
    pairs.obtain(pair, now).inFlight++;
    addresses.obtain(origin, now).inFlight++;
    if (!fromKnown) {
      accounts.obtain(account, now).inFlight++;
    }
    return new Attempt(account, origin, fromKnown, null);
  }

  public synchronized void failed(Attempt attempt) {
    settle(attempt, Result.FAILED);
  }

  public synchronized void succeeded(Attempt attempt) {
    settle(attempt, Result.SUCCEEDED);
  }

  /** The password was not checked after all (the server was busy): the place is given back. */
  public synchronized void abandoned(Attempt attempt) {
    settle(attempt, Result.ABANDONED);
  }

  /** Entries held in memory, all tables together. */
  synchronized int entries() {
    return pairs.size()
        + addresses.size()
        + accounts.size()
        + known.values().stream().mapToInt(Map::size).sum();
  }

  private void settle(Attempt attempt, Result result) {
    if (!attempt.admitted() || attempt.settled) {
      return;
    }
    attempt.settled = true;
    Instant now = clock.instant();
    pairs.settle(new Pair(attempt.account, attempt.address), result, true, now);
    addresses.settle(attempt.address, result, true, now);
    if (!attempt.fromKnownAddress) {
      // A success here does not clear what other addresses did to the account.
      accounts.settle(attempt.account, result, false, now);
    }
    if (result == Result.SUCCEEDED) {
      known
          .computeIfAbsent(attempt.account, a -> lru(KNOWN_ADDRESSES_PER_ACCOUNT))
          .put(attempt.address, now);
    }
  }

  private boolean isKnown(String account, String address, Instant now) {
    Map<String, Instant> addressesOfAccount = known.get(account);
    Instant lastSuccess = addressesOfAccount == null ? null : addressesOfAccount.get(address);
    return lastSuccess != null && now.isBefore(lastSuccess.plus(KNOWN_FOR));
  }

  /** The account as the lookup reads the name; longer than any account name, cut short. */
  static String accountKey(String user) {
    String account = AdminNames.normalise(user);
    return account.length() > AdminNames.MAX_LENGTH
        ? account.substring(0, AdminNames.MAX_LENGTH + 1)
        : account;
  }

  /** The address; an IPv6 address as its /64 network. */
  static String addressKey(String address) {
    if (address == null || address.isEmpty()) {
      return "?";
    }
    // Only literals are parsed, so that this never asks DNS.
    if (address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.%\\[\\]]{2,64}")) {
      try {
        byte[] bytes = InetAddress.getByName(address).getAddress();
        if (bytes.length == 16) {
          StringBuilder network = new StringBuilder();
          for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            network.append(':');
          }
          return network.append(":/64").toString();
        }
      } catch (UnknownHostException e) {
        // not a literal after all: counted as written
      }
    }
    return address.length() > 64 ? address.substring(0, 64) : address;
  }

  /** 1 s for the first failure beyond the free ones, doubling with each further one. */
  static Duration delay(int beyondFree) {
    Duration delay = Duration.ofSeconds(1L << Math.min(beyondFree, 20));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  private static Duration longest(Duration... waits) {
    Duration longest = Duration.ZERO;
    for (Duration wait : waits) {
      if (wait.compareTo(longest) > 0) {
        longest = wait;
      }
    }
    return longest;
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The failures and the attempts in flight of one key. */
  private static final class Counter {
    int failures;
    int inFlight;
    Instant lastFailure;

    void forgetOldFailures(Instant now) {
      if (failures > 0 && !now.isBefore(lastFailure.plus(FORGET_AFTER))) {
        failures = 0;
      }
    }

    boolean idle() {
      return failures == 0 && inFlight == 0;
    }

    /** How long a new attempt must wait, or zero when it may go ahead now. */
    Duration waitFor(int free, Instant now) {
      int used = failures + inFlight;
      if (used < free) {
        return Duration.ZERO;
      }
      if (inFlight > 0) {
        // Only one attempt at a time beyond the free ones; the hint assumes it fails.
        return delay(used - free);
      }
      Duration left = Duration.between(now, lastFailure.plus(delay(failures - free)));
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  /** One table of counts, with room for {@value #MAX_ENTRIES} keys, in order of last use. */
  private static final class Counts<K> extends LinkedHashMap<K, Counter> {
    private static final long serialVersionUID = 1L;
    private final int free;

    Counts(int free) {
      super(16, 0.75f, true);
      this.free = free;
    }

    Duration waitFor(K key, Instant now) {
      Counter counter = get(key);
      if (counter == null) {
        return Duration.ZERO;
      }
      counter.forgetOldFailures(now);
      if (counter.idle()) {
        remove(key);
        return Duration.ZERO;
      }
      return counter.waitFor(free, now);
    }

    Counter obtain(K key, Instant now) {
      Counter counter = get(key);
      if (counter == null) {
        if (size() >= MAX_ENTRIES) {
          makeRoom(now);
        }
        counter = new Counter();
        put(key, counter);
      }
      return counter;
    }

    void settle(K key, Result result, boolean successClears, Instant now) {
      Counter counter = obtain(key, now);
      counter.inFlight = Math.max(0, counter.inFlight - 1);
      counter.forgetOldFailures(now);
      if (result == Result.FAILED) {
        counter.failures++;
        counter.lastFailure = now;
      } else if (result == Result.SUCCEEDED && successClears) {
        counter.failures = 0;
      }
      if (counter.idle()) {
        remove(key);
      }
    }

    /**
     * Drops one entry: among the least recently used, the first one that throttles nothing (fewer
     * failures than are free, none in flight), else the least recently used one not in flight.
     */
    private void makeRoom(Instant now) {
      K fallback = null;
      Iterator<Map.Entry<K, Counter>> eldest = entrySet().iterator();
      for (int i = 0; i < EVICTION_SCAN && eldest.hasNext(); i++) {
        Map.Entry<K, Counter> entry = eldest.next();
        Counter counter = entry.getValue();
        counter.forgetOldFailures(now);
        if (counter.inFlight > 0) {
          continue;
        }
        if (counter.failures < free) {
          eldest.remove();
          return;
        }
        if (fallback == null) {
          fallback = entry.getKey();
        }
      }
      remove(fallback != null ? fallback : keySet().iterator().next());
    }
  }
}
