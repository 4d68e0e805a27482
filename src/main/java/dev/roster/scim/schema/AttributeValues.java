package dev.roster.scim.schema;

import static dev.roster.scim.JsonProviders.JSON;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * How values of each type (RFC 7643 §2.3) are read leniently and compared. Comparison goes through
 * one <em>key</em> per value: equal keys mean equal values, and keys of strings and dateTimes sort
 * like their values. The database index stores the same keys, so a filter means the same in memory
 * and in SQL.
 */
public final class AttributeValues {

  /** dateTime keys: UTC with milliseconds, so that they sort as text. */
  private static final DateTimeFormatter INSTANT_KEY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The first second that {@link #format} leaves to {@link #INSTANT_KEY} again. */
  private static final long YEAR_10000 =
      LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

  private AttributeValues() {}

  /**
   * A boolean as JSON or as the strings {@code "true"} and {@code "false"} in any case, which Entra
   * ID sends for {@code active} and {@code primary}.
   */
  public static Optional<Boolean> bool(JsonValue value) {
    if (value == JsonValue.TRUE) {
      return Optional.of(true);
    }
    if (value == JsonValue.FALSE) {
      return Optional.of(false);
    }
    if (value instanceof JsonString s) {
      if (s.getString().equalsIgnoreCase("true")) {
        return Optional.of(true);
      }
      if (s.getString().equalsIgnoreCase("false")) {
        return Optional.of(false);
      }
    }
    return Optional.empty();
  }

  public static JsonValue json(boolean value) {
    return value ? JsonValue.TRUE : JsonValue.FALSE;
  }

  /**
   * An xsd:dateTime (RFC 7643 §2.3.5). A value without an offset is taken as UTC; up to nine
   * fractional digits are accepted (Microsoft's test collection sends seven).
   */
  public static Optional<Instant> dateTime(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** A dateTime as Roster writes it: UTC, milliseconds. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= YEAR_10000) {
      return INSTANT_KEY.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
    // what INSTANT_KEY writes for the years 1970 to 9999, without its formatter: a page of 100
    // users writes 200 of these, and the formatter was a tenth of the page's CPU
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
    digits(text, 0, time.getYear(), 4);
    digits(text, 5, time.getMonthValue(), 2);
    digits(text, 8, time.getDayOfMonth(), 2);
    digits(text, 11, time.getHour(), 2);
    digits(text, 14, time.getMinute(), 2);
    digits(text, 17, time.getSecond(), 2);
    digits(text, 20, instant.getNano() / 1_000_000, 3);
    return new String(text);
  }

  /** Writes {@code value}'s last {@code width} decimal digits into {@code text} at {@code at}. */
  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * The comparison key of a value of that attribute: strings as sent when case-exact, else in lower
   * case; booleans as {@code true}/{@code false}; dateTimes in UTC with milliseconds; numbers in
   * plain notation.
   *
   * @return empty when the value does not have the attribute's type
   */
  public static Optional<String> key(Attribute attribute, JsonValue value) {
    switch (attribute.type()) {
      case BOOLEAN:
        return bool(value).map(String::valueOf);
      case DATE_TIME:
        return value instanceof JsonString s
            ? dateTime(s.getString()).map(AttributeValues::format)
            : Optional.empty();
      case INTEGER:
      case DECIMAL:
        return value instanceof JsonNumber n
            ? Optional.of(n.bigDecimalValue().stripTrailingZeros().toPlainString())
            : Optional.empty();
      case COMPLEX:
        return Optional.empty();
      default:
        String text = text(value);
        if (text == null) {
          return Optional.empty();
        }
        return Optional.of(attribute.caseExact() ? text : text.toLowerCase(Locale.ROOT));
    }
  }

  /** A filter literal as text: strings as they are, numbers and booleans as written. */
  private static String text(JsonValue value) {
    if (value instanceof JsonString s) {
      return s.getString();
    }
    if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value.toString();
    }
    return null;
  }

  /** A string value. */
  public static JsonString json(String value) {
    return JSON.createValue(value);
  }
}
