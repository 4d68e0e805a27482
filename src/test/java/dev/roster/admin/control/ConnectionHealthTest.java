package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.admin.control.ConnectionHealth.Level;
import dev.roster.admin.control.ConnectionHealth.Token;
import dev.roster.storage.LogFacts.Milestone;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant's connection health from its milestones, traffic and tokens. */
class ConnectionHealthTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final List<Token> ONE_TOKEN = List.of(new Token("rst_abcdefgh", true, null));

  @Test
  void aTenantNotSeenYetIsWaitingAndSaysWhatToDo() {
    ConnectionHealth health = ConnectionHealth.of(true, Map.of(), 0, 0, ONE_TOKEN, NOW);

    assertEquals(Level.WAITING, health.level());
    assertTrue(health.reasons().get(0).contains("Test Connection"), health.reasons().toString());
  }

  @Test
  void aNewTenantWithoutATokenIsWaitingNotFailing() {
    ConnectionHealth health = ConnectionHealth.of(true, Map.of(), 0, 0, List.of(), NOW);

    assertEquals(Level.WAITING, health.level());
    assertTrue(health.reasons().get(0).contains("no valid token"), health.reasons().toString());
  }

  @Test
  void recentSuccessIsHealthy() {
    ConnectionHealth health =
        ConnectionHealth.of(true, seen(Milestone.LAST_SUCCESS, ago(5)), 100, 1, ONE_TOKEN, NOW);

    assertEquals(Level.HEALTHY, health.level());
    assertEquals(List.of(), health.reasons());
  }

  @Test
  void a401AfterTheLastSuccessIsFailing() {
    Map<Milestone, Instant> seen = seen(Milestone.LAST_SUCCESS, ago(60));
    seen.put(Milestone.LAST_UNAUTHORIZED, ago(5));

    ConnectionHealth health = ConnectionHealth.of(true, seen, 20, 5, ONE_TOKEN, NOW);

    assertEquals(Level.FAILING, health.level());
    assertTrue(health.reasons().get(0).contains("401"), health.reasons().toString());
  }

  @Test
  void aDisabledTenantOrNoValidTokenIsFailing() {
    Map<Milestone, Instant> seen = seen(Milestone.LAST_SUCCESS, ago(5));

    assertEquals(Level.FAILING, ConnectionHealth.of(false, seen, 1, 0, ONE_TOKEN, NOW).level());
    ConnectionHealth revoked =
        ConnectionHealth.of(true, seen, 1, 0, List.of(new Token("rst_x", false, null)), NOW);
    assertEquals(Level.FAILING, revoked.level());
    assertTrue(revoked.reasons().get(0).contains("no valid token"), revoked.reasons().toString());
  }

  @Test
  void manyErrorsQuietHoursAndExpiringTokensNeedAttention() {
    Map<Milestone, Instant> seen = seen(Milestone.LAST_SUCCESS, ago(5));
    ConnectionHealth errors = ConnectionHealth.of(true, seen, 100, 30, ONE_TOKEN, NOW);
    assertEquals(Level.WARNING, errors.level());
    assertTrue(errors.reasons().get(0).startsWith("30%"), errors.reasons().toString());

    ConnectionHealth quiet =
        ConnectionHealth.of(true, seen(Milestone.LAST_SUCCESS, ago(180)), 0, 0, ONE_TOKEN, NOW);
    assertEquals(Level.WARNING, quiet.level());
    assertTrue(quiet.reasons().get(0).contains("2026-12-04 09:00"), quiet.reasons().toString());

    ConnectionHealth expiring =
        ConnectionHealth.of(
            true,
            seen,
            0,
            0,
            List.of(new Token("rst_soon1234", true, NOW.plus(Duration.ofDays(3)))),
            NOW);
    assertEquals(Level.WARNING, expiring.level());
    assertTrue(
        expiring.reasons().get(0).contains("rst_soon1234 expires on 2026-12-07"),
        expiring.reasons().toString());
  }

  private static Instant ago(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  private static Map<Milestone, Instant> seen(Milestone milestone, Instant time) {
    Map<Milestone, Instant> seen = new EnumMap<>(Milestone.class);
    seen.put(Milestone.FIRST_REQUEST, NOW.minus(Duration.ofDays(3)));
    seen.put(milestone, time);
    return seen;
  }
}
