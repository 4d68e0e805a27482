package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationIdsTest {

  static Stream<Arguments> safeChoices() {
    return Stream.of(
        Arguments.of(
            new String[] {"7a3e1c9d-0b1f-4c39-9a8e-3a6f0c1d2e4f"},
            "7a3e1c9d-0b1f-4c39-9a8e-3a6f0c1d2e4f"),
        Arguments.of(new String[] {"first-id", "second-id"}, "first-id"),
        Arguments.of(new String[] {null, "second-id"}, "second-id"),
        Arguments.of(new String[] {"", "second-id"}, "second-id"),
        Arguments.of(new String[] {"   ", "second-id"}, "second-id"),
        Arguments.of(new String[] {"has space", "second-id"}, "second-id"),
        Arguments.of(new String[] {"abc\r\nSet-Cookie: x=1", "second-id"}, "second-id"),
        Arguments.of(new String[] {"\"quoted\"", "second-id"}, "second-id"),
        Arguments.of(new String[] {"<script>alert(1)</script>", "second-id"}, "second-id"),
        Arguments.of(new String[] {"x".repeat(129), "second-id"}, "second-id"),
        Arguments.of(new String[] {"x".repeat(128), "second-id"}, "x".repeat(128)),
        Arguments.of(new String[] {"  padded-id  "}, "padded-id"),
        Arguments.of(new String[] {"req:a.b_c@d/e+f=g-h"}, "req:a.b_c@d/e+f=g-h"));
  }

  @ParameterizedTest(name = "{index}: -> {1}")
  @MethodSource("safeChoices")
  void choosesFirstSafeCandidate(String[] candidates, String expected) {
    assertEquals(expected, CorrelationIds.choose(candidates));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "has space",
        "line\nbreak",
        "cr\rreturn",
        "'single'",
        "\"double\"",
        "<script>",
        "semi;colon",
        "comma,separated",
        "ünïcödé",
      })
  void replacesUnsafeCandidateWithUuid(String candidate) {
    String chosen = CorrelationIds.choose(candidate);

    assertNotEquals(candidate, chosen);
    assertEquals(chosen, UUID.fromString(chosen).toString());
  }

  @Test
  void fallsBackToUuidWithoutCandidates() {
    String chosen = CorrelationIds.choose();

    assertEquals(chosen, UUID.fromString(chosen).toString());
  }

  @Test
  void fallsBackToUuidWhenEveryCandidateIsNull() {
    String chosen = CorrelationIds.choose(null, null);

    assertEquals(chosen, UUID.fromString(chosen).toString());
  }

  @Test
  void generatesAFreshUuidEachTime() {
    assertNotEquals(CorrelationIds.choose(), CorrelationIds.choose());
  }
}
