package dev.roster.tenants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.runtime.TokenSecrets;
import dev.roster.tenants.control.BootstrapTokens.Entry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapTokensTest {

  private static final String ACME = "token-of-16-chars!";
  private static final String GLOBEX = "globex-token-0002";

  static Stream<Arguments> settings() {
    return Stream.of(
        Arguments.of("acme=" + ACME, List.of(new Entry("acme", ACME))),
        Arguments.of(
            "acme=" + ACME + ",globex=" + GLOBEX,
            List.of(new Entry("acme", ACME), new Entry("globex", GLOBEX))),
        Arguments.of(
            "  acme = " + ACME + " ,  globex=" + GLOBEX + "  ",
            List.of(new Entry("acme", ACME), new Entry("globex", GLOBEX))),
        Arguments.of("acme=" + ACME + ",", List.of(new Entry("acme", ACME))),
        Arguments.of(",acme=" + ACME + ",,", List.of(new Entry("acme", ACME))),
        Arguments.of("acme=" + ACME + ",acme=" + ACME, List.of(new Entry("acme", ACME))),
        Arguments.of(
            "tenant.one_2-x=a-token=with=equals",
            List.of(new Entry("tenant.one_2-x", "a-token=with=equals"))),
        Arguments.of("A=" + "x".repeat(16), List.of(new Entry("A", "x".repeat(16)))),
        Arguments.of("t".repeat(64) + "=" + ACME, List.of(new Entry("t".repeat(64), ACME))));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("settings")
  void parsesPairs(String setting, List<Entry> expected) {
    assertEquals(expected, BootstrapTokens.parse(setting));
  }

  @ParameterizedTest(name = "[{0}]")
  @NullAndEmptySource
  @ValueSource(strings = {"   ", ",", " , , "})
  void parsesNothingFromAnEmptySetting(String setting) {
    assertEquals(List.of(), BootstrapTokens.parse(setting));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("no equals sign", "acme" + ACME, "acme" + ACME, "'='"),
        Arguments.of("bare token", "token-without-tenant-0001", "token-without-tenant-0001", "'='"),
        Arguments.of("short token", "acme=tooShort9", "tooShort9", "16"),
        Arguments.of("15 characters", "acme=" + "y".repeat(15), "y".repeat(15), "16"),
        Arguments.of("empty token", "acme=", null, "16"),
        Arguments.of("space in tenant id", "bad id=" + ACME, ACME, "tenant id"),
        Arguments.of("tenant id starting with '-'", "-x=" + ACME, ACME, "tenant id"),
        Arguments.of("empty tenant id", "=" + ACME, ACME, "tenant id"),
        Arguments.of("tenant id of 65", "t".repeat(65) + "=" + ACME, ACME, "tenant id"),
        Arguments.of(
            "same token for two tenants", "acme=" + ACME + ",globex=" + ACME, ACME, "one tenant"),
        Arguments.of(
            "whitespace in token",
            "acme=token with spaces 01",
            "token with spaces 01",
            "whitespace"),
        Arguments.of(
            "tab in token", "acme=token\twith-a-tab-01", "token\twith-a-tab-01", "whitespace"),
        Arguments.of(
            "control character in token",
            "acme=token\u0001with-ctrl-001",
            "token\u0001with-ctrl-001",
            "control"),
        Arguments.of(
            "bad second pair", "acme=" + ACME + ",globex=short-0002", "short-0002", "pair 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void rejectsBadSettingWithoutRevealingTheToken(
      String why, String setting, String token, String expectedInMessage) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BootstrapTokens.parse(setting));

    assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    assertTrue(e.getMessage().contains("ROSTER_BOOTSTRAP_TOKENS"), e.getMessage());
    if (token != null) {
      assertFalse(e.getMessage().contains(token), e.getMessage());
    }
  }

  @Test
  void rejectsShortTokenNamingTheMinimum() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BootstrapTokens.parse("acme=abc12345"));

    assertTrue(e.getMessage().contains(Integer.toString(BootstrapTokens.MIN_TOKEN_LENGTH)));
    assertEquals(16, BootstrapTokens.MIN_TOKEN_LENGTH);
    assertFalse(e.getMessage().contains("abc12345"), e.getMessage());
  }

  @Test
  void entryToStringHidesTheToken() {
    Entry entry = BootstrapTokens.parse("acme=" + ACME).get(0);

    assertFalse(entry.toString().contains(ACME), entry.toString());
    assertTrue(entry.toString().contains("acme"), entry.toString());
    assertTrue(entry.toString().contains(TokenSecrets.prefixOf(ACME)), entry.toString());
  }

  @Test
  void entryToStringHidesAGeneratedToken() {
    String token = TokenSecrets.generate().plaintext();
    Entry entry = BootstrapTokens.parse("acme=" + token).get(0);

    assertFalse(entry.toString().contains(token), entry.toString());
    assertFalse(entry.toString().contains(token.substring(13)), entry.toString());
  }
}
