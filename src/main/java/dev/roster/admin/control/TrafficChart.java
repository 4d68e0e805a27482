package dev.roster.admin.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Requests and errors per hour as an SVG bar chart, drawn on the server: the console's
 * Content-Security-Policy allows no script and no third-party assets, and an inline SVG needs
 * neither. Each hour is a link to the log of that hour (of the tenant, or of all), and tells its
 * figures on hover ({@code <title>}). Only numbers, times and URL-encoded tenant ids go into the
 * markup, each escaped.
 */
public final class TrafficChart {

  /** One hour's figures. */
  public record Hour(Instant start, long requests, long errors) {}

  static final int BAR = 6;
  static final int HEIGHT = 120;
  static final int TOP = 16;
  static final int BOTTOM = 18;

  private TrafficChart() {}

  /**
   * @param hours oldest first, one per hour
   * @param tenantId the tenant the links filter on, or null for all
   */
  public static String svg(List<Hour> hours, String tenantId) {
    long max = 1;
    long requests = 0;
    long errors = 0;
    for (Hour hour : hours) {
      max = Math.max(max, hour.requests());
      requests += hour.requests();
      errors += hour.errors();
    }
    int width = Math.max(1, hours.size()) * BAR;
    int plot = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"traffic-chart\" role=\"img\"")
        .append(" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(HEIGHT)
        .append("\" aria-label=\"Requests and errors per hour: ")
        .append(requests)
        .append(" requests, ")
        .append(errors)
        .append(" errors\">");
    svg.append("<text x=\"0\" y=\"11\" class=\"axis\">").append(max).append(" per hour</text>");
    svg.append("<line x1=\"0\" y1=\"")
        .append(TOP)
        .append("\" x2=\"")
        .append(width)
        .append("\" y2=\"")
        .append(TOP)
        .append("\" class=\"grid\"/>");
    for (int i = 0; i < hours.size(); i++) {
      Hour hour = hours.get(i);
      int x = i * BAR;
      if (hour.start().atZone(java.time.ZoneOffset.UTC).getHour() == 0) {
        svg.append("<line x1=\"")
            .append(x)
            .append("\" y1=\"")
            .append(TOP)
            .append("\" x2=\"")
            .append(x)
            .append("\" y2=\"")
            .append(HEIGHT - BOTTOM)
            .append("\" class=\"day\"/><text x=\"")
            .append(x + 2)
            .append("\" y=\"")
            .append(HEIGHT - 4)
            .append("\" class=\"axis\">")
            .append(hour.start().toString(), 5, 10)
            .append("</text>");
      }
      if (hour.requests() == 0) {
        continue;
      }
      int total = bar(hour.requests(), max, plot);
      int failed = hour.errors() == 0 ? 0 : Math.max(1, bar(hour.errors(), max, plot));
      svg.append("<a href=\"")
          .append(escape(logLink(hour.start(), tenantId)))
          .append("\"><title>")
          .append(hour.start().toString(), 0, 13)
          .append(":00 UTC: ")
          .append(hour.requests())
          .append(hour.requests() == 1 ? " request, " : " requests, ")
          .append(hour.errors())
          .append(hour.errors() == 1 ? " error" : " errors")
          .append("</title>");
      svg.append("<rect x=\"")
          .append(x)
          .append("\" y=\"")
          .append(HEIGHT - BOTTOM - total)
          .append("\" width=\"")
          .append(BAR - 1)
          .append("\" height=\"")
          .append(total)
          .append("\" class=\"requests\"/>");
      if (failed > 0) {
        svg.append("<rect x=\"")
            .append(x)
            .append("\" y=\"")
            .append(HEIGHT - BOTTOM - failed)
            .append("\" width=\"")
            .append(BAR - 1)
            .append("\" height=\"")
            .append(failed)
            .append("\" class=\"errors\"/>");
      }
      svg.append("</a>");
    }
    return svg.append("</svg>").toString();
  }

  private static int bar(long value, long max, int plot) {
    return (int) Math.max(1, Math.round((double) value * plot / max));
  }

  /** The log of one hour, of the tenant or of all. */
  static String logLink(Instant hour, String tenantId) {
    return "log.xhtml?"
        + (tenantId == null
            ? ""
            : "tenant=" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "&")
        + "from="
        + hour
        + "&to="
        + hour.plus(1, ChronoUnit.HOURS);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
