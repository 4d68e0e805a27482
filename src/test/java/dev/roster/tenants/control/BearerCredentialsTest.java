package dev.roster.tenants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerCredentialsTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "Bearer abc|abc",
        "bearer abc|abc",
        "BEARER abc|abc",
        "BeArEr abc|abc",
        "Bearer   abc  |abc",
        "  Bearer abc|abc",
        "Bearer\tabc|abc",
        "abc|abc",
        "  abc  |abc",
        "rst_abcdefgh_0123456789-_abcdefghijABCDEFGHIJ0123456789xyz|rst_abcdefgh_0123456789-_abcdefghijABCDEFGHIJ0123456789xyz",
        "Bearer mF_9.B5f-4.1JqM|mF_9.B5f-4.1JqM",
      })
  void readsTheToken(String header, String token) {
    assertEquals(Optional.of(token), BearerCredentials.tokenFrom(header));
  }

  @ParameterizedTest(name = "[{0}]")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "Basic dXNlcjpwYXNz",
        "Digest username=\"a\"",
        "Token abc",
        "Bearer a b",
        "Bearer  a  b ",
      })
  void readsNothingFromAnotherSchemeOrAMalformedHeader(String header) {
    assertEquals(Optional.empty(), BearerCredentials.tokenFrom(header));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"Bearer", "bearer", "BEARER", "Bearer   ", "  Bearer\t"})
  void readsNothingFromTheSchemeAlone(String header) {
    assertEquals(Optional.empty(), BearerCredentials.tokenFrom(header));
  }
}
