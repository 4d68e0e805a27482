import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * How H2's file grows under durable writes, and whether compacting it as writes go on keeps it
 * small (docs/benchmark.md, "H2's file under steady writes"). The user's row with its indexes as in
 * the schema and the 23 value rows of the benchmark's Entra body, one commit and a CHECKPOINT per
 * user, as a durable create does alone. Every 10,000 users it prints the file's size and H2's own
 * figures: how much of the file live chunks fill, how much of the chunks' pages are live, and how
 * many chunks there are; then twice more, three seconds apart, once the writes stop.
 *
 * <p>VARIANTS, comma-separated: {@code none} leaves the file to H2; {@code N} calls {@code
 * MVStore.compact(FILL, KB)} on the writing connection after every N-th commit; {@code tKB} calls
 * {@code MVStore.compact(FILL, KB)} once a second from a thread of its own.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar bench/H2FileGrowth.java \
 *   0 40000 none,t4096 50 1024
 * </pre>
 *
 * Arguments: PREFILL USERS VARIANTS FILL KB (KB is the write limit of the N variants). Each variant
 * needs some 6 GB of disk in the temp directory for 40,000 users; it is deleted afterwards.
 */
public class H2FileGrowth {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

  /** The Entra body's value rows: path, element, value ({@code %d} is the user's number). */
  static final List<String[]> ROWS =
      List.of(
          new String[] {"title", "0", "engineer"},
          new String[] {"emails.primary", "0", "true"},
          new String[] {"emails.type", "0", "work"},
          new String[] {"emails.value", "0", "first%d.last@t01.example.com"},
          new String[] {"preferredLanguage", "0", "en-us"},
          new String[] {"name.formatted", "0", "first%d last"},
          new String[] {"name.familyName", "0", "last"},
          new String[] {"name.givenName", "0", "first%d"},
          new String[] {"addresses.type", "0", "work"},
          new String[] {"addresses.formatted", "0", "building %d"},
          new String[] {"addresses.streetAddress", "0", "1 microsoft way"},
          new String[] {"addresses.locality", "0", "redmond"},
          new String[] {"addresses.region", "0", "wa"},
          new String[] {"addresses.postalCode", "0", "98052"},
          new String[] {"addresses.country", "0", "us"},
          new String[] {"phoneNumbers.type", "0", "work"},
          new String[] {"phoneNumbers.value", "0", "+1 425 555 %d"},
          new String[] {"phoneNumbers.type", "1", "mobile"},
          new String[] {"phoneNumbers.value", "1", "+1 425 556 %d"},
          new String[] {"phoneNumbers.type", "2", "fax"},
          new String[] {"phoneNumbers.value", "2", "+1 425 557 %d"},
          new String[] {ENTERPRISE + "employeeNumber", "0", "%d"},
          new String[] {ENTERPRISE + "department", "0", "sales"});

