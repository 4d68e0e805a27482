package dev.roster.admin.control;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries a value from a form post to the page its redirect lands on (Post/Redirect/Get) without
 * putting it in the session, the view state or the URL: the value stays in memory under a random
 * id, which the redirect's URL names. It can be taken once, only by the owner it was left for (the
 * session), and only for {@link #TTL a minute}; then it is gone. Used for a new token's plaintext,
 * which the console shows exactly once.
 *
 * @param <T> the value
 */
public final class HandOver<T> {

  public static final Duration TTL = Duration.ofMinutes(1);

  /** More values waiting than this means nobody comes for them: the oldest are dropped. */
  static final int MAX_WAITING = 1000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Left<T>(String owner, T value, Instant expires) {
    @Override
    public String toString() {
      return "Left[" + expires + "]"; // never the value
    }
  }

  private final Clock clock;
  private final Map<String, Left<T>> waiting = new LinkedHashMap<>();

  public HandOver(Clock clock) {
    this.clock = clock;
  }

  /**
   * Leaves a value for its owner.
   *
   * @return the id to take it with: 128 random bits, URL-safe
   */
  public synchronized String leave(String owner, T value) {
    Instant now = clock.instant();
    dropExpired(now);
    while (waiting.size() >= MAX_WAITING) {
      Iterator<String> oldest = waiting.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    waiting.put(id, new Left<>(Objects.requireNonNull(owner), value, now.plus(TTL)));
    return id;
  }

  /**
   * Takes the value left under this id, once. Asking with another owner takes nothing and leaves
   * the value where it is.
   */
  public synchronized Optional<T> take(String owner, String id) {
    if (owner == null || id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    dropExpired(now);
    Left<T> left = waiting.get(id);
    if (left == null || !left.owner().equals(owner)) {
      return Optional.empty();
    }
    waiting.remove(id);
    return Optional.of(left.value());
  }

  synchronized int waiting() {
    return waiting.size();
  }

  private void dropExpired(Instant now) {
    // Insertion order is expiry order: the first one still valid ends the search.
    Iterator<Left<T>> oldest = waiting.values().iterator();
    while (oldest.hasNext() && !now.isBefore(oldest.next().expires())) {
      oldest.remove();
    }
  }
}
