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

/**
 * What a created user costs plain H2 by how the value rows name their attribute (docs/benchmark.md,
 * "How long the value index's keys are"): the attribute's path as text, as Roster stores it (the
 * enterprise extension's with its 60-character URN), or as a small number. The user's row with
 * its indexes as in the schema, and the 23 value rows of the benchmark's Entra body with its
 * values; one commit and a CHECKPOINT per user, as a durable create does alone. PREFILL users
 * first, then USERS more, counted: the process's CPU and what it handed to write(2) per user.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar bench/H2ValuePaths.java 20000 5000
 * </pre>
 */
public class H2ValuePaths {

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
    List<String> paths = ROWS.stream().map(r -> r[0]).distinct().toList();
    String doc = "x".repeat(1500);
    for (int round = 1; round <= 2; round++) {
      for (String form : new String[] {"PATH VARCHAR(200)", "PATH SMALLINT"}) {
        boolean coded = form.contains("SMALLINT");
        Path dir = Files.createTempDirectory("h2-value-paths");
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
              if (coded) {
                value.setInt(1, paths.indexOf(row[0]));
              } else {
                value.setString(1, row[0]);
              }
              value.setLong(2, u);
              value.setInt(3, Integer.parseInt(row[1]));
              value.setString(4, row[2].formatted(u));
              value.executeUpdate();
            }
            c.commit();
            s.execute("CHECKPOINT");
          }
          System.out.printf(
              "round %d, %s: %.3f ms CPU, %,d bytes written per user%n",
              round,
              form,
              (os.getProcessCpuTime() - cpuBefore) / 1e6 / users,
              (bytesWritten() - writtenBefore) / users);
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
