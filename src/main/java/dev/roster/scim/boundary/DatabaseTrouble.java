package dev.roster.scim.boundary;

import dev.roster.scim.DatabaseFailures;
import dev.roster.scim.ScimException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The answer to a request that failed because the database is down or too slow: 503 with {@code
 * Retry-After} and a SCIM error body, which Entra ID and Okta retry later. An outage fails every
 * request for a while, so it is logged as one line a minute with a count, without stack traces,
 * rather than once per request.
 */
final class DatabaseTrouble {

  /** How long a client is asked to wait while the database cannot be reached. */
  static final Duration RETRY_WHEN_UNAVAILABLE = Duration.ofSeconds(30);

  /** How long a client is asked to wait after a statement ran out of time. */
  static final Duration RETRY_WHEN_TIMED_OUT = Duration.ofSeconds(10);

  static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  private static final Logger LOG = Logger.getLogger(DatabaseTrouble.class.getName());
  private static final AtomicLong lastLogged =
      new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private static final AtomicLong unlogged = new AtomicLong();

  private DatabaseTrouble() {}

  /** The 503 for this failure, or empty when it is not the database's. */
  static Optional<ScimException> answerFor(Throwable failure, String where) {
    ScimException answer;
    if (DatabaseFailures.unavailable(failure)) {
      answer =
          ScimException.unavailable(
              "The server's database cannot be reached, or has no free connection, right now."
                  + " Try again later.",
              RETRY_WHEN_UNAVAILABLE);
    } else if (DatabaseFailures.timedOut(failure)) {
      answer =
          ScimException.unavailable(
              "The request took longer than the server allows a database statement or lock wait"
                  + " (see the README, \"Limits\"). Try again later; if it keeps failing, ask for"
                  + " less (a narrower filter, a smaller page).",
              RETRY_WHEN_TIMED_OUT);
    } else {
      return Optional.empty();
    }
    note(failure, where);
    return Optional.of(answer);
  }

  private static void note(Throwable failure, String where) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last < LOG_INTERVAL_NANOS || !lastLogged.compareAndSet(last, now)) {
      unlogged.incrementAndGet();
      return;
    }
    long others = unlogged.getAndSet(0);
    LOG.warning(
        "Database trouble, answered 503: "
            + where
            + ": "
            + rootOf(failure)
            + (others > 0 ? " (and " + others + " more requests in the last minute)" : ""));
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable root = failure;
    for (int i = 0; i < 64 && root.getCause() != null; i++) {
      root = root.getCause();
    }
    return root;
  }
}
