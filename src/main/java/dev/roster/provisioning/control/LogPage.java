package dev.roster.provisioning.control;

import dev.roster.provisioning.entity.ProvisioningRecord;
import java.util.List;

/**
 * One page of a log search, newest first.
 *
 * @param next where the following page starts, or null when this is the last one
 */
public record LogPage(List<ProvisioningRecord> records, LogCursor next) {

  public LogPage {
    records = List.copyOf(records);
  }
}
