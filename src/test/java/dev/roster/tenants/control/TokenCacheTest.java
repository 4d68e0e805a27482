package dev.roster.tenants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCacheTest {

  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  private static final TokenGrant ACME_1 =
      new TokenGrant("tok-1", "acme", "rst_aaaaaaaa", null, null);
  private static final TokenGrant ACME_2 =
      new TokenGrant("tok-2", "acme", "rst_bbbbbbbb", null, null);
  private static final TokenGrant GLOBEX_3 =
      new TokenGrant("tok-3", "globex", "rst_cccccccc", null, null);

  private final TokenCache cache = new TokenCache(5);

  @Test
  void timeToLiveIsTheConfiguredSeconds() {
    assertEquals(Duration.ofSeconds(5), cache.timeToLive());
    assertEquals(Duration.ZERO, new TokenCache(-3).timeToLive());
  }

  @ParameterizedTest(name = "after {0} ms -> cached {1}")
  @CsvSource({"0, true", "1, true", "4999, true", "5000, false", "5001, false", "60000, false"})
  void keepsAGrantForTheTimeToLive(long millis, boolean cached) {
    cache.put("h1", ACME_1, T0);

    Optional<TokenGrant> got = cache.get("h1", T0.plusMillis(millis));

    assertEquals(cached ? Optional.of(ACME_1) : Optional.empty(), got);
  }

  @Test
  void forgetsAnExpiredEntry() {
    cache.put("h1", ACME_1, T0);

    assertEquals(Optional.empty(), cache.get("h1", T0.plusSeconds(5)));
    assertEquals(0, cache.size());
    assertEquals(Optional.empty(), cache.get("h1", T0));
  }

  @Test
  void knowsNothingOfAnUnknownHash() {
    cache.put("h1", ACME_1, T0);

    assertEquals(Optional.empty(), cache.get("h2", T0));
  }

  @Test
  void cachesNothingWithZeroTimeToLive() {
    TokenCache off = new TokenCache(0);

    off.put("h1", ACME_1, T0);

    assertEquals(Optional.empty(), off.get("h1", T0));
    assertEquals(0, off.size());
  }

  @Test
  void putReplacesAndRestartsTheAge() {
    cache.put("h1", ACME_1, T0);
    cache.put("h1", ACME_2, T0.plusSeconds(3));

    assertEquals(Optional.of(ACME_2), cache.get("h1", T0.plusSeconds(7)));
    assertEquals(Optional.empty(), cache.get("h1", T0.plusSeconds(8)));
  }

  @Test
  void evictTokenRemovesOnlyThatToken() {
    cache.put("h1", ACME_1, T0);
    cache.put("h2", ACME_2, T0);
    cache.put("h3", GLOBEX_3, T0);

    cache.evictToken("tok-2");

    assertEquals(Optional.of(ACME_1), cache.get("h1", T0));
    assertEquals(Optional.empty(), cache.get("h2", T0));
    assertEquals(Optional.of(GLOBEX_3), cache.get("h3", T0));
  }

  @Test
  void evictTenantRemovesOnlyThatTenantsTokens() {
    cache.put("h1", ACME_1, T0);
    cache.put("h2", ACME_2, T0);
    cache.put("h3", GLOBEX_3, T0);

    cache.evictTenant("acme");

    assertEquals(Optional.empty(), cache.get("h1", T0));
    assertEquals(Optional.empty(), cache.get("h2", T0));
    assertEquals(Optional.of(GLOBEX_3), cache.get("h3", T0));
  }

  @Test
  void evictingUnknownIdsChangesNothing() {
    cache.put("h1", ACME_1, T0);

    cache.evictToken("nope");
    cache.evictTenant("nope");

    assertEquals(Optional.of(ACME_1), cache.get("h1", T0));
  }

  @Test
  void updateReplacesTheGrantButKeepsItsAge() {
    cache.put("h1", ACME_1, T0);
    TokenGrant used = ACME_1.usedAt(T0.plusSeconds(3));

    cache.update("h1", used);

    assertEquals(Optional.of(used), cache.get("h1", T0.plusSeconds(4)));
    assertEquals(Optional.empty(), cache.get("h1", T0.plusSeconds(5)));
  }

  @Test
  void updateDoesNotAddAnAbsentToken() {
    cache.update("h1", ACME_1);

    assertEquals(Optional.empty(), cache.get("h1", T0));
    assertEquals(0, cache.size());
  }

  @Test
  void neverGrowsBeyondMaxEntries() {
    int puts = TokenCache.MAX_ENTRIES + 50;
    for (int i = 0; i < puts; i++) {
      cache.put("h" + i, ACME_1, T0);
      assertTrue(cache.size() <= TokenCache.MAX_ENTRIES, "size after " + (i + 1) + " puts");
    }

    assertEquals(Optional.of(ACME_1), cache.get("h" + (puts - 1), T0));
  }

  @Test
  void makesRoomByDroppingExpiredEntriesFirst() {
    for (int i = 0; i < TokenCache.MAX_ENTRIES - 1; i++) {
      cache.put("old" + i, ACME_1, T0);
    }
    cache.put("fresh", ACME_2, T0.plusSeconds(4));

    cache.put("new", GLOBEX_3, T0.plusSeconds(6));

    assertEquals(2, cache.size());
    assertEquals(Optional.of(ACME_2), cache.get("fresh", T0.plusSeconds(6)));
    assertEquals(Optional.of(GLOBEX_3), cache.get("new", T0.plusSeconds(6)));
  }
}
