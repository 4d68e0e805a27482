package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  /** A file write that takes a while and records when it started and which writes it covered. */
  static class SlowFile extends GroupCommit {
    final AtomicInteger writes = new AtomicInteger();
    final AtomicLong commitsMade = new AtomicLong();
    final List<long[]> started = new ArrayList<>();
    volatile boolean failing;
    volatile long millis = 5;

    @Override
    void checkpoint() throws SQLException {
      writes.incrementAndGet();
      long covered = commitsMade.get();
      synchronized (started) {
        started.add(new long[] {covered});
      }
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failing) {
        throw new SQLException("database down");
      }
    }
  }

  @Test
  void aFinishedWriteTellsTheCompactionTheDatabaseIsInUse() {
    SlowFile file = new SlowFile();
    file.enable();
    long before = file.lastWriteNanos();
    assertTrue(file.awaitStored());
    assertTrue(file.lastWriteNanos() - before > 0, "a write moves the time of the last write");
    long after = file.lastWriteNanos();
    file.failing = true;
    assertFalse(file.awaitStored());
    assertEquals(after, file.lastWriteNanos(), "a failed write is not one");
  }

  @Test
  void returnsAtOnceWhenOff() {
    SlowFile file = new SlowFile();
    assertTrue(file.awaitStored());
    assertEquals(0, file.writes.get());
  }

  @Test
  void everyCallerWaitsForAWriteThatStartedAfterItsCommitAndWritesAreShared() throws Exception {
    SlowFile file = new SlowFile();
    file.enable();
    int callers = 16;
    int rounds = 50;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < rounds; i++) {
                  long myCommit = file.commitsMade.incrementAndGet();
                  int writesBefore = file.writes.get();
                  file.awaitStored();
                  // some write started after this commit, and covered it
                  boolean covered;
                  synchronized (file.started) {
                    covered =
                        file.started.stream()
                            .skip(writesBefore)
                            .anyMatch(write -> write[0] >= myCommit);
                  }
                  assertTrue(covered, "commit " + myCommit + " answered before a write covered it");
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    int commits = callers * rounds;
    assertTrue(
        file.writes.get() < commits / 2,
        file.writes.get() + " file writes for " + commits + " commits: they must be shared");
  }

  @Test
  void aFailedWriteTellsTheCallerItsCommitIsNotStoredAndTheNextCallerTriesAgain() {
    SlowFile file = new SlowFile();
    file.enable();
    file.failing = true;
    assertFalse(file.awaitStored());
    file.failing = false;
    assertTrue(file.awaitStored());
    assertEquals(2, file.writes.get());
  }

  @Test
  void everyCallerWaitingOnAFailedWriteIsToldSo() throws Exception {
    SlowFile file = new SlowFile();
    file.enable();
    file.failing = true;
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<Boolean>> answers = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      answers.add(pool.submit(file::awaitStored));
    }
    for (Future<Boolean> answer : answers) {
      assertFalse(answer.get(), "a caller was told its commit is stored");
    }
    pool.shutdown();
  }

  @Test
  void aCallerWhoseWriteTakesTooLongIsToldItsCommitIsNotStored() throws Exception {
    SlowFile file = new SlowFile();
    file.enable();
    file.millis = 600;
    file.maxWaitNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<Boolean> writer = pool.submit(file::awaitStored); // runs the slow write itself
    while (file.writes.get() == 0) {
      Thread.sleep(1);
    }
    assertFalse(file.awaitStored(), "a caller that waited past the bound was told it is stored");
    assertTrue(writer.get(), "the write itself finished and covered its caller");
    pool.shutdown();
  }

  @Test
  void workBetweenWritesNeverRunsBesideAFileWrite() throws Exception {
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    SlowFile file =
        new SlowFile() {
          @Override
          void checkpoint() throws SQLException {
            if (busy.incrementAndGet() > 1) {
              overlaps.incrementAndGet();
            }
            try {
              super.checkpoint();
            } finally {
              busy.decrementAndGet();
            }
          }
        };
    file.millis = 2;
    file.enable();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 40; i++) {
                  file.commitsMade.incrementAndGet();
                  assertTrue(file.awaitStored());
                }
              }));
    }
    done.add(
        pool.submit(
            () -> {
              for (int i = 0; i < 40; i++) {
                file.betweenWrites(
                    () -> {
                      if (busy.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                      }
                      try {
                        Thread.sleep(2);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      busy.decrementAndGet();
                    });
              }
              return null;
            }));
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertEquals(0, overlaps.get(), "work ran beside a CHECKPOINT");
  }
}
