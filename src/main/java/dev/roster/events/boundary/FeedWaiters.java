package dev.roster.events.boundary;

import dev.roster.scim.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Long polling of the change feed: a reader that is up to date may wait up to {@link #MAX_WAIT} for
 * the next event instead of asking again and again. A waiter reads the tenant's counter (one
 * primary-key row) every {@value #RECHECK_MILLIS} ms, which sees commits of every instance alike,
 * and holds no transaction or connection in between.
 *
 * <p>Each waiter holds a request thread, so an instance lets at most {@code
 * roster.events.max-waiters} (64) wait at once; one more gets 503 with {@code Retry-After} at once
 * rather than taking threads the SCIM API needs.
 */
@ApplicationScoped
public class FeedWaiters {

  public static final Duration MAX_WAIT = Duration.ofSeconds(25);

  static final long RECHECK_MILLIS = 250;

  @Inject ChangeFeed feed;

  @Inject
  @ConfigProperty(name = "roster.events.max-waiters", defaultValue = "64")
  int maxWaiters;

  private Semaphore waiters;

  private synchronized Semaphore waiters() {
    if (waiters == null) {
      waiters = new Semaphore(Math.max(1, maxWaiters));
    }
    return waiters;
  }

  /** The number of the tenant's newest event, 0 before its first. */
  public long latest(String tenantId) {
    return feed.latest(tenantId);
  }

  /**
   * The events after {@code after}, waiting up to {@code wait} for the first when there are none.
   */
  public ChangeFeed.Page read(String tenantId, long after, int limit, Duration wait) {
    ChangeFeed.Page page = feed.page(tenantId, after, limit);
    if (!page.events().isEmpty() || wait.isZero()) {
      return page;
    }
    Semaphore slots = waiters();
    if (!slots.tryAcquire()) {
      throw ScimException.unavailable(
          "Too many readers are waiting for events on this instance; ask again without wait, or"
              + " later.",
          Duration.ofSeconds(5));
    }
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (page.events().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(RECHECK_MILLIS);
        if (feed.latest(tenantId) > after) {
          page = feed.page(tenantId, after, limit);
        }
      }
      return page;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return page;
    } finally {
      slots.release();
    }
  }
}
