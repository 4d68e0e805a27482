package dev.roster.storage;

import java.util.concurrent.TimeUnit;

/**
 * How much of H2's file compaction {@link H2FileCompaction} may do at each of its ticks: the policy
 * in plain Java, with the clock passed in.
 *
 * <p>Two bounds, so that the compaction can never hold the machine as H2's own did (an idle server
 * at 1.5 cores on a million users, docs/benchmark.md):
 *
 * <ul>
 *   <li><b>A share of the time.</b> The compaction may spend at most 10% of the time while the
 *       database is in use, and 50% once it has been quiet for two seconds, saved up to one second:
 *       a tick that finds nothing saved does nothing.
 *   <li><b>Rest when nothing improves.</b> While quiet, if a minute of work raised neither the
 *       chunks' live share nor the file's used share by a point above its lowest in that minute, it
 *       rests until one of them has fallen two points below where it stopped (new writes left new
 *       garbage).
 * </ul>
 *
 * <p>Under use it only rewrites, a little at a time; while quiet it rewrites four times as much and
 * also moves chunks towards the start of a file less than half in use, which shrinks it.
 */
public final class CompactionPace {

  /** Below this share of live bytes in H2's chunks (or of used bytes in its file), work is due. */
  public static final int TARGET_FILL_PERCENT = 50;

  static final long QUIET_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);

  static final int BUSY_SHARE_PERCENT = 10;

  static final int QUIET_SHARE_PERCENT = 50;

  static final long MAX_SAVED_NANOS = TimeUnit.SECONDS.toNanos(1);

  static final long PROGRESS_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** What one tick does: bytes of live pages to rewrite, bytes of chunks to move; 0 is none. */
  public record Step(int rewriteBytes, int moveBytes) {
    public static final Step NONE = new Step(0, 0);

    public boolean isNone() {
      return rewriteBytes == 0 && moveBytes == 0;
    }
  }

  private final int busyRewriteBytes;
  private final int quietRewriteBytes;
  private final int quietMoveBytes;

  private long savedNanos;
  private long lastTick;
  private long lastUse;

  private long windowStart = -1;
  private int windowChunks;
  private int windowFile;

  private boolean resting;
  private int restChunks;
  private int restFile;

  /**
   * @param rewriteBytes live bytes rewritten a tick while the database is in use; four times that
   *     when quiet, and sixteen times that moved
   */
  public CompactionPace(int rewriteBytes, long now) {
    this.busyRewriteBytes = rewriteBytes;
    this.quietRewriteBytes = 4 * rewriteBytes;
    this.quietMoveBytes = 16 * rewriteBytes;
    this.lastTick = now;
    this.lastUse = now;
  }

  /** Something other than the compaction used the database at {@code at} (a later time wins). */
  public void used(long at) {
    if (at - lastUse > 0) {
      lastUse = at;
    }
  }

  public boolean isQuiet(long now) {
    return now - lastUse >= QUIET_AFTER_NANOS;
  }

  public boolean isResting() {
    return resting;
  }

  /**
   * The work for this tick, from H2's figures now: the live share of its chunks' bytes and the used
   * share of its file, in percent.
   */
  public Step next(long now, int chunksLivePercent, int fileUsedPercent) {
    boolean quiet = isQuiet(now);
    int share = quiet ? QUIET_SHARE_PERCENT : BUSY_SHARE_PERCENT;
    savedNanos = Math.min(MAX_SAVED_NANOS, savedNanos + (now - lastTick) * share / 100);
    lastTick = now;
    Step step =
        quiet ? quietStep(now, chunksLivePercent, fileUsedPercent) : busyStep(chunksLivePercent);
    return savedNanos > 0 ? step : Step.NONE;
  }

  /** The time a tick's work took. */
  public void spent(long nanos) {
    savedNanos -= nanos;
  }

  private Step busyStep(int chunksLivePercent) {
    windowStart = -1;
    return chunksLivePercent < TARGET_FILL_PERCENT ? new Step(busyRewriteBytes, 0) : Step.NONE;
  }

  private Step quietStep(long now, int chunks, int file) {
    if (chunks >= TARGET_FILL_PERCENT && file >= TARGET_FILL_PERCENT) {
      windowStart = -1;
      return Step.NONE;
    }
    if (resting) {
      if (chunks > restChunks - 2 && file > restFile - 2) {
        return Step.NONE;
      }
      resting = false;
      windowStart = -1;
    }
    if (windowStart < 0) {
      windowStart = now;
      windowChunks = chunks;
      windowFile = file;
    }
    // a share that falls (dead chunks freed, say) is new work: gains count from the lowest
    windowChunks = Math.min(windowChunks, chunks);
    windowFile = Math.min(windowFile, file);
    if (now - windowStart >= PROGRESS_WINDOW_NANOS) {
      if (chunks < windowChunks + 1 && file < windowFile + 1) {
        resting = true;
        restChunks = chunks;
        restFile = file;
        return Step.NONE;
      }
      windowStart = now;
      windowChunks = chunks;
      windowFile = file;
    }
    return new Step(
        chunks < TARGET_FILL_PERCENT ? quietRewriteBytes : 0,
        file < TARGET_FILL_PERCENT ? quietMoveBytes : 0);
  }
}
