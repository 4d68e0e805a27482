package dev.roster.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributeValuesTest {

  /** What {@link AttributeValues#format} wrote before it had a path of its own for common years. */
  private static final DateTimeFormatter FORMATTER =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static String expected(Instant instant) {
    return FORMATTER.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void aDateTimeIsWrittenInUtcWithMilliseconds() {
    assertEquals(
        "2026-12-06T09:05:03.007Z",
        AttributeValues.format(Instant.parse("2026-12-06T09:05:03.007999Z")));
  }

  @Test
  void everyYearIsWrittenAsTheFormatterWritesIt() {
    for (String instant :
        new String[] {
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999Z",
          "0001-01-01T00:00:00Z",
          "-0001-06-01T12:00:00Z",
          "2000-02-29T23:59:59.999999999Z",
          "9999-12-31T23:59:59.999Z",
          "+10000-01-01T00:00:00Z",
          "+123456-07-08T09:10:11.012Z"
        }) {
      Instant value = Instant.parse(instant);
      assertEquals(expected(value), AttributeValues.format(value), instant);
    }
    Random random = new Random(18);
    long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      Instant value =
          Instant.ofEpochSecond(
              from + (long) (random.nextDouble() * (to - from)), random.nextInt(1_000_000_000));
      assertEquals(expected(value), AttributeValues.format(value));
    }
  }
}
