package dev.roster.admin.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How pages write times and URL parameters: {@code #{formats.time(t)}} is UTC to the second, {@code
 * #{formats.ago(t)}} is "5 min ago", {@code #{formats.url(s)}} encodes a query parameter.
 */
@Named("formats")
@ApplicationScoped
public class Formats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public String time(Instant instant) {
    return instant == null ? "—" : TIME.format(instant);
  }

  /** An ISO-8601 instant, as the log's URL filters take it. */
  public String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  public String ago(Instant instant) {
    if (instant == null) {
      return "never";
    }
    Duration age = Duration.between(instant, Instant.now());
    if (age.toMinutes() < 1) {
      return "just now";
    }
    if (age.toHours() < 1) {
      return age.toMinutes() + " min ago";
    }
    if (age.toDays() < 1) {
      return age.toHours() + " h ago";
    }
    return age.toDays() + " d ago";
  }

  public String url(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The text with its first letter in upper case: "Deactivate", for an action. */
  public String capitalized(String text) {
    return text == null || text.isEmpty()
        ? ""
        : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The instant one day before now, for "the last 24 hours" links. */
  public String dayAgo() {
    return Instant.now()
        .minus(Duration.ofDays(1))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString();
  }
}
