import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import dev.roster.storage.CompactionPace;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Whether H2's rewriting of its chunks settles on a large file (docs/benchmark.md, "H2's
 * compaction at a million users"). It builds a directory of USERS users once (the schema of {@code
 * H2FileGrowth}, one provisioning-log record per user, 100 users per commit and {@code
 * CHECKPOINT}), keeps it as {@code DIR/base.mv.db}, and then for each variant copies it, changes
 * PATCHES random users one commit and {@code CHECKPOINT} at a time as Roster's PATCH does (the
 * user's row, two value rows, a log record), and watches the idle process for SECONDS: its CPU in
 * cores and H2's figures every 20 s.
 *
 * <p>Variants: {@code h2} is Roster up to 2026-12-06 ({@code AUTO_COMPACT_FILL_RATE=50}, and
 * {@code MVStore.compact(50, 1 MB)} four times a second); {@code off} has H2's housekeeping off and
 * nothing else; {@code roster} is Roster since then: {@code AUTO_COMPACT_FILL_RATE=0}, and four
 * times a second what Roster's {@code CompactionPace} allows (from {@code target/classes}), with
 * the calls of {@code H2FileCompaction}'s function (chunks at most 30% live rewritten, as Roster
 * did until 87262aa, which made it 20%; chunks moved). The program's own writes count as use, as a
 * request's do in the server.
 *
 * <pre>
 * mvn -q compile   # for CompactionPace
 * java -Xmx512m -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar:target/classes \
 *     bench/H2IdleRewrite.java /tmp/h2idle 1000000 60000 240 h2,roster
 * </pre>
 */
public class H2IdleRewrite {

