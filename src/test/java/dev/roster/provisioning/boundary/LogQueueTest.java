package dev.roster.provisioning.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.provisioning.control.LogEntries;
import dev.roster.provisioning.control.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogQueueTest {

  final LogQueue requests = new LogQueue();

  final LogEntry entry = LogEntries.get(Instant.EPOCH, "acme", "User", 200, "c-1", "lookup");

  @Test
  void saysNoUntilTheWriterAttachesItsQueue() {
    assertFalse(requests.offer(entry), "the caller then hands the entry to the writer's proxy");
  }

  @Test
  void passesEntriesToTheWritersQueueAndItsAnswer() {
    List<LogEntry> queued = new ArrayList<>();
    requests.attach(e -> queued.size() < 1 && queued.add(e));
    assertTrue(requests.offer(entry));
    assertFalse(requests.offer(entry), "full: the writer decides");
    assertEquals(List.of(entry), queued);
  }
}
