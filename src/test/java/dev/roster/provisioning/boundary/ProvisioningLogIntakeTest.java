package dev.roster.provisioning.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.provisioning.control.LogEntries;
import dev.roster.provisioning.control.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intake forwards entries to the writer attached to it, and to none once it has detached. */
class ProvisioningLogIntakeTest {

  /** A writer that keeps what it is given: no container, no database. */
  static class KeepingWriter extends ProvisioningLogWriter {
    final List<LogEntry> recorded = new ArrayList<>();

    @Override
    public void record(LogEntry entry) {
      recorded.add(entry);
    }
  }

  @Test
  void forwardsOnlyWhileAWriterIsAttached() {
    ProvisioningLogIntake intake = new ProvisioningLogIntake();
    KeepingWriter writer = new KeepingWriter();
    LogEntry before = entry("before");
    LogEntry during = entry("during");
    LogEntry after = entry("after");

    intake.record(before); // before the writer started: not recorded, and no failure
    intake.attach(writer);
    intake.record(during);
    intake.detach();
    intake.record(after); // after it stopped: the same

    assertEquals(List.of(during), writer.recorded);
  }

  private static LogEntry entry(String correlationId) {
    return LogEntries.get(Instant.now(), "t1", "User", 200, correlationId, null);
  }
}
