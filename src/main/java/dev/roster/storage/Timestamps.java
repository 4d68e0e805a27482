package dev.roster.storage;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The time stored as {@code meta.created} and {@code meta.lastModified}: UTC without a zone, to the
 * millisecond, which every database keeps exactly (H2 and PostgreSQL both hold microseconds).
 */
public final class Timestamps {

  private Timestamps() {}

  public static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }
}
