import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What H2's file does when its process is killed while it writes, without Roster: the experiment
 * behind the README's "What the embedded H2 file cannot promise".
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar bench/H2KillNine.java
 * java -cp h2.jar bench/H2KillNine.java --threads 1 --kills 10 --dir /tmp/h2kill \
 *     --settings ";DB_CLOSE_ON_EXIT=FALSE"
 * </pre>
 *
 * Each round starts a child JVM that opens an H2 file with Roster's settings ({@code
 * DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0} unless {@code --settings} says otherwise, and
 * {@code SET WRITE_DELAY 0}; with {@code --checkpoint true}, H2's 500 ms and a {@code CHECKPOINT}
 * after each commit, as Roster's group commit does) and runs writer
 * threads that insert rows of 200 to 1,000 characters, committing each, about 100 commits a second
 * per thread. The child prints how many commits have returned, every 100. After 5 to 15 seconds
 * the parent kills it with SIGKILL, opens the file and counts the rows: every acknowledged commit
 * added one, so the count must have grown by at least what the child printed last. A round ends in
 * "ok", in "LOST n" (the file opened at an earlier state), or in "CORRUPTED" (it does not open).
 */
public class H2KillNine {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]));
      return;
    }
    int threads = 8;
    int kills = 8;
    String settings = ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0";
    boolean checkpoint = false;
    Path dir = Files.createTempDirectory("h2kill");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--kills" -> kills = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Files.createDirectories(Path.of(args[i + 1]));
        case "--settings" -> settings = args[i + 1];
        case "--checkpoint" -> checkpoint = Boolean.parseBoolean(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String url = "jdbc:h2:file:" + dir.resolve("kill").toAbsolutePath() + settings;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    String source = new File("bench/H2KillNine.java").getAbsolutePath();
    Random random = new Random();
    long rows = 0;
    for (int round = 1; round <= kills; round++) {
      Path out = dir.resolve("child.out");
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  classPath,
                  source,
                  "--child",
                  url,
                  Integer.toString(threads),
                  Boolean.toString(checkpoint))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      Thread.sleep(5_000 + random.nextInt(10_000));
      child.destroyForcibly(); // SIGKILL
      child.waitFor(1, TimeUnit.MINUTES);
      long acknowledged =
          Files.readAllLines(out).stream()
              .filter(line -> line.startsWith("committed "))
              .mapToLong(line -> Long.parseLong(line.substring("committed ".length())))
              .max()
              .orElse(0);
      try (Connection db = DriverManager.getConnection(url, "sa", "sa");
          ResultSet count = db.createStatement().executeQuery("SELECT COUNT(*) FROM T")) {
        count.next();
        long now = count.getLong(1);
        long lost = Math.max(0, rows + acknowledged - now);
        System.out.printf(
            "round %d: %d commits acknowledged, rows %d -> %d: %s%n",
            round, acknowledged, rows, now, lost == 0 ? "ok" : "LOST " + lost);
        rows = now;
      } catch (SQLException e) {
        System.out.printf("round %d: CORRUPTED: %s%n", round, e.getMessage().lines().findFirst().orElse(""));
        return;
      }
    }
  }

  /** The writers, in the JVM that is killed. */
  static void child(String url, int threads, boolean checkpoint) throws Exception {
    try (Connection db = DriverManager.getConnection(url, "sa", "sa")) {
      db.createStatement().execute(checkpoint ? "SET WRITE_DELAY 500" : "SET WRITE_DELAY 0");
      db.createStatement()
          .execute(
              "CREATE TABLE IF NOT EXISTS T(ID BIGINT AUTO_INCREMENT PRIMARY KEY,"
                  + " NAME VARCHAR(100), BODY VARCHAR(2000))");
      db.createStatement().execute("CREATE INDEX IF NOT EXISTS T_NAME ON T(NAME)");
    }
    AtomicLong committed = new AtomicLong();
    for (int t = 0; t < threads; t++) {
      Thread writer =
          new Thread(
              () -> {
                Random random = new Random();
                try (Connection db = DriverManager.getConnection(url, "sa", "sa");
                    PreparedStatement insert =
                        db.prepareStatement("INSERT INTO T(NAME, BODY) VALUES (?, ?)")) {
                  db.setAutoCommit(false);
                  while (true) {
                    insert.setString(1, "user-" + random.nextLong());
                    insert.setString(2, "x".repeat(200 + random.nextInt(800)));
                    insert.executeUpdate();
                    db.commit();
                    if (checkpoint) {
                      db.createStatement().execute("CHECKPOINT");
                    }
                    long n = committed.incrementAndGet();
                    if (n % 100 == 0) {
                      System.out.println("committed " + n);
                      System.out.flush();
                    }
                    Thread.sleep(8);
                  }
                } catch (Exception e) {
                  e.printStackTrace();
                }
              });
      writer.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
