package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** At most so many hashes at once; the rest briefly wait, or are turned away at once. */
class HashingGateTest {

  final ExecutorService threads = Executors.newCachedThreadPool();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger most = new AtomicInteger();

  @AfterEach
  void stop() {
    release.countDown();
    threads.shutdownNow();
  }

  /** Starts hashes that hold their slots until {@link #release}, and returns once they run. */
  private List<Future<Optional<String>>> occupy(HashingGate gate, int hashes) throws Exception {
    CountDownLatch started = new CountDownLatch(hashes);
    List<Future<Optional<String>>> work = new ArrayList<>();
    for (int i = 0; i < hashes; i++) {
      work.add(
          threads.submit(
              () ->
                  gate.run(
                      () -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        started.countDown();
                        await(release);
                        running.decrementAndGet();
                        return "hash";
                      })));
    }
    assertTrue(started.await(10, TimeUnit.SECONDS));
    return work;
  }

  @Test
  void runsTheWorkWhenASlotIsFree() {
    HashingGate gate = new HashingGate(1, 0, Duration.ZERO);
    assertEquals(Optional.of("hash"), gate.run(() -> "hash"));
    assertEquals(Optional.of("again"), gate.run(() -> "again"), "the slot was given back");
  }

  @Test
  void neverRunsMoreThanItsSlotsAndTurnsTheRestAwayAtOnce() throws Exception {
    HashingGate gate = new HashingGate(2, 0, Duration.ofSeconds(10));
    List<Future<Optional<String>>> busy = occupy(gate, 2);

    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      assertEquals(Optional.empty(), gate.run(() -> "more"), "no slot, and no room to wait");
    }
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "turned away without waiting");

    release.countDown();
    for (Future<Optional<String>> hash : busy) {
      assertEquals(Optional.of("hash"), hash.get(10, TimeUnit.SECONDS));
    }
    assertEquals(2, most.get());
  }

  @Test
  void aFewWaitBrieflyForASlot() throws Exception {
    HashingGate gate = new HashingGate(1, 1, Duration.ofSeconds(10));
    Future<Optional<String>> first = occupy(gate, 1).get(0);
    Future<Optional<String>> waiting = threads.submit(() -> gate.run(() -> "waited"));
    Thread.sleep(200); // let it start waiting
    assertEquals(Optional.empty(), gate.run(() -> "third"), "only one may wait");
    release.countDown();
    assertEquals(Optional.of("hash"), first.get(10, TimeUnit.SECONDS));
    assertEquals(Optional.of("waited"), waiting.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aWaitEndsAfterItsLimit() throws Exception {
    HashingGate gate = new HashingGate(1, 1, Duration.ofMillis(200));
    occupy(gate, 1);
    long start = System.nanoTime();
    assertEquals(Optional.empty(), gate.run(() -> "late"));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= 150 && waited < 5000, () -> waited + " ms");
  }

  @Test
  void theWorkGivesItsSlotBackWhenItFails() {
    HashingGate gate = new HashingGate(1, 0, Duration.ZERO);
    try {
      gate.run(
          () -> {
            throw new IllegalStateException("boom");
          });
    } catch (IllegalStateException expected) {
      // the slot must be free again
    }
    assertEquals(Optional.of("after"), gate.run(() -> "after"));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
