package dev.roster.provisioning.boundary;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A position in the log, newest first: the time and id of the last record seen. Paging by this key,
 * not by offset, costs the same on page 1 and on page 10,000, and does not skip or repeat records
 * while new ones arrive.
 */
public record LogCursor(Instant time, long id) {

  /** Text for a URL: {@code 2026-11-23T09:00:00.123456Z_4711}. */
  public String token() {
    return time + "_" + id;
  }

  public static Optional<LogCursor> parse(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int cut = token.lastIndexOf('_');
    try {
      return Optional.of(
          new LogCursor(
              Instant.parse(token.substring(0, cut)), Long.parseLong(token.substring(cut + 1))));
    } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
