package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.storage.CompactionPace.Step;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link CompactionPace} with a clock of its own: ticks of 250 ms, as the server's. */
class CompactionPaceTest {

  private static final int MB = 1 << 20;
  private static final long TICK = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private long now = 1_000 * SECOND;
  private final CompactionPace pace = new CompactionPace(MB, now);

  @Test
  void underUseItRewritesALittleAndNeverMoves() {
    pace.used(now);
    assertEquals(new Step(MB, 0), tick(40, 20));
    assertEquals(Step.NONE, tick(60, 20), "chunks live enough: nothing, however empty the file");
  }

  @Test
  void onceQuietItRewritesMoreAndShrinksTheFile() {
    now += 3 * SECOND;
    assertTrue(pace.isQuiet(now));
    assertEquals(new Step(4 * MB, 16 * MB), tick(40, 30));
    assertEquals(new Step(0, 16 * MB), tick(70, 30));
    assertEquals(Step.NONE, tick(70, 90));
  }

  @Test
  void underUseItTakesAtMostATenthOfTheTime() {
    int worked = 0;
    for (int i = 0; i < 400; i++) {
      pace.used(now);
      if (!tick(40, 20).isNone()) {
        worked++;
        pace.spent(100_000_000L); // each call takes 100 ms
      }
    }
    // 100 s of ticks; 10 s of work at 100 ms is 100 calls (and the first, before any was spent)
    assertTrue(worked >= 95 && worked <= 105, "calls " + worked);
  }

  @Test
  void quietItTakesAtMostHalfTheTime() {
    now += 3 * SECOND;
    int worked = 0;
    for (int i = 0; i < 200; i++) {
      if (!tick(40 + i / 20, 30 + i / 20).isNone()) { // progress, so no rest
        worked++;
        pace.spent(500_000_000L);
      }
    }
    // 50 s of ticks, half of it is 25 s: 50 calls of 500 ms
    assertTrue(worked >= 48 && worked <= 52, "calls " + worked);
  }

  @Test
  void aMinuteWithoutProgressRestsUntilTheFiguresFallTwoPoints() {
    now += 3 * SECOND;
    for (int i = 0; i < 4 * 60; i++) {
      assertFalse(tick(40, 60).isNone(), "working in its first minute, tick " + i);
    }
    assertEquals(Step.NONE, tick(40, 60));
    assertTrue(pace.isResting());
    assertEquals(Step.NONE, tick(39, 60), "one point lower is not enough");
    pace.used(now);
    assertEquals(new Step(MB, 0), tick(39, 60), "under use it rewrites even while resting");
    now += 3 * SECOND;
    assertEquals(Step.NONE, tick(39, 60), "quiet again and still resting");
    assertEquals(new Step(4 * MB, 0), tick(38, 60), "two points lower: new garbage, new work");
    assertFalse(pace.isResting());
  }

  @Test
  void aShareThatFallsInTheMinuteIsNewWorkNotALackOfProgress() {
    now += 3 * SECOND;
    for (int i = 0; i < 4 * 30; i++) {
      assertFalse(tick(60, 49 - i / 4).isNone(), "tick " + i); // dead chunks freed: 49% to 20%
    }
    for (int i = 0; i < 4 * 31; i++) {
      assertFalse(tick(60, 20 + i / 60).isNone(), "tick " + i); // then moves gain two points
    }
    assertFalse(pace.isResting());
  }

  @Test
  void progressWithinAMinuteKeepsItWorking() {
    now += 3 * SECOND;
    for (int i = 0; i < 4 * 180; i++) {
      assertFalse(tick(30 + i / 240, 60).isNone(), "tick " + i);
    }
    assertFalse(pace.isResting());
  }

  private Step tick(int chunksLive, int fileUsed) {
    now += TICK;
    return pace.next(now, chunksLive, fileUsed);
  }
}