  static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  static final String[][] VALUES = {
    {"title", "engineer"}, {"emails.value", "first%d.last@t01.example.com"},
    {"emails.type", "work"}, {"name.givenName", "first%d"}, {"name.familyName", "last"},
    {"name.formatted", "first%d last"}, {"addresses.streetAddress", "%d microsoft way"},
    {"addresses.locality", "redmond"}, {"addresses.postalCode", "98052"},
    {"phoneNumbers.value", "+1 425 555 %d"}, {"phoneNumbers.type", "work"},
    {"employeeNumber", "%d"}, {"department", "sales"}, {"externalId", "ext-%d"},
    {"displayName", "first%d last"}, {"preferredLanguage", "en-us"}
  };

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int users = Integer.parseInt(args[1]);
    int patches = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve("base.mv.db"))) {
      build(dir, users);
    }
    for (String variant : args[4].split(",")) {
      Files.copy(
          dir.resolve("base.mv.db"), dir.resolve("run.mv.db"), StandardCopyOption.REPLACE_EXISTING);
      String settings =
          variant.equals("h2") ? "AUTO_COMPACT_FILL_RATE=50" : "AUTO_COMPACT_FILL_RATE=0";
      try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir + "/run;" + settings)) {
        MVStore store = storeOf(c);
        Compactor compactor = new Compactor(store, variant);
        compactor.start();
        report(variant + " opened", store, 0, 0, compactor);
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        patch(c, users, patches, store, compactor);
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "%s: %d patches in %.0f s, %.3f ms CPU each%n",
            variant, patches, wall, (OS.getProcessCpuTime() - cpu) / 1e6 / patches);
        compactor.lastWrite = System.nanoTime();
        for (int t = 0; t < seconds; t += 20) {
          long before = OS.getProcessCpuTime();
          Thread.sleep(20_000);
          report(variant + " idle " + (t + 20) + "s", store, OS.getProcessCpuTime() - before, 20e9, compactor);
        }
        compactor.done.set(true);
      }
    }
  }

  static void build(Path dir, int users) throws Exception {
    long start = System.nanoTime();
    try (Connection c =
        DriverManager.getConnection("jdbc:h2:" + dir + "/base;AUTO_COMPACT_FILL_RATE=0")) {
      Statement s = c.createStatement();
      s.execute(
          "CREATE TABLE SCIM_USERS (ID BIGINT NOT NULL PRIMARY KEY, ACTIVE BOOLEAN, CREATED"
              + " TIMESTAMP NOT NULL, DISPLAY_NAME_KEY VARCHAR(4096), DOCUMENT VARCHAR(1048576) NOT"
              + " NULL, EXTERNAL_ID VARCHAR(4096), LAST_MODIFIED TIMESTAMP NOT NULL, SCIM_ID"
              + " VARCHAR(36) NOT NULL, TENANT_ID VARCHAR(64) NOT NULL, USER_NAME_KEY VARCHAR(4096)"
              + " NOT NULL, VERSION BIGINT NOT NULL, CONSTRAINT SCIM_USERS_USER_NAME UNIQUE"
              + " (TENANT_ID, USER_NAME_KEY))");
      s.execute("CREATE UNIQUE INDEX SCIM_USERS_SCIM_ID ON SCIM_USERS (SCIM_ID)");
      s.execute("CREATE INDEX SCIM_USERS_TENANT_ORDER ON SCIM_USERS (TENANT_ID, ID)");
      s.execute("CREATE INDEX SCIM_USERS_EXTERNAL_ID ON SCIM_USERS (TENANT_ID, EXTERNAL_ID)");
      s.execute("CREATE INDEX SCIM_USERS_LAST_MODIFIED ON SCIM_USERS (TENANT_ID, LAST_MODIFIED)");
      s.execute(
          "CREATE TABLE SCIM_USER_VALUES (PATH VARCHAR(200) NOT NULL, USER_ID BIGINT NOT NULL,"
              + " ELEMENT INTEGER NOT NULL, TENANT_ID VARCHAR(64) NOT NULL, VALUE_KEY VARCHAR(4096)"
              + " NOT NULL, CONSTRAINT SCIM_USER_VALUES_PKEY PRIMARY KEY (USER_ID, PATH, ELEMENT),"
              + " CONSTRAINT FK_VALUES_USER FOREIGN KEY (USER_ID) REFERENCES SCIM_USERS (ID))");
      s.execute(
          "CREATE INDEX SCIM_USER_VALUES_LOOKUP ON SCIM_USER_VALUES"
              + " (TENANT_ID, PATH, VALUE_KEY, USER_ID)");
      s.execute(
          "CREATE TABLE PROVISIONING_LOG (ID BIGINT NOT NULL PRIMARY KEY, TENANT_ID VARCHAR(64),"
              + " LOG_TIME TIMESTAMP NOT NULL, CORRELATION_HASH INTEGER, RESOURCE_ID VARCHAR(200),"
              + " DETAIL VARCHAR(2000))");
      s.execute("CREATE INDEX L_TIME ON PROVISIONING_LOG (LOG_TIME DESC, ID DESC)");
      s.execute("CREATE INDEX L_TENANT_TIME ON PROVISIONING_LOG (TENANT_ID, LOG_TIME DESC, ID DESC)");
      s.execute("CREATE INDEX L_CORRELATION ON PROVISIONING_LOG (CORRELATION_HASH)");
      s.execute(
          "CREATE INDEX L_RESOURCE ON PROVISIONING_LOG (TENANT_ID, RESOURCE_ID, LOG_TIME DESC, ID"
              + " DESC)");
      c.setAutoCommit(false);
      PreparedStatement user =
          c.prepareStatement("INSERT INTO SCIM_USERS VALUES (?, TRUE, ?, ?, ?, ?, ?, ?, 't01', ?, 1)");
      PreparedStatement value =
          c.prepareStatement("INSERT INTO SCIM_USER_VALUES VALUES (?, ?, 0, 't01', ?)");
      PreparedStatement log = c.prepareStatement("INSERT INTO PROVISIONING_LOG VALUES (?, 't01', ?, ?, ?, ?)");
      String doc = "x".repeat(1500);
      Random random = new Random(1);
      for (int u = 0; u < users; u++) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        String id = UUID.nameUUIDFromBytes(("t01/" + u).getBytes()).toString();
        user.setLong(1, u);
        user.setTimestamp(2, now);
        user.setString(3, "first" + u + " last");
        user.setString(4, doc);
        user.setString(5, "ext-" + u);
        user.setTimestamp(6, now);
        user.setString(7, id);
        user.setString(8, "user" + u + "@t01.example.com");
        user.executeUpdate();
        for (String[] row : VALUES) {
          value.setString(1, row[0]);
          value.setLong(2, u);
          value.setString(3, row[1].formatted(u));
          value.executeUpdate();
        }
        logRecord(log, u, now, id, random);
        if (u % 100 == 99) {
          c.commit();
          s.execute("CHECKPOINT");
        }
        if (u % 100_000 == 99_999) {
          System.out.printf("built %,d users in %.0f s%n", u + 1, (System.nanoTime() - start) / 1e9);
        }
      }
      c.commit();
    }
  }

  static void logRecord(PreparedStatement log, long id, Timestamp now, String resource, Random random)
      throws Exception {
    log.setLong(1, id);
    log.setTimestamp(2, now);
    log.setInt(3, random.nextInt());
    log.setString(4, resource);
    log.setString(5, "POST /scim/v2/Users 201 " + "y".repeat(200));
    log.executeUpdate();
  }

  static void patch(Connection c, int users, int patches, MVStore store, Compactor compactor)
      throws Exception {
    c.setAutoCommit(false);
    Statement s = c.createStatement();
    PreparedStatement user =
        c.prepareStatement(
            "UPDATE SCIM_USERS SET DOCUMENT = ?, LAST_MODIFIED = ?, VERSION = VERSION + 1 WHERE ID = ?");
    PreparedStatement value =
        c.prepareStatement(
            "UPDATE SCIM_USER_VALUES SET VALUE_KEY = ? WHERE USER_ID = ? AND PATH = ? AND ELEMENT = 0");
    PreparedStatement log = c.prepareStatement("INSERT INTO PROVISIONING_LOG VALUES (?, 't01', ?, ?, ?, ?)");
    Random random = new Random(2);
    long nextLog = 10_000_000L;
    for (int p = 0; p < patches; p++) {
      int u = random.nextInt(users);
      Timestamp now = new Timestamp(System.currentTimeMillis());
      user.setString(1, "z".repeat(1500) + p);
      user.setTimestamp(2, now);
      user.setLong(3, u);
      user.executeUpdate();
      for (String path : new String[] {"title", "department"}) {
        value.setString(1, path + p);
        value.setLong(2, u);
        value.setString(3, path);
        value.executeUpdate();
      }
      logRecord(log, nextLog++, now, "u" + u, random);
      c.commit();
      s.execute("CHECKPOINT");
      compactor.lastWrite = System.nanoTime();
      if (p % 10_000 == 9_999) {
        report("  patched " + (p + 1), store, 0, 0, compactor);
      }
    }
  }

  /** Compaction from a thread of its own, four times a second, as Roster's. */
  static class Compactor extends Thread {
    final MVStore store;
    final String variant;
    final AtomicBoolean done = new AtomicBoolean();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong rewrote = new AtomicLong();
    final AtomicLong moved = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    volatile long lastWrite = System.nanoTime();
    final CompactionPace pace = new CompactionPace(1 << 20, System.nanoTime());

    Compactor(MVStore store, String variant) {
      this.store = store;
      this.variant = variant;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!done.get()) {
        try {
          Thread.sleep(250);
          tick();
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          e.printStackTrace();
          return;
        }
      }
    }

    void tick() throws Exception {
      calls.incrementAndGet();
      if (variant.equals("h2")) {
        if (store.compact(50, 1 << 20)) {
          rewrote.incrementAndGet();
        }
        return;
      }
      if (!variant.equals("roster")) {
        return;
      }
      long now = System.nanoTime();
      pace.used(lastWrite);
      FileStore<?> files = store.getFileStore();
      CompactionPace.Step step = pace.next(now, files.getChunksFillRate(), files.getFillRate());
      if (step.isNone()) {
        skipped.incrementAndGet();
        return;
      }
      if (step.rewriteBytes() > 0 && underStoreLock(() -> rewriteChunks(files, step.rewriteBytes(), 30))) {
        rewrote.incrementAndGet();
        store.commit();
      }
      if (step.moveBytes() > 0) {
        ((org.h2.mvstore.RandomAccessStore) files).compactMoveChunks(101, step.moveBytes(), store);
        moved.incrementAndGet();
      }
      pace.spent(System.nanoTime() - now);
    }

    boolean underStoreLock(Callable<Boolean> work) throws Exception {
      Method method = MVStore.class.getDeclaredMethod("tryExecuteUnderStoreLock", Callable.class);
      method.setAccessible(true);
      Boolean result = (Boolean) method.invoke(store, work);
      return result != null && result;
    }

    static boolean rewriteChunks(FileStore<?> files, int bytes, int sparsePercent) throws Exception {
      Method method = FileStore.class.getDeclaredMethod("rewriteChunks", int.class, int.class);
      method.setAccessible(true);
      boolean result = (Boolean) method.invoke(files, bytes, sparsePercent);
      if (result) {
        files.dropUnusedChunks();
      }
      return result;
    }
  }

  static int chunkCount(FileStore<?> files) {
    try {
      Method method = FileStore.class.getDeclaredMethod("getChunks");
      method.setAccessible(true);
      return ((java.util.Map<?, ?>) method.invoke(files)).size();
    } catch (ReflectiveOperationException e) {
      return -1;
    }
  }

  static MVStore storeOf(Connection c) {
    return ((SessionLocal) ((JdbcConnection) c).getSession()).getDatabase().getStore().getMvStore();
  }

  static void report(String what, MVStore store, long cpuNanos, double wallNanos, Compactor compactor) {
    FileStore<?> files = store.getFileStore();
    System.out.printf(
        "%s: %s file=%,dMB fill=%d chunksFill=%d chunks=%d calls=%d rewrote=%d moved=%d skipped=%d%n",
        what,
        wallNanos > 0 ? String.format("%.2f cores", cpuNanos / wallNanos) : "",
        files.size() / 1024 / 1024,
        files.getFillRate(),
        files.getChunksFillRate(),
        chunkCount(files),
        compactor.calls.get(),
        compactor.rewrote.get(),
        compactor.moved.get(),
        compactor.skipped.get());
  }
}
