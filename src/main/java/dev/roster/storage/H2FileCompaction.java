package dev.roster.storage;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the embedded H2 database's file from growing with every durable write, within bounds of its
 * own: Roster, not H2, decides when H2's file is compacted and how much.
 *
 * <p>Each {@link GroupCommit} {@code CHECKPOINT} writes a chunk to H2's file, and a chunk's space
 * is reused only once none of its pages is live. A leaf page that is not changed again (a full leaf
 * of an index, a user nobody touches) keeps its whole chunk, so without compaction the file grows
 * by the size of every chunk written: about 140 KB per created user in a plain-H2 test, some 60 GB
 * for 650,000 users in the benchmark, when the live data was about 4% of the file
 * (docs/benchmark.md). Compacting means rewriting the live pages of sparse chunks into a new one,
 * so that the old chunks die, and moving chunks towards the start of the file so that it shrinks.
 *
 * <p>H2 does both from a background thread of its own when {@code AUTO_COMPACT_FILL_RATE} is above
 * 0, but without a bound: on a million users its rewriting never raised the chunks' live share and
 * kept an idle server at 1.5 cores, also after a restart (docs/benchmark.md, 2026-12-06). So
 * Roster's database URL turns H2's own off ({@code AUTO_COMPACT_FILL_RATE=0}; {@link #start} warns
 * when it is not), and this class does the work four times a second at the pace {@link
 * CompactionPace} allows: at most a tenth of the time under use and half of it once the database
 * has been quiet for two seconds, resting when a minute of work gains nothing. It rewrites only
 * chunks at most {@link #SPARSE_CHUNK_PERCENT}% live, where a rewrite frees far more than it
 * writes, at most {@code roster.db.h2-compact-kb} (default 1,024) KB of them a tick ({@code 0}
 * turns compaction off). Chunks younger than H2's {@code RETENTION_TIME} (45 s) are left alone, as
 * H2 leaves them.
 *
 * <p>It runs between two of {@link GroupCommit}'s file writes, as it needs the store lock they
 * hold. H2 has no SQL for this, so {@link #install} declares a function whose Java source H2
 * compiles (it needs a JDK, as Payara Micro does) and which reaches H2's store by reflection
 * through H2's own connection, calling the methods H2's background thread calls: no compile-time
 * dependency on H2, and nothing that depends on the application server's pool. Those methods are H2
 * 2.2.224's (the version Payara Micro bundles); an H2 without them makes the compaction log a
 * warning once, at start or at its first tick, and leave the file uncompacted, nothing else.
 */
@ApplicationScoped
public class H2FileCompaction {

  private static final Logger LOG = Logger.getLogger(H2FileCompaction.class.getName());

  static final String FUNCTION = "ROSTER_COMPACT_H2_FILE";

  /**
   * Only chunks with at most this share of live bytes are rewritten: each byte rewritten frees at
   * least four. At 30% (two and a third) the compaction of a million users' file cost about three
   * times the CPU for the same file size: 22–29 ms per PATCH in all against 8–12 ms
   * (docs/benchmark.md, "Which chunks to rewrite").
   */
  static final int SPARSE_CHUNK_PERCENT = 20;

  /**
   * The function H2 compiles. It rewrites at most {@code rewriteBytes} of live pages from chunks at
   * most {@code sparsePercent} live, as H2's background thread does (under the store lock, then
   * dropping dead chunks), and moves at most {@code moveBytes} of chunks towards the file's start.
   * It answers H2's figures after that: "rewrote chunksLivePercent fileUsedPercent", rewrote being
   * 1 or 0; "0 100 100" for a database in memory or with nothing in its file yet. H2 closes the
   * database when work under its store lock throws, so the rewrite's errors are thrown after it.
   */
  static final String SOURCE =
      "String compact(java.sql.Connection connection, int sparsePercent, int rewriteBytes,\n"
          + "    int moveBytes) throws Exception {\n"
          + "  Object session = connection.getClass().getMethod(\"getSession\").invoke(connection);\n"
          + "  Object database = session.getClass().getMethod(\"getDatabase\").invoke(session);\n"
          + "  Object store = database.getClass().getMethod(\"getStore\").invoke(database);\n"
          + "  Object mv = store.getClass().getMethod(\"getMvStore\").invoke(store);\n"
          + "  Object files = mv.getClass().getMethod(\"getFileStore\").invoke(mv);\n"
          + "  if (files == null) {\n"
          + "    return \"0 100 100\"; // in memory: no file\n"
          + "  }\n"
          + "  Class<?> fileStore = Class.forName(\"org.h2.mvstore.FileStore\", false,\n"
          + "      mv.getClass().getClassLoader());\n"
          + "  java.lang.reflect.Method saved = fileStore.getDeclaredMethod(\"hasPersistentData\");\n"
          + "  saved.setAccessible(true);\n"
          + "  if (!(Boolean) saved.invoke(files)) {\n"
          + "    return \"0 100 100\"; // nothing written to the file yet\n"
          + "  }\n"
          + "  boolean rewrote = false;\n"
          + "  if (rewriteBytes > 0) {\n"
          + "    java.lang.reflect.Method rewrite =\n"
          + "        fileStore.getDeclaredMethod(\"rewriteChunks\", int.class, int.class);\n"
          + "    rewrite.setAccessible(true);\n"
          + "    java.lang.reflect.Method drop = fileStore.getMethod(\"dropUnusedChunks\");\n"
          + "    java.lang.reflect.Method underLock = mv.getClass()\n"
          + "        .getDeclaredMethod(\"tryExecuteUnderStoreLock\", java.util.concurrent.Callable.class);\n"
          + "    underLock.setAccessible(true);\n"
          + "    java.util.concurrent.Callable<Object> work = () -> {\n"
          + "      try {\n"
          + "        boolean done = (Boolean) rewrite.invoke(files, rewriteBytes, sparsePercent);\n"
          + "        if (done) {\n"
          + "          drop.invoke(files);\n"
          + "        }\n"
          + "        return done;\n"
          + "      } catch (Throwable e) {\n"
          + "        return e; // thrown below: under the lock, H2 would close the database for it\n"
          + "      }\n"
          + "    };\n"
          + "    Object result = underLock.invoke(mv, work);\n"
          + "    if (result instanceof Throwable) {\n"
          + "      throw new Exception(\"H2's rewriteChunks failed\", (Throwable) result);\n"
          + "    }\n"
          + "    rewrote = Boolean.TRUE.equals(result);\n"
          + "  }\n"
          + "  if (moveBytes > 0) {\n"
          + "    files.getClass().getMethod(\"compactMoveChunks\", int.class, long.class, mv.getClass())\n"
          + "        .invoke(files, 101, (long) moveBytes, mv);\n"
          + "  }\n"
          + "  return (rewrote ? 1 : 0)\n"
          + "      + \" \" + fileStore.getMethod(\"getChunksFillRate\").invoke(files)\n"
          + "      + \" \" + fileStore.getMethod(\"getFillRate\").invoke(files);\n"
          + "}";

  /** H2's figures after a call of the function. */
  record Figures(boolean rewrote, int chunksLivePercent, int fileUsedPercent) {
    static Figures parse(String answer) {
      String[] parts = answer.split(" ");
      return new Figures(
          "1".equals(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
  }

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject GroupCommit groupCommit;

  @Inject
  @ConfigProperty(name = "roster.db.h2-compact-kb", defaultValue = "1024")
  int kilobytesPerCall;

  private ScheduledFuture<?> schedule;

  private volatile CompactionPace pace;

  private volatile boolean warned;

  private final AtomicLong callsThatRewrote = new AtomicLong();

  private final AtomicLong calls = new AtomicLong();

  private final AtomicLong callsThatMoved = new AtomicLong();

  /**
   * Ticks that did work, those that rewrote pages and those that moved chunks, and whether it rests
   * now: "calls/rewrote/moved" and " resting" when it does.
   */
  public String counts() {
    CompactionPace current = pace;
    return calls.get()
        + "/"
        + callsThatRewrote.get()
        + "/"
        + callsThatMoved.get()
        + (current != null && current.isResting() ? " resting" : "");
  }

  /** Declares the function and compacts four times a second from now on; H2 only. */
  void start() {
    if (kilobytesPerCall <= 0) {
      LOG.info("H2 file compaction is off (roster.db.h2-compact-kb=0)");
      return;
    }
    try (Connection connection = ConnectionsInUse.borrow(database)) {
      install(connection);
      compact(connection, 0, 1, 0); // compiles it and reaches H2's methods: a failure shows now
      warnIfH2CompactsItself(connection);
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "Could not declare H2's compaction function (it needs a JDK, an admin user and H2"
              + " 2.2.224): H2's file will grow under steady writes",
          e);
      return;
    }
    pace = new CompactionPace(kilobytesPerCall * 1024, System.nanoTime());
    schedule =
        scheduler.scheduleWithFixedDelay(this::compactQuietly, 1000, 250, TimeUnit.MILLISECONDS);
  }

  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  /** (Re)declares the function, so that a new Roster's source replaces an older one's. */
  static void install(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP ALIAS IF EXISTS " + FUNCTION);
      statement.execute("CREATE ALIAS " + FUNCTION + " AS $$\n" + SOURCE + "\n$$");
    }
  }

  /** Calls the function (see {@link #SOURCE}); zero bytes only reads the figures. */
  static Figures compact(Connection connection, int sparsePercent, int rewriteBytes, int moveBytes)
      throws SQLException {
    try (CallableStatement call = connection.prepareCall("CALL " + FUNCTION + "(?, ?, ?)")) {
      call.setInt(1, sparsePercent);
      call.setInt(2, rewriteBytes);
      call.setInt(3, moveBytes);
      try (var result = call.executeQuery()) {
        result.next();
        return Figures.parse(result.getString(1));
      }
    }
  }

  /** Logs a warning when the URL left H2's own compaction on; package-private for its test. */
  static void warnIfH2CompactsItself(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var result =
            statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'AUTO_COMPACT_FILL_RATE'")) {
      if (result.next() && !"0".equals(result.getString(1))) {
        LOG.warning(
            "H2 compacts its file itself (AUTO_COMPACT_FILL_RATE="
                + result.getString(1)
                + " in roster.db.url), without a bound on its CPU; add AUTO_COMPACT_FILL_RATE=0"
                + " to the URL, as Roster's default has it (docs/operations.md)");
      }
    }
  }

  private void compactQuietly() {
    try (Connection connection = ConnectionsInUse.borrow(database)) {
      long now = System.nanoTime();
      if (ConnectionsInUse.count() > 1) { // this tick's own connection is one
        pace.used(now);
      }
      groupCommit.betweenWrites(() -> tick(connection, now));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.log(Level.WARNING, "H2 file compaction failed; it is tried again and again", e);
      }
    }
  }

  private void tick(Connection connection, long now) throws SQLException {
    pace.used(groupCommit.lastWriteNanos());
    Figures before = compact(connection, 0, 0, 0);
    CompactionPace.Step step = pace.next(now, before.chunksLivePercent(), before.fileUsedPercent());
    if (step.isNone()) {
      return;
    }
    long start = System.nanoTime();
    calls.incrementAndGet();
    Figures after =
        compact(connection, SPARSE_CHUNK_PERCENT, step.rewriteBytes(), step.moveBytes());
    if (after.rewrote()) {
      callsThatRewrote.incrementAndGet();
      GroupCommit.checkpoint(connection); // writes the rewritten pages now, counted in this tick
    }
    if (step.moveBytes() > 0) {
      callsThatMoved.incrementAndGet();
    }
    pace.spent(System.nanoTime() - start);
  }
}
