package dev.roster.tenants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenGrantTest {

  private static final Instant EXPIRY = Instant.parse("2026-12-31T23:59:59Z");

  @ParameterizedTest(name = "at {0} -> expired {1}")
  @CsvSource({
    "2026-01-01T00:00:00Z, false",
    "2026-12-31T23:59:58.999999Z, false",
    "2026-12-31T23:59:59Z, true",
    "2027-01-01T00:00:00Z, true",
  })
  void expiresAtItsExpiry(String now, boolean expired) {
    TokenGrant grant = new TokenGrant("tok-1", "acme", "rst_aaaaaaaa", EXPIRY, null);

    assertEquals(expired, grant.expiredAt(Instant.parse(now)));
  }

  @Test
  void neverExpiresWithoutExpiry() {
    TokenGrant grant = new TokenGrant("tok-1", "acme", "rst_aaaaaaaa", null, null);

    assertFalse(grant.expiredAt(Instant.MAX));
  }

  @Test
  void usedAtChangesOnlyLastUsed() {
    TokenGrant grant = new TokenGrant("tok-1", "acme", "rst_aaaaaaaa", EXPIRY, null);
    Instant now = Instant.parse("2026-06-01T12:00:00Z");

    TokenGrant used = grant.usedAt(now);

    assertEquals(new TokenGrant("tok-1", "acme", "rst_aaaaaaaa", EXPIRY, now), used);
    assertNull(grant.lastUsedAt());
  }

  @ParameterizedTest
  @CsvSource({
    // last use written, now, record this use?
    "'', 2026-06-01T12:00:00Z, true",
    "2026-06-01T12:00:00Z, 2026-06-01T12:00:59.999Z, false",
    "2026-06-01T12:00:00Z, 2026-06-01T12:01:00Z, true",
    "2026-06-01T12:00:00Z, 2026-06-01T13:00:00Z, true",
  })
  void recordsUseAtMostOnceAMinute(String lastUsed, String now, boolean record) {
    TokenGrant grant =
        new TokenGrant(
            "tok-1",
            "acme",
            "rst_aaaaaaaa",
            null,
            lastUsed.isEmpty() ? null : Instant.parse(lastUsed));

    assertEquals(record, grant.useToRecordAt(Instant.parse(now)));
  }

  @Test
  void sufficesOnlyWhenNeitherExpiredNorDueForAUseRecord() {
    Instant now = Instant.parse("2026-06-01T12:00:30Z");
    Instant justUsed = Instant.parse("2026-06-01T12:00:00Z");

    assertTrue(new TokenGrant("t", "acme", "p", null, justUsed).sufficesAt(now));
    assertTrue(new TokenGrant("t", "acme", "p", EXPIRY, justUsed).sufficesAt(now));
    assertFalse(new TokenGrant("t", "acme", "p", now, justUsed).sufficesAt(now), "expired");
    assertFalse(new TokenGrant("t", "acme", "p", null, null).sufficesAt(now), "use not recorded");
    assertFalse(
        new TokenGrant("t", "acme", "p", null, justUsed).sufficesAt(now.plusSeconds(60)),
        "use due again");
  }
}
