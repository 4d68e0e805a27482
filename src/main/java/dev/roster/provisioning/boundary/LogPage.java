package dev.roster.provisioning.boundary;

import java.util.List;

/**
 * One page of a log search, newest first.
 *
 * @param next where the following page starts, or null when this is the last one
 */
public record LogPage(List<LogRecord> records, LogCursor next) {

  public LogPage {
    records = List.copyOf(records);
  }
}
