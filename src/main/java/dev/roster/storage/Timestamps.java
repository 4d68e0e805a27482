package dev.roster.storage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The time stored as {@code meta.created} and {@code meta.lastModified}: UTC without a zone, to the
 * millisecond, which every database keeps exactly.
 *
 * <p>On one instance every timestamp is later than the one before, by at least a millisecond: two
 * writes never share a {@code meta.lastModified}, so a client that remembers the last one it saw
 * and asks for {@code meta.lastModified gt} it misses no later write of this instance. When more
 * than a thousand writes a second arrive, the times run ahead of the clock by at most the excess,
 * and fall back to it as soon as the rate drops.
 */
public final class Timestamps {

  private static final Timestamps SYSTEM = new Timestamps(System::currentTimeMillis);

  private final LongSupplier clockMillis;
  private final AtomicLong last = new AtomicLong();

  Timestamps(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  public static LocalDateTime now() {
    return SYSTEM.next();
  }

  LocalDateTime next() {
    long clock = clockMillis.getAsLong();
    long millis = last.updateAndGet(previous -> Math.max(previous + 1, clock));
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  /** A stored time as the instant it is (stored times are UTC). */
  public static Instant instant(LocalDateTime stored) {
    return stored == null ? null : stored.toInstant(ZoneOffset.UTC);
  }

  /** An instant as a stored time (stored times are UTC without a zone). */
  public static LocalDateTime stored(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
