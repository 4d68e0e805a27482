package dev.roster.tenants.control;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How much of the server one tenant's SCIM requests may hold, so that one tenant cannot slow down
 * the others. It slows a busy tenant down before it refuses anything, as the reference notes advise
 * for Entra ID (429s are retried late and, sustained, quarantine the provisioning job):
 *
 * <ul>
 *   <li><b>Concurrency.</b> At most {@code concurrency} requests of the tenant run at once. Further
 *       requests wait their turn, at most {@code maxWait}.
 *   <li><b>Rate.</b> Requests start at most {@code ratePerSecond} a second on average, with bursts
 *       of {@code burst} (a generic cell rate algorithm: each request reserves the next start
 *       time). A request that would start early waits until its time, at most {@code maxWait}.
 *   <li><b>Waiting room.</b> At most {@code maxWaiting} requests of the tenant wait at once, each
 *       on a worker thread; beyond that, and beyond {@code maxWait}, the answer is 429 at once.
 * </ul>
 *
 * A tenant therefore holds at most {@code concurrency + maxWaiting} worker threads. Plain Java: the
 * clock and the sleep are injected for tests.
 */
public final class TenantGate {

  /** The limits; a rate of 0 or less means no rate limit. */
  public record Limits(
      int concurrency, int maxWaiting, Duration maxWait, double ratePerSecond, int burst) {

    public Limits {
      if (concurrency < 1 || maxWaiting < 0 || maxWait.isNegative() || burst < 1) {
        throw new IllegalArgumentException("invalid tenant limits: " + concurrency + ", " + burst);
      }
    }

    boolean rateLimited() {
      return ratePerSecond > 0;
    }
  }

  /** A request that is let in; {@link #close} when it is over, also when it failed. */
  public interface Pass extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits for the given number of nanoseconds. */
  public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final Limits limits;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Semaphore running;
  private final AtomicInteger waiting = new AtomicInteger();
  private final long intervalNanos;
  private final long burstNanos;

  /** The rate limit's theoretical arrival time of the next request, in nanoTime units. */
  private long theoreticalArrival;

  public TenantGate(Limits limits, LongSupplier nanoTime, Sleeper sleeper) {
    this.limits = limits;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.running = new Semaphore(limits.concurrency(), true);
    this.intervalNanos = limits.rateLimited() ? (long) (1e9 / limits.ratePerSecond()) : 0;
    this.burstNanos = intervalNanos * (limits.burst() - 1);
    this.theoreticalArrival = nanoTime.getAsLong();
  }

  public TenantGate(Limits limits) {
    this(limits, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
  }

  /**
   * Lets the request in, after waiting if it must.
   *
   * @return the admission: a pass, or the time after which to try again (answered 429)
   */
  public Admission admit() throws InterruptedException {
    long arrival = nanoTime.getAsLong();
    long deadline = arrival + limits.maxWait().toNanos();
    long delay = reserveStart(arrival, deadline);
    if (delay < 0) {
      return Admission.refused(Duration.ofNanos(-delay));
    }
    if (delay == 0 && running.tryAcquire()) {
      return Admission.admitted(running::release);
    }
    if (waiting.incrementAndGet() > limits.maxWaiting()) {
      waiting.decrementAndGet();
      return Admission.refused(Duration.ofSeconds(1));
    }
    try {
      if (delay > 0) {
        sleeper.sleep(delay);
      }
      long left = deadline - nanoTime.getAsLong();
      if (!running.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        return Admission.refused(Duration.ofSeconds(1));
      }
      return Admission.admitted(running::release);
    } finally {
      waiting.decrementAndGet();
    }
  }

  /**
   * Reserves the request's start under the rate limit (GCRA: a theoretical arrival time advances by
   * one interval per request, and may run ahead of now by the burst).
   *
   * @return the nanoseconds to wait before starting (0: now), or, when that wait would end after
   *     the deadline, minus the wait (nothing is reserved then)
   */
  private long reserveStart(long now, long deadline) {
    if (!limits.rateLimited()) {
      return 0;
    }
    synchronized (this) {
      long arrival = Math.max(theoreticalArrival, now);
      long wait = Math.max(0, arrival - burstNanos - now);
      if (now + wait > deadline) {
        return -Math.max(1, wait);
      }
      theoreticalArrival = arrival + intervalNanos;
      return wait;
    }
  }

  /** How many requests wait now (for tests and the README's figures). */
  int waiting() {
    return waiting.get();
  }

  /** The outcome of {@link #admit}. */
  public record Admission(Pass pass, Duration retryAfter) {
    static Admission admitted(Pass pass) {
      return new Admission(pass, null);
    }

    static Admission refused(Duration retryAfter) {
      return new Admission(null, retryAfter);
    }

    public Optional<Pass> admitted() {
      return Optional.ofNullable(pass);
    }
  }
}
