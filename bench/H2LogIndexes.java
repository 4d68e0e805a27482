import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * What the provisioning log's secondary indexes cost plain H2 per record (docs/benchmark.md, "The
 * log's remaining cost"): PREFILL records first, then RECORDS more in batches of 100 every 100 ms
 * (about Entra's pace at a thousand requests a second), with H2's own background writes, and the
 * process's CPU and what it handed to write(2) per record, counted over the second part (the bytes,
 * unlike the CPU, do not move with the machine's load). A third of the records name a resource, as
 * the creates of Entra's sync do. Variants: all four indexes; with the correlation id's index on an
 * int hash of it instead, as Roster has it since V16; the same without the time index (which only
 * the all-tenants view and the retention purge read); the resource's index on an int hash of its id
 * too, {@code (RESOURCE_HASH, LOG_TIME DESC, ID DESC)}; without the correlation index (random ids,
 * as Entra's client-request-id); without it and the resource index.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar bench/H2LogIndexes.java \
 *     100000 15000 [H2_SETTINGS [VARIANT]]
 * </pre>
 *
 * H2_SETTINGS are appended to the URL (default {@code AUTO_COMPACT_FILL_RATE=50}); VARIANT runs
 * that one only.
 */
public class H2LogIndexes {

  public static void main(String[] args) throws Exception {
    int prefill = Integer.parseInt(args[0]);
    int records = Integer.parseInt(args[1]);
    String settings = args.length > 2 ? args[2] : "AUTO_COMPACT_FILL_RATE=50";
    String only = args.length > 3 ? args[3] : null;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 1; round <= 2; round++) {
      for (String variant :
          new String[] {
            "all",
            "correlation as an int hash",
            "correlation as an int hash, no time",
            "correlation and resource as int hashes",
            "no correlation",
            "no correlation, no resource"
          }) {
        if (only != null && !variant.equals(only)) {
          continue;
        }
        Path dir = Files.createTempDirectory("h2-log-indexes");
        try (Connection c =
            DriverManager.getConnection("jdbc:h2:" + dir + "/db;" + settings)) {
          Statement s = c.createStatement();
          s.execute(
              "CREATE TABLE PROVISIONING_LOG (ID BIGINT NOT NULL PRIMARY KEY, CLIENT VARCHAR(300),"
                  + " CORRELATION_ID VARCHAR(128), DURATION_MS BIGINT NOT NULL, METHOD VARCHAR(16)"
                  + " NOT NULL, PATH VARCHAR(1000) NOT NULL, QUERY_STRING VARCHAR(2000), RESOURCE_ID"
                  + " VARCHAR(200), RESOURCE_TYPE VARCHAR(40), STATUS INTEGER NOT NULL, TENANT_ID"
                  + " VARCHAR(64), LOG_TIME TIMESTAMP NOT NULL, TOKEN_PREFIX VARCHAR(32), SUBJECT"
                  + " VARCHAR(300), ACTION VARCHAR(40), CORRELATION_HASH INTEGER,"
                  + " RESOURCE_HASH INTEGER)");
          if (!variant.contains("no time")) {
            s.execute("CREATE INDEX L_TIME ON PROVISIONING_LOG (LOG_TIME DESC, ID DESC)");
          }
          s.execute(
              "CREATE INDEX L_TENANT_TIME ON PROVISIONING_LOG (TENANT_ID, LOG_TIME DESC, ID DESC)");
          if (variant.equals("all")) {
            s.execute("CREATE INDEX L_CORRELATION ON PROVISIONING_LOG (CORRELATION_ID)");
          }
          if (variant.contains("hash")) { // "int hash" or "int hashes"
            s.execute("CREATE INDEX L_CORRELATION_HASH ON PROVISIONING_LOG (CORRELATION_HASH)");
          }
          if (variant.contains("resource as")) {
            s.execute(
                "CREATE INDEX L_RESOURCE_HASH ON PROVISIONING_LOG"
                    + " (RESOURCE_HASH, LOG_TIME DESC, ID DESC)");
          } else if (!variant.contains("no resource")) {
            s.execute(
                "CREATE INDEX L_RESOURCE ON PROVISIONING_LOG"
                    + " (TENANT_ID, RESOURCE_ID, LOG_TIME DESC, ID DESC)");
          }
          c.setAutoCommit(false);
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO PROVISIONING_LOG (ID, CLIENT, CORRELATION_ID, DURATION_MS, METHOD,"
                      + " PATH, QUERY_STRING, RESOURCE_ID, RESOURCE_TYPE, STATUS, TENANT_ID,"
                      + " LOG_TIME, TOKEN_PREFIX, SUBJECT, ACTION, CORRELATION_HASH, RESOURCE_HASH) VALUES (?,"
                      + " 'Azure AD SCIM client', ?, 3, 'GET', '/scim/v2/Users', ?, ?, 'User', 200,"
                      + " 'tenant1', ?, 'rst_abcd', ?, 'lookup', ?, ?)");
          long now = System.currentTimeMillis();
          long cpuBefore = 0;
          long writtenBefore = 0;
          for (int i = 0; i < prefill + records; i++) {
            if (i == prefill) {
              c.commit();
              s.execute("CHECKPOINT");
              Thread.sleep(1000);
              cpuBefore = os.getProcessCpuTime();
              writtenBefore = bytesWritten();
            }
            insert.setLong(1, i + 1);
            String correlation = UUID.randomUUID().toString();
            insert.setString(2, correlation);
            insert.setInt(7, correlation.hashCode());
            insert.setString(3, "filter=userName eq \"user" + i + "@contoso.com\"");
            String resource = i % 3 == 0 ? UUID.randomUUID().toString() : null;
            insert.setString(4, resource);
            if (resource == null) {
              insert.setNull(8, java.sql.Types.INTEGER);
            } else {
              insert.setInt(8, resource.hashCode());
            }
            insert.setTimestamp(5, new Timestamp(now + i));
            insert.setString(6, "user" + i + "@contoso.com");
            insert.addBatch();
            if (i % 100 == 99) {
              insert.executeBatch();
              c.commit();
              if (i >= prefill) {
                Thread.sleep(100);
              }
            }
          }
          insert.executeBatch();
          c.commit();
          Thread.sleep(1500); // H2's background writer stores what is left
          System.out.printf(
              "round %d, %s: %.4f ms CPU, %,d bytes written per record%n",
              round,
              variant,
              (os.getProcessCpuTime() - cpuBefore) / 1e6 / records,
              (bytesWritten() - writtenBefore) / records);
        } finally {
          deleteTree(dir);
        }
      }
    }
  }

  /** What this process has handed to write(2) so far, from /proc/self/io (Linux). */
  private static long bytesWritten() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("wchar:")) {
        return Long.parseLong(line.substring(6).strip());
      }
    }
    return 0;
  }

  /** Deletes a variant's database directory, so that runs do not fill the disk. */
  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
