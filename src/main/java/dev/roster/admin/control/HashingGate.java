package dev.roster.admin.control;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes run at once. A PBKDF2 hash is a few hundred milliseconds of one
 * core by design; without a bound, a burst of sign-ins takes every core and every request thread of
 * the server. Work that finds every slot taken waits for one only if few others wait already, and
 * only briefly; otherwise it is turned away at once, and the caller answers "busy, try again".
 */
public final class HashingGate {

  private final Semaphore slots;
  private final int maxWaiting;
  private final Duration maxWait;
  private final AtomicInteger waiting = new AtomicInteger();

  /**
   * @param slots hashes that may run at once
   * @param maxWaiting how many may wait for a slot; more are turned away at once
   * @param maxWait how long one waits at most
   */
  public HashingGate(int slots, int maxWaiting, Duration maxWait) {
    this.slots = new Semaphore(slots, true);
    this.maxWaiting = maxWaiting;
    this.maxWait = maxWait;
  }

  /**
   * Half the cores, at least one, so that the SCIM API keeps a core while admins sign in; two
   * callers per slot may wait up to two seconds (a hash takes a fraction of that with C2).
   */
  public static HashingGate forThisMachine() {
    int slots = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    return new HashingGate(slots, 2 * slots, Duration.ofSeconds(2));
  }

  /** The work's result, or empty when no slot was free soon enough (the work did not run). */
  public <T> Optional<T> run(Supplier<T> hashing) {
    if (!acquire()) {
      return Optional.empty();
    }
    try {
      return Optional.of(hashing.get());
    } finally {
      slots.release();
    }
  }

  private boolean acquire() {
    if (slots.tryAcquire()) {
      return true;
    }
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      return slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waiting.decrementAndGet();
    }
  }
}