  public static void main(String[] args) throws Exception {
    int prefill = Integer.parseInt(args[0]);
    int users = Integer.parseInt(args[1]);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String doc = "x".repeat(1500);
    String form = "PATH VARCHAR(200)";
    for (String variant : args[2].split(",")) {
        Path dir = Files.createTempDirectory("h2-file-growth");
        try (Connection c =
            DriverManager.getConnection("jdbc:h2:" + dir + "/db;AUTO_COMPACT_FILL_RATE=50")) {
          Statement s = c.createStatement();
          s.execute(
              "CREATE TABLE SCIM_USERS (ID BIGINT NOT NULL PRIMARY KEY, ACTIVE BOOLEAN, CREATED"
                  + " TIMESTAMP NOT NULL, DISPLAY_NAME_KEY VARCHAR(4096), DOCUMENT"
                  + " VARCHAR(1048576) NOT NULL, EXTERNAL_ID VARCHAR(4096), LAST_MODIFIED TIMESTAMP"
                  + " NOT NULL, SCIM_ID VARCHAR(36) NOT NULL, TENANT_ID VARCHAR(64) NOT NULL,"
                  + " USER_NAME_KEY VARCHAR(4096) NOT NULL, VERSION BIGINT NOT NULL, CONSTRAINT"
                  + " SCIM_USERS_USER_NAME UNIQUE (TENANT_ID, USER_NAME_KEY))");
          s.execute("CREATE UNIQUE INDEX SCIM_USERS_SCIM_ID ON SCIM_USERS (SCIM_ID)");
          s.execute("CREATE INDEX SCIM_USERS_TENANT_ORDER ON SCIM_USERS (TENANT_ID, ID)");
          s.execute("CREATE INDEX SCIM_USERS_EXTERNAL_ID ON SCIM_USERS (TENANT_ID, EXTERNAL_ID)");
          s.execute(
              "CREATE INDEX SCIM_USERS_DISPLAY_NAME ON SCIM_USERS (TENANT_ID, DISPLAY_NAME_KEY)");
          s.execute(
              "CREATE INDEX SCIM_USERS_LAST_MODIFIED ON SCIM_USERS (TENANT_ID, LAST_MODIFIED)");
          s.execute("CREATE INDEX SCIM_USERS_CREATED ON SCIM_USERS (TENANT_ID, CREATED)");
          s.execute(
              "CREATE TABLE SCIM_USER_VALUES ("
                  + form
                  + " NOT NULL, USER_ID BIGINT NOT NULL, ELEMENT INTEGER NOT NULL, TENANT_ID"
                  + " VARCHAR(64) NOT NULL, VALUE_KEY VARCHAR(4096) NOT NULL, CONSTRAINT"
                  + " SCIM_USER_VALUES_PKEY PRIMARY KEY (USER_ID, PATH, ELEMENT), CONSTRAINT"
                  + " FK_SCIM_USER_VALUES_USER_ID FOREIGN KEY (USER_ID) REFERENCES SCIM_USERS (ID))");
          s.execute(
              "CREATE INDEX SCIM_USER_VALUES_LOOKUP ON SCIM_USER_VALUES"
                  + " (TENANT_ID, PATH, VALUE_KEY, USER_ID)");
          c.setAutoCommit(false);
          AtomicBoolean done = new AtomicBoolean();
          AtomicLong compactions = new AtomicLong();
          int fill = Integer.parseInt(args[3]);
          if (variant.startsWith("t")) {
            int kb = Integer.parseInt(variant.substring(1));
            MVStore store = storeOf(DriverManager.getConnection("jdbc:h2:" + dir + "/db"));
            Thread compactor =
                new Thread(
                    () -> {
                      while (!done.get()) {
                        try {
                          Thread.sleep(1000);
                        } catch (InterruptedException e) {
                          return;
                        }
                        if (store.compact(fill, kb * 1024)) {
                          compactions.incrementAndGet();
                        }
                      }
                    });
            compactor.setDaemon(true);
            compactor.start();
          }
          PreparedStatement user =
              c.prepareStatement(
                  "INSERT INTO SCIM_USERS VALUES (?, TRUE, ?, ?, ?, ?, ?, ?, 't01', ?, 1)");
          PreparedStatement value =
              c.prepareStatement("INSERT INTO SCIM_USER_VALUES VALUES (?, ?, ?, 't01', ?)");
          long cpuBefore = 0;
          long writtenBefore = 0;
          for (int u = 0; u < prefill + users; u++) {
            if (u == prefill) {
              Thread.sleep(1000);
              cpuBefore = os.getProcessCpuTime();
              writtenBefore = bytesWritten();
            }
            Timestamp now = new Timestamp(System.currentTimeMillis());
            user.setLong(1, u);
            user.setTimestamp(2, now);
            user.setString(3, "first" + u + " last");
            user.setString(4, doc);
            user.setString(5, UUID.nameUUIDFromBytes(("t01/" + u).getBytes()).toString());
            user.setTimestamp(6, now);
            user.setString(7, UUID.randomUUID().toString());
            user.setString(8, "user" + u + "@t01.example.com");
            user.executeUpdate();
            for (String[] row : ROWS) {
              value.setString(1, row[0]);
              value.setLong(2, u);
              value.setInt(3, Integer.parseInt(row[1]));
              value.setString(4, row[2].formatted(u));
              value.executeUpdate();
            }
            c.commit();
            s.execute("CHECKPOINT");
            if (!variant.equals("none")
                && !variant.startsWith("t")
                && u % Integer.parseInt(variant) == 0) {
              storeOf(c).compact(fill, Integer.parseInt(args[4]) * 1024);
            }
            if ((u + 1) % 10000 == 0) {
              report(c, dir, u + 1, variant);
            }
          }
          System.out.println(variant + ": compactions that rewrote pages " + compactions);
          for (int i = 0; i < 2; i++) {
            Thread.sleep(3000);
            report(c, dir, -1, variant + " idle");
          }
          done.set(true);
          System.out.printf(
              "%s: %.3f ms CPU, %,d bytes written per user%n",
              variant,
              (os.getProcessCpuTime() - cpuBefore) / 1e6 / users,
              (bytesWritten() - writtenBefore) / users);
        } finally {
          deleteTree(dir);
        }
    }
  }

  /** H2's store behind a connection of this process (H2's internal API). */
  static MVStore storeOf(Connection c) {
    return ((SessionLocal) ((JdbcConnection) c).getSession()).getDatabase().getStore().getMvStore();
  }

  /** The file's size and H2's figures about it, on one line. */
  static void report(Connection c, Path dir, int users, String variant) throws Exception {
    StringBuilder b =
        new StringBuilder(
            variant
                + " users="
                + users
                + " file="
                + Files.size(dir.resolve("db.mv.db")) / 1024 / 1024
                + "MB");
    try (var rs =
        c.createStatement()
            .executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE"
                    + " SETTING_NAME IN ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE',"
                    + " 'info.CHUNKS_FILL_RATE_RW', 'info.CHUNK_COUNT')")) {
      while (rs.next()) {
        b.append(' ').append(rs.getString(1).substring(5)).append('=').append(rs.getString(2));
      }
    }
    System.out.println(b);
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
