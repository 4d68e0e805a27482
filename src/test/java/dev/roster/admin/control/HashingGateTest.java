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

  @AfterEach
  void stop() {
    threads.shutdownNow();
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
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger atOnce = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Future<Optional<String>>> busy = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      busy.add(
          threads.submit(
              () ->
                  gate.run(
                      () -> {
                        most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                        running.countDown();
                        await(release);
                        atOnce.decrementAndGet();
                        return "hash";
                      })));
    }
    assertTrue(running.await(10, TimeUnit.SECONDS));

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
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Optional<String>> first =
        threads.submit(
            () ->
                gate.run(
                    () -> {
                      running.countDown();
                      await(release);
                      return "first";
                    }));
    assertTrue(running.await(10, TimeUnit.SECONDS));
    Future<Optional<String>> waiting = threads.submit(() -> gate.run(() -> "waited"));
    Thread.sleep(200); // let it start waiting
    assertEquals(Optional.empty(), gate.run(() -> "third"), "only one may wait");
    release.countDown();
    assertEquals(Optional.of("first"), first.get(10, TimeUnit.SECONDS));
    assertEquals(Optional.of("waited"), waiting.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aWaitEndsAfterItsLimit() throws Exception {
    HashingGate gate = new HashingGate(1, 1, Duration.ofMillis(200));
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    threads.submit(
        () ->
            gate.run(
                () -> {
                  running.countDown();
                  await(release);
                  return "first";
                }));
    assertTrue(running.await(10, TimeUnit.SECONDS));
    long start = System.nanoTime();
    assertEquals(Optional.empty(), gate.run(() -> "late"));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= 150 && waited < 5000, () -> waited + " ms");
    release.countDown();
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
