package dev.roster.webhooks.boundary;

import dev.roster.events.boundary.ChangeFeed;
import dev.roster.storage.WebhookRows;
import dev.roster.storage.WebhookRows.Cursor;
import dev.roster.storage.WebhookRows.CursorKey;
import dev.roster.webhooks.control.Backoff;
import dev.roster.webhooks.control.EventTypes;
import dev.roster.webhooks.control.SecretSeal;
import dev.roster.webhooks.control.WebhookSender;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Sends each tenant's change feed to the webhook endpoints that want it (docs/webhooks.md).
 *
 * <p>Four times a second this instance looks for cursors with events to send, leases as many as it
 * has free delivery threads ({@code roster.webhooks.threads}), and works each for up to {@value
 * #WORK_SECONDS} seconds: events in order, the cursor moved only past acknowledged events (in
 * batches, see {@link #work}), so that delivery is at least once and survives kill -9. A lease runs
 * {@value #LEASE_SECONDS} seconds and is renewed by every move; an instance that dies leaves it to
 * run out, then another (or this one, restarted) takes the cursor over where the last
 * acknowledgement left it. A failure ends the work on that cursor until its next retry, so a dead
 * endpoint holds no thread while it waits, and an endpoint gets at most {@value #PER_ENDPOINT}
 * threads of an instance, so a slow one leaves the others their turn. SCIM requests never wait for
 * any of this: they only append to the feed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDeliverer {

  static final int WORK_SECONDS = 20;
  static final int LEASE_SECONDS = 30;
  static final int PER_ENDPOINT = 2;
  static final int BATCH = 100;
  static final int MOVE_EVERY = 20;
  static final int MOVE_MILLIS = 250;
  static final int LINGER_ROUNDS = 5;
  static final int LINGER_MILLIS = 100;

  private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class.getName());

  @Inject WebhookDeliveries deliveries;

  @Inject WebhookSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource ManagedThreadFactory threadFactory;

  private final String owner = "roster-" + UUID.randomUUID();
  private final Map<String, AtomicInteger> busyEndpoints = new ConcurrentHashMap<>();
  private final AtomicInteger busy = new AtomicInteger();
  private final RandomGenerator random = RandomGenerator.getDefault();
  private volatile boolean running;
  private ExecutorService pool;
  private ScheduledFuture<?> ticks;
  private WebhookSender sender;
  private SecretSeal seal;
  private Backoff backoff;
  private long round;
  private int failedRounds;
  private Instant quietUntil = Instant.MIN;

  @PostConstruct
  void start() {
    sender = new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10));
    seal = settings.seal();
    backoff = settings.backoff();
    if (!seal.encrypts()) {
      LOG.warning(
          "Webhooks: roster.webhooks.secret-key is not set, so webhook secrets are stored"
              + " unencrypted in the database (docs/webhooks.md).");
    }
    pool =
        new ThreadPoolExecutor(
            settings.threads(),
            settings.threads(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            threadFactory);
    running = true;
    ticks = scheduler.scheduleWithFixedDelay(this::tickQuietly, 2000, 250, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    running = false;
    ticks.cancel(false);
    pool.shutdownNow();
  }

  /**
   * One round, unless an earlier one failed a moment ago: while the database is away, rounds pause
   * for 1, 2, 4 … 60 seconds, and the outage is logged once, in one line, so that the log shows
   * what happened instead of a stack trace a second (ServerLifecycleIT watches for that).
   */
  private void tickQuietly() {
    Instant now = Instant.now();
    if (now.isBefore(quietUntil)) {
      return;
    }
    try {
      tick();
      if (failedRounds > 0) {
        LOG.info("Webhooks: delivering again");
      }
      failedRounds = 0;
    } catch (RuntimeException e) {
      failedRounds++;
      quietUntil = now.plusSeconds(Math.min(60, 1L << Math.min(failedRounds - 1, 6)));
      Level level = failedRounds == 1 ? Level.WARNING : Level.FINE;
      LOG.log(
          level,
          "Webhooks: a delivery round failed ("
              + summary(e)
              + "); pausing deliveries, then trying again with growing pauses");
      LOG.log(Level.FINE, "Webhooks: the round's failure", e);
    }
  }

  private static String summary(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private void tick() {
    Instant now = Instant.now();
    if (round++ % 40 == 0) {
      try {
        deliveries.addMissingCursors(now);
      } catch (RuntimeException raceWithAnotherInstance) {
        // its cursors exist now; the next round sees them
      }
      if (round % 14400 == 1) {
        deliveries.purgeAttemptsBefore(now.minus(settings.attemptsRetention()), 5000);
      }
    }
    int free = settings.threads() - busy.get();
    if (free <= 0) {
      return;
    }
    for (CursorKey key : deliveries.due(now, free * 4)) {
      if (busy.get() >= settings.threads()) {
        break;
      }
      AtomicInteger endpointBusy =
          busyEndpoints.computeIfAbsent(key.endpointId(), id -> new AtomicInteger());
      if (endpointBusy.get() >= PER_ENDPOINT
          || !deliveries.claim(key, owner, now, now.plusSeconds(LEASE_SECONDS))) {
        continue;
      }
      busy.incrementAndGet();
      endpointBusy.incrementAndGet();
      pool.execute(
          () -> {
            try {
              work(key);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              // the database went away mid-work: the lease runs out and the cursor is taken
              // up again where the last acknowledgement left it
              LOG.log(Level.FINE, "Webhooks: delivery to " + key + " stopped", e);
            } finally {
              try {
                deliveries.release(key, owner);
              } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Webhooks: the lease of " + key + " runs out instead", e);
              }
              endpointBusy.decrementAndGet();
              busy.decrementAndGet();
            }
          });
    }
  }

  /**
   * Sends the cursor's events in order until none are left (after a short linger for new ones), one
   * fails, or time is up. The cursor is moved, with the attempts since the last move, every {@value
   * #MOVE_EVERY} acknowledged events or {@value #MOVE_MILLIS} ms, and before a failure is recorded:
   * never past an event that was not acknowledged, so delivery stays at least once, while a burst
   * of events costs one database transaction per batch instead of one per event.
   */
  private void work(CursorKey key) throws InterruptedException {
    WebhookRows.Endpoint endpoint = deliveries.endpoint(key.endpointId()).orElse(null);
    Cursor cursor = deliveries.cursor(key).orElse(null);
    if (endpoint == null || !endpoint.enabled() || cursor == null) {
      return;
    }
    String secret = seal.open(endpoint.secret());
    EventTypes wanted = EventTypes.stored(endpoint.eventTypes());
    Instant deadline = Instant.now().plusSeconds(WORK_SECONDS);
    Pending pending = new Pending(cursor);
    int idle = 0;
    while (running && Instant.now().isBefore(deadline)) {
      Cursor current = pending.cursor;
      boolean replaying = current.replayFrom() != null;
      long after = replaying ? current.replayFrom() - 1 : current.deliveredSeq();
      List<ChangeFeed.Sendable> events = deliveries.events(key.tenantId(), after, BATCH);
      if (replaying) {
        long to = current.replayTo();
        events = events.stream().filter(e -> e.seq() <= to).toList();
      }
      if (events.isEmpty()) {
        if (replaying) {
          pending.cursor = replayDone(current);
          pending.changed = true;
          continue;
        }
        if (!pending.flush(key, true) || ++idle > LINGER_ROUNDS) {
          return;
        }
        Thread.sleep(LINGER_MILLIS); // new events often follow at once: a sync sends bursts
        continue;
      }
      idle = 0;
      long first = events.get(0).seq();
      if (!replaying && first > after + 1) {
        pending.attempts.add(
            note(
                key,
                after + 1,
                "Events "
                    + (after + 1)
                    + " to "
                    + (first - 1)
                    + " were deleted by the change feed's retention before they could be"
                    + " delivered."));
        pending.changed = true;
      }
      for (ChangeFeed.Sendable event : events) {
        if (!running || !Instant.now().isBefore(deadline)) {
          break;
        }
        if (!wanted.wants(event.type())) {
          pending.cursor =
              advanced(pending.cursor, event.seq(), replaying, pending.cursor.lastStatus());
          pending.changed = true;
          continue;
        }
        Instant sentAt = Instant.now();
        WebhookSender.Result result =
            sender.send(
                endpoint.url(),
                secret,
                event.json().getString("id"),
                sentAt.getEpochSecond(),
                event.json().toString());
        if (!result.delivered()) {
          Cursor c = pending.cursor;
          int failures = c.attempts() + 1;
          Instant next = Instant.now().plus(backoff.after(failures, random));
          pending.cursor =
              new Cursor(
                  c.endpointId(),
                  c.tenantId(),
                  c.deliveredSeq(),
                  c.latestSeq(),
                  failures,
                  next,
                  c.firstFailure() == null ? sentAt : c.firstFailure(),
                  result.status(),
                  result.error(),
                  c.replayFrom(),
                  c.replayTo());
          pending.attempts.add(attempt(key, event, sentAt, result, next));
          pending.changed = true;
          pending.flush(key, true);
          return;
        }
        pending.cursor = advanced(pending.cursor, event.seq(), replaying, result.status());
        pending.attempts.add(attempt(key, event, sentAt, result, null));
        pending.changed = true;
        if (!pending.flush(key, false)) {
          return;
        }
      }
    }
    pending.flush(key, true);
  }

  /** Moves not yet written: the cursor as it should be and the attempts since the last move. */
  private final class Pending {
    Cursor cursor;
    final List<WebhookRows.Attempt> attempts = new ArrayList<>();
    boolean changed;
    long lastMove = System.nanoTime();

    Pending(Cursor cursor) {
      this.cursor = cursor;
    }

    /**
     * Writes the move when there is one and it is due (or {@code now}); false when the lease was
     * lost, so that the caller stops.
     */
    boolean flush(CursorKey key, boolean now) {
      if (!changed) {
        return true;
      }
      boolean due =
          now
              || attempts.size() >= MOVE_EVERY
              || System.nanoTime() - lastMove >= MOVE_MILLIS * 1_000_000L;
      if (!due) {
        return true;
      }
      boolean held = deliveries.move(key, owner, cursor, List.copyOf(attempts), leaseEnd());
      attempts.clear();
      changed = false;
      lastMove = System.nanoTime();
      return held;
    }
  }

  private static Cursor advanced(Cursor c, long seq, boolean replaying, Integer status) {
    Long replayFrom = c.replayFrom();
    Long replayTo = c.replayTo();
    long delivered = c.deliveredSeq();
    if (replaying) {
      replayFrom = seq + 1 > replayTo ? null : seq + 1;
      replayTo = replayFrom == null ? null : replayTo;
    } else {
      delivered = seq;
    }
    return new Cursor(
        c.endpointId(),
        c.tenantId(),
        delivered,
        c.latestSeq(),
        0,
        c.nextAttempt(),
        null,
        status,
        null,
        replayFrom,
        replayTo);
  }

  private static Cursor replayDone(Cursor c) {
    return new Cursor(
        c.endpointId(),
        c.tenantId(),
        c.deliveredSeq(),
        c.latestSeq(),
        c.attempts(),
        c.nextAttempt(),
        c.firstFailure(),
        c.lastStatus(),
        c.lastError(),
        null,
        null);
  }

  private static WebhookRows.Attempt attempt(
      CursorKey key,
      ChangeFeed.Sendable event,
      Instant at,
      WebhookSender.Result result,
      Instant nextAttempt) {
    return new WebhookRows.Attempt(
        UUID.randomUUID().toString(),
        key.endpointId(),
        key.tenantId(),
        event.seq(),
        event.type(),
        at,
        result.status(),
        result.latencyMillis(),
        cut(result.error()),
        nextAttempt);
  }

  private static WebhookRows.Attempt note(CursorKey key, long seq, String error) {
    return new WebhookRows.Attempt(
        UUID.randomUUID().toString(),
        key.endpointId(),
        key.tenantId(),
        seq,
        "(not kept)",
        Instant.now(),
        null,
        0,
        cut(error),
        null);
  }

  private static String cut(String text) {
    return text == null || text.length() <= 500 ? text : text.substring(0, 499) + "…";
  }

  private static Instant leaseEnd() {
    return Instant.now().plusSeconds(LEASE_SECONDS);
  }
}
