package dev.roster.webhooks.control;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: the first retry after {@code first}, each later one after
 * twice the previous delay, never more than {@code max}, each drawn between half the delay and the
 * whole of it ("equal jitter"), so that many endpoints that failed together do not all come back at
 * once.
 */
public record Backoff(Duration first, Duration max) {

  /** The delay before the next try after {@code failures} failures in a row (1 for the first). */
  public Duration after(int failures, RandomGenerator random) {
    long firstMillis = Math.max(1, first.toMillis());
    int doublings = Math.min(Math.max(0, failures - 1), 40);
    long delay = Math.min(max.toMillis(), firstMillis << Math.min(doublings, 30));
    long half = delay / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }
}
