package dev.roster.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** U+0000 never reaches the database: a log entry holds it as the text \\u0000. */
class LogEntryTest {

  @Test
  void storesNulAsItsEscapeInEveryTextTheClientSent() {
    LogEntry entry =
        new LogEntry(
            Instant.EPOCH,
            "acme",
            null,
            "agent\0",
            "GET",
            "/scim/v2/Users/a\0",
            "filter=userName eq \"\0\"",
            new RequestTarget("User", "a\0"),
            400,
            "invalidFilter",
            "detail \0",
            1,
            "id\0",
            "{\"a\":\"\0\"}".getBytes(StandardCharsets.UTF_8),
            null,
            "bj\0",
            "create");

    assertEquals("agent\\u0000", entry.client());
    assertEquals("/scim/v2/Users/a\\u0000", entry.path());
    assertEquals("filter=userName eq \"\\u0000\"", entry.query());
    assertEquals("a\\u0000", entry.target().resourceId());
    assertEquals("detail \\u0000", entry.detail());
    assertEquals("id\\u0000", entry.correlationId());
    assertEquals("bj\\u0000", entry.subject());
    assertEquals("{\"a\":\"\\u0000\"}", new String(entry.body(), StandardCharsets.UTF_8));
    assertEquals(
        "{\"b\":\"\\u0000\\u0000\"}",
        new String(
            entry.withBody("{\"b\":\"\0\0\"}".getBytes(StandardCharsets.UTF_8)).body(),
            StandardCharsets.UTF_8));
  }

  @Test
  void leavesTextWithoutNulAsItIs() {
    byte[] body = "{\"userName\":\"bjensen\"}".getBytes(StandardCharsets.UTF_8);
    assertSame(body, LogEntry.storable(body));
    assertArrayEquals(new byte[0], LogEntry.storable(new byte[0]));
    assertEquals("a\\u0000b", LogEntry.storable("a\\u0000b"));
  }
}
