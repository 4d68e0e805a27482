package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2FileCompaction}'s function on a real H2 file database, written to as Roster's durable
 * writes do: a commit and a {@code CHECKPOINT} at a time, into a table with an ordered and a random
 * index. H2's own compaction is off, as in Roster's URL; {@code RETENTION_TIME=0} lets H2 reuse a
 * chunk at once, where the server waits 45 s.
 */
class H2FileCompactionTest {

  private static final int COMMITS = 1_500;

  @TempDir Path directory;

  @Test
  void theFunctionCompilesAndReachesTheStore() throws SQLException {
    try (Connection connection = open("declared")) {
      H2FileCompaction.install(connection);
      H2FileCompaction.install(connection); // a restart declares it again
      H2FileCompaction.Figures figures = H2FileCompaction.compact(connection, 0, 1 << 20, 0);
      assertFalse(figures.rewrote(), "nothing at 0% live to rewrite");
      assertTrue(figures.fileUsedPercent() > 0, "figures " + figures);
    }
  }

  @Test
  void aDatabaseInMemoryOrWithAnEmptyFileHasNothingToCompactAndStaysOpen() throws SQLException {
    for (String url :
        new String[] {
          "jdbc:h2:mem:compacted;DB_CLOSE_DELAY=-1",
          "jdbc:h2:file:" + directory.resolve("fresh") + ";AUTO_COMPACT_FILL_RATE=0"
        }) {
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        H2FileCompaction.install(connection);
        H2FileCompaction.Figures figures =
            H2FileCompaction.compact(connection, 100, 1 << 20, 16 << 20);
        assertFalse(figures.rewrote(), url);
        statement.execute("CREATE TABLE STILL_OPEN (ID INT)");
        statement.execute("INSERT INTO STILL_OPEN VALUES (1)");
      }
    }
  }

  @Test
  void aUrlThatLeavesH2sOwnCompactionOnIsWarnedAbout() throws SQLException {
    List<String> warnings = new ArrayList<>();
    Logger logger = Logger.getLogger(H2FileCompaction.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      for (String rate : new String[] {"0", "50"}) {
        try (Connection connection =
            DriverManager.getConnection(
                "jdbc:h2:file:"
                    + directory.resolve("rate" + rate)
                    + ";AUTO_COMPACT_FILL_RATE="
                    + rate)) {
          H2FileCompaction.warnIfH2CompactsItself(connection);
        }
      }
    } finally {
      logger.removeHandler(handler);
    }
    assertEquals(1, warnings.size(), "warnings " + warnings);
    assertTrue(warnings.get(0).contains("AUTO_COMPACT_FILL_RATE=50"), warnings.get(0));
  }

  @Test
  void movingChunksShrinksTheFileOnceMostRowsAreGone() throws Exception {
    try (Connection connection = open("moved");
        Statement statement = connection.createStatement()) {
      H2FileCompaction.install(connection);
      write(connection, statement, 600, false);
      statement.execute("DELETE FROM ROWS_WRITTEN WHERE ID < 5400");
      statement.execute("CHECKPOINT");
      long before = Files.size(directory.resolve("moved.mv.db"));
      H2FileCompaction.Figures figures = null;
      for (int call = 0; call < 20; call++) {
        figures = H2FileCompaction.compact(connection, 100, 0, 64 << 20);
        statement.execute("CHECKPOINT");
      }
      long after = Files.size(directory.resolve("moved.mv.db"));
      assertTrue(after * 3 < before, "file " + before + " bytes, then " + after + ", " + figures);
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
      H2FileCompaction.install(connection);
      write(connection, statement, COMMITS, compact);
      return Files.size(directory.resolve(name + ".mv.db"));
    }
  }

  /** Commits of ten rows, each followed by a CHECKPOINT, as Roster's durable writes do. */
  private static void write(
      Connection connection, Statement statement, int commits, boolean compact)
      throws SQLException {
    statement.execute(
        "CREATE TABLE ROWS_WRITTEN (ID BIGINT PRIMARY KEY, KEY_TEXT VARCHAR(36), DOC VARCHAR(2000))");
    statement.execute("CREATE INDEX ROWS_WRITTEN_KEY ON ROWS_WRITTEN (KEY_TEXT)");
    connection.setAutoCommit(false);
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO ROWS_WRITTEN VALUES (?, ?, ?)")) {
      for (int commit = 0; commit < commits; commit++) {
        for (int row = 0; row < 10; row++) {
          insert.setLong(1, commit * 10L + row);
          insert.setString(2, UUID.randomUUID().toString());
          insert.setString(3, "x".repeat(500));
          insert.executeUpdate();
        }
        connection.commit();
        statement.execute("CHECKPOINT");
        if (compact && commit % 20 == 0) {
          H2FileCompaction.compact(
              connection, H2FileCompaction.SPARSE_CHUNK_PERCENT, 4096 * 1024, 0);
          connection.commit();
        }
      }
    }
    connection.setAutoCommit(true);
  }

  private Connection open(String name) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:"
            + directory.resolve(name)
            + ";AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=0;DB_CLOSE_DELAY=0");
  }
}
