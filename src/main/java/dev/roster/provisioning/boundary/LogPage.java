package dev.roster.provisioning.boundary;

import java.util.List;

/**
 * One page of a log search, newest first.
 *
 * @param next where the following page starts, or null when this is the last one
 * @param previous where the page before this one ends (its {@code before}), or null on the first
 */
public record LogPage(List<LogRecord> records, LogCursor next, LogCursor previous) {

  public LogPage {
    records = List.copyOf(records);
  }
}
