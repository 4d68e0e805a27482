import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * What a created user's value rows cost plain H2, by the order of SCIM_USER_VALUES' primary key
 * (docs/benchmark.md, "Value rows keyed by user"): users of ROWS value rows each (23, as the
 * benchmark's Entra body makes), one commit per user followed by a CHECKPOINT, as Roster's durable
 * writes do, in three rounds that alternate the key's orders on fresh files.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar bench/H2ValueRows.java 5000 [ROWS] [fk]
 * </pre>
 *
 * With {@code fk} it compares, keyed by user, the table with its foreign key to SCIM_USERS (for
 * which H2 keeps an index of its own on USER_ID) and without it, in five rounds
 * (docs/benchmark.md, "What is left to try").
 *
 * Wall time of a single thread, so run it on an idle machine; read rounds 2 and 3 (round 1 warms
 * up the JIT).
 */
public class H2ValueRows {

  private static final String FOREIGN_KEY =
      ", CONSTRAINT FK_SCIM_USER_VALUES_USER_ID FOREIGN KEY (USER_ID) REFERENCES SCIM_USERS (ID)";

  public static void main(String[] args) throws Exception {
    int users = Integer.parseInt(args[0]);
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 23;
    String doc = "x".repeat(1500);
    boolean foreignKey = args.length > 2 && args[2].equals("fk");
    String[][] variants =
        foreignKey
            ? new String[][] {{"USER_ID, PATH, ELEMENT", FOREIGN_KEY}, {"USER_ID, PATH, ELEMENT", ""}}
            : new String[][] {
              {"PATH, USER_ID, ELEMENT", FOREIGN_KEY}, {"USER_ID, PATH, ELEMENT", FOREIGN_KEY}
            };
    for (int round = 1; round <= (foreignKey ? 5 : 3); round++) {
      for (String[] variant : variants) {
        String key = variant[0];
        Path dir = Files.createTempDirectory("h2-value-rows");
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir + "/db")) {
          Statement s = c.createStatement();
          s.execute(
              "CREATE TABLE SCIM_USERS (ID BIGINT NOT NULL PRIMARY KEY, TENANT_ID VARCHAR(64) NOT"
                  + " NULL, USER_NAME_KEY VARCHAR(4096) NOT NULL, DOCUMENT VARCHAR(1048576) NOT NULL)");
          s.execute("CREATE INDEX U1 ON SCIM_USERS (TENANT_ID, ID)");
          s.execute("CREATE UNIQUE INDEX U2 ON SCIM_USERS (TENANT_ID, USER_NAME_KEY)");
          s.execute("CREATE INDEX U3 ON SCIM_USERS (TENANT_ID, USER_NAME_KEY, ID)");
          s.execute(
              "CREATE TABLE SCIM_USER_VALUES (PATH VARCHAR(200) NOT NULL, USER_ID BIGINT NOT NULL,"
                  + " ELEMENT INTEGER NOT NULL, TENANT_ID VARCHAR(64) NOT NULL, VALUE_KEY"
                  + " VARCHAR(4096) NOT NULL, CONSTRAINT SCIM_USER_VALUES_PKEY PRIMARY KEY ("
                  + key
                  + ")"
                  + variant[1]
                  + ")");
          s.execute(
              "CREATE INDEX SCIM_USER_VALUES_LOOKUP ON SCIM_USER_VALUES"
                  + " (TENANT_ID, PATH, VALUE_KEY, USER_ID)");
          c.setAutoCommit(false);
          PreparedStatement user = c.prepareStatement("INSERT INTO SCIM_USERS VALUES (?, 't1', ?, ?)");
          PreparedStatement value =
              c.prepareStatement("INSERT INTO SCIM_USER_VALUES VALUES (?, ?, ?, 't1', ?)");
          long start = System.nanoTime();
          for (int u = 0; u < users; u++) {
            user.setLong(1, u);
            user.setString(2, "user" + u + "@example.com");
            user.setString(3, doc);
            user.executeUpdate();
            for (int v = 0; v < rows; v++) {
              value.setString(1, "path.number" + v);
              value.setLong(2, u);
              value.setInt(3, v % 3);
              value.setString(4, "value " + v + " of " + u);
              value.executeUpdate();
            }
            c.commit();
            s.execute("CHECKPOINT");
          }
          System.out.printf(
              "round %d, key (%s)%s: %.3f ms per user%n",
              round,
              key,
              variant[1].isEmpty() ? ", no foreign key" : "",
              (System.nanoTime() - start) / 1e6 / users);
        } finally {
          deleteTree(dir);
        }
      }
    }
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
