package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2FileCompaction}'s function on a real H2 file database, written to as Roster's durable
 * writes do: a commit and a {@code CHECKPOINT} at a time, into a table with an ordered and a random
 * index. {@code RETENTION_TIME=0} lets H2 reuse a chunk at once, where the server waits 45 s.
 */
class H2FileCompactionTest {

  private static final int COMMITS = 1_500;

  @TempDir Path directory;

  @Test
  void theFunctionCompilesAndReachesTheStore() throws SQLException {
    try (Connection connection = open("declared")) {
      H2FileCompaction.install(connection);
      H2FileCompaction.install(connection); // a restart declares it again
      assertFalse(H2FileCompaction.compact(connection, 0, 1 << 20), "nothing below 0% live");
    }
  }

  @Test
  void compactingAsWritesGoOnKeepsTheFileSmall() throws Exception {
    long left = fileSizeAfterWrites("left", false);
    long compacted = fileSizeAfterWrites("compacted", true);
    assertTrue(
        compacted * 3 < left,
        "file with compaction " + compacted + " bytes, without " + left + " bytes");
  }

  private long fileSizeAfterWrites(String name, boolean compact) throws Exception {
    try (Connection connection = open(name);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE ROWS_WRITTEN (ID BIGINT PRIMARY KEY, KEY_TEXT VARCHAR(36), DOC VARCHAR(2000))");
      statement.execute("CREATE INDEX ROWS_WRITTEN_KEY ON ROWS_WRITTEN (KEY_TEXT)");
      H2FileCompaction.install(connection);
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO ROWS_WRITTEN VALUES (?, ?, ?)")) {
        for (int commit = 0; commit < COMMITS; commit++) {
          for (int row = 0; row < 10; row++) {
            insert.setLong(1, commit * 10L + row);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, "x".repeat(500));
            insert.executeUpdate();
          }
          connection.commit();
          statement.execute("CHECKPOINT");
          if (compact && commit % 20 == 0) {
            H2FileCompaction.compact(connection, H2FileCompaction.TARGET_FILL_PERCENT, 4096 * 1024);
            connection.commit();
          }
        }
      }
      return Files.size(directory.resolve(name + ".mv.db"));
    }
  }

  private Connection open(String name) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:"
            + directory.resolve(name)
            + ";AUTO_COMPACT_FILL_RATE=50;RETENTION_TIME=0;DB_CLOSE_DELAY=0");
  }
}
