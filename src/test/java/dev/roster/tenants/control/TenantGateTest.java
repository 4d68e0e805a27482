package dev.roster.tenants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantGateTest {

  /** A clock that only moves when the gate sleeps, and a record of how long it slept. */
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private final List<Long> slept = new ArrayList<>();

  private TenantGate gate(int concurrency, int waiting, Duration maxWait, double rate, int burst) {
    return new TenantGate(
        new TenantGate.Limits(concurrency, waiting, maxWait, rate, burst),
        now::get,
        nanos -> {
          slept.add(nanos);
          now.addAndGet(nanos);
        });
  }

  @Test
  void admitsUpToTheConcurrencyAndRefusesBeyondAFullWaitingRoom() throws Exception {
    TenantGate gate = gate(2, 0, Duration.ofSeconds(5), 0, 1);
    TenantGate.Admission first = gate.admit();
    TenantGate.Admission second = gate.admit();
    TenantGate.Admission third = gate.admit();
    assertTrue(first.admitted().isPresent());
    assertTrue(second.admitted().isPresent());
    assertFalse(third.admitted().isPresent(), "no room to wait in");
    assertEquals(Duration.ofSeconds(1), third.retryAfter());
    first.pass().close();
    assertTrue(gate.admit().admitted().isPresent(), "a pass handed back lets the next one in");
  }

  @Test
  void aWaitingRequestGetsInWhenARunningOneEnds() throws Exception {
    TenantGate gate = new TenantGate(new TenantGate.Limits(1, 1, Duration.ofSeconds(10), 0, 1));
    TenantGate.Pass running = gate.admit().pass();
    CompletableFuture<TenantGate.Admission> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return gate.admit();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    while (gate.waiting() == 0) {
      Thread.sleep(5);
    }
    assertFalse(gate.admit().admitted().isPresent(), "the waiting room holds one");
    running.close();
    assertTrue(waiter.get(5, TimeUnit.SECONDS).admitted().isPresent());
  }

  @Test
  void aWaitLongerThanTheMaximumIsRefused() throws Exception {
    TenantGate gate = new TenantGate(new TenantGate.Limits(1, 4, Duration.ofMillis(50), 0, 1));
    TenantGate.Pass running = gate.admit().pass();
    long start = System.nanoTime();
    TenantGate.Admission late = gate.admit();
    assertFalse(late.admitted().isPresent());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "it waited first");
    running.close();
  }

  @Test
  void letsABurstThroughAndThenSpacesRequestsByTheRate() throws Exception {
    TenantGate gate = gate(100, 100, Duration.ofSeconds(5), 10, 3);
    for (int i = 0; i < 3; i++) {
      gate.admit().pass().close();
    }
    assertEquals(List.of(), slept, "the burst needs no wait");
    gate.admit().pass().close();
    gate.admit().pass().close();
    assertEquals(List.of(100_000_000L, 100_000_000L), slept, "then one every 100 ms");
  }

  @Test
  void refusesWithTheTimeUntilAStartIsFreeWhenThatIsBeyondTheMaximumWait() throws Exception {
    TenantGate gate = gate(100, 100, Duration.ZERO, 2, 1);
    gate.admit().pass().close();
    TenantGate.Admission refused = gate.admit();
    assertFalse(refused.admitted().isPresent());
    assertEquals(Duration.ofMillis(500), refused.retryAfter());
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    assertTrue(gate.admit().admitted().isPresent(), "a refusal reserved nothing");
  }

  @Test
  void withoutARateLimitNothingWaitsForTheClock() throws Exception {
    TenantGate gate = gate(100, 0, Duration.ZERO, 0, 1);
    for (int i = 0; i < 1000; i++) {
      gate.admit().pass().close();
    }
    assertEquals(List.of(), slept);
  }
}
