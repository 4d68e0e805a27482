package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hourly chart: one bar per hour with requests, an error bar in it, links to the hour's log.
 */
class TrafficChartTest {

  private static final Instant MIDNIGHT = Instant.parse("2026-12-04T00:00:00Z");

  @Test
  void drawsABarPerBusyHourLinkedToItsLog() {
    List<TrafficChart.Hour> hours = new ArrayList<>();
    hours.add(new TrafficChart.Hour(MIDNIGHT.minus(1, ChronoUnit.HOURS), 0, 0));
    hours.add(new TrafficChart.Hour(MIDNIGHT, 10, 2));
    hours.add(new TrafficChart.Hour(MIDNIGHT.plus(1, ChronoUnit.HOURS), 5, 0));

    String svg = TrafficChart.svg(hours, "acme&co");

    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertEquals(2, count(svg, "class=\"requests\""));
    assertEquals(1, count(svg, "class=\"errors\""));
    assertTrue(
        svg.contains(
            "href=\"log.xhtml?tenant=acme%26co&amp;from=2026-12-04T00:00:00Z&amp;to=2026-12-04T01:00:00Z\""),
        svg);
    assertTrue(svg.contains("<title>2026-12-04T00:00 UTC: 10 requests, 2 errors</title>"), svg);
    assertTrue(svg.contains(">12-04</text>"), "a day's label at midnight: " + svg);
    assertTrue(svg.contains("15 requests, 2 errors"), svg);
    assertFalse(svg.contains("<script"), svg);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
