package dev.roster.provisioning.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LogCursorTest {

  @Test
  void tokenIsTimeAndId() {
    LogCursor cursor = new LogCursor(Instant.parse("2026-11-23T09:00:00.123456Z"), 4711);

    assertEquals("2026-11-23T09:00:00.123456Z_4711", cursor.token());
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource({
    "2026-11-23T09:00:00.123456Z, 4711",
    "2026-11-23T09:00:00.000001Z, 1",
    "2026-11-23T09:00:00.100Z, 2",
    "2026-11-23T09:00:00Z, 0",
    "1970-01-01T00:00:00Z, 9223372036854775807",
    "2099-12-31T23:59:59.999999Z, 42",
  })
  void parsesItsOwnToken(String time, long id) {
    LogCursor cursor = new LogCursor(Instant.parse(time), id);

    assertEquals(Optional.of(cursor), LogCursor.parse(cursor.token()));
  }

  @Test
  void parsesADocumentedToken() {
    assertEquals(
        Optional.of(new LogCursor(Instant.parse("2026-11-23T09:00:00.123456Z"), 4711)),
        LogCursor.parse("2026-11-23T09:00:00.123456Z_4711"));
  }

  @ParameterizedTest(name = "[{0}]")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "garbage",
        "_",
        "_4711",
        "2026-11-23T09:00:00.123456Z",
        "2026-11-23T09:00:00.123456Z_",
        "2026-11-23T09:00:00.123456Z_abc",
        "2026-11-23T09:00:00.123456Z_4711x",
        "2026-11-23 09:00:00_4711",
        "2026-13-45T09:00:00Z_4711",
        "2026-11-23T09:00:00.123456Z_99999999999999999999",
        "4711_2026-11-23T09:00:00.123456Z",
      })
  void parsesNothingFromABadToken(String token) {
    assertEquals(Optional.empty(), LogCursor.parse(token));
  }
}
