package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final Timestamps timestamps = new Timestamps(clock::get);

  @Test
  void followsTheClockToTheMillisecond() {
    assertEquals(millis(1_700_000_000_000L), timestamps.next());
    clock.addAndGet(250);
    assertEquals(millis(1_700_000_000_250L), timestamps.next());
  }

  @Test
  void twoWritesInOneMillisecondGetTwoTimes() {
    LocalDateTime first = timestamps.next();
    LocalDateTime second = timestamps.next();
    assertEquals(first.plusNanos(1_000_000), second);
  }

  @Test
  void aClockThatStepsBackDoesNotMoveTimesBack() {
    LocalDateTime before = timestamps.next();
    clock.addAndGet(-5_000);
    assertTrue(timestamps.next().isAfter(before));
  }

  @Test
  void aBurstRunsAheadOnlyUntilTheClockCatchesUp() {
    for (int i = 0; i < 100; i++) {
      timestamps.next();
    }
    clock.addAndGet(1_000);
    assertEquals(millis(1_700_000_001_000L), timestamps.next());
  }

  @Test
  void concurrentWritersNeverShareATime() throws InterruptedException {
    Timestamps system = new Timestamps(System::currentTimeMillis);
    List<LocalDateTime> times = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 2_000; i++) {
                  times.add(system.next());
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(8_000, new HashSet<>(times).size());
  }

  private static LocalDateTime millis(long epochMillis) {
    return LocalDateTime.ofEpochSecond(
        epochMillis / 1000, (int) (epochMillis % 1000) * 1_000_000, ZoneOffset.UTC);
  }
}
