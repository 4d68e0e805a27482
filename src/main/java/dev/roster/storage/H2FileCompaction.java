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
 * Keeps the embedded H2 database's file from growing with every durable write while writes go on.
 *
 * <p>Each {@link GroupCommit} {@code CHECKPOINT} writes a chunk to H2's file, and a chunk's space
 * is reused only once none of its pages is live. A leaf page that is not changed again (a full leaf
 * of an index, a user nobody touches) keeps its whole chunk, so the file grows by the size of every
 * chunk written: about 140 KB per created user in a plain-H2 test, some 60 GB for 650,000 users in
 * the benchmark, when the live data was about 4% of the file (docs/benchmark.md). H2 rewrites the
 * live pages of such chunks itself only when its file has been quiet for a second, which a
 * directory under steady load never is: H2 2.2 skips that work whenever anything was read or
 * written since its last look, whatever {@code AUTO_COMPACT_FILL_RATE} says.
 *
 * <p>So Roster asks for the same work four times a second: H2's {@code MVStore.compact}, which
 * moves the live pages of the oldest, emptiest chunks into the next chunk, at most {@code
 * roster.db.h2-compact-kb} (default 1,024) KB of them a call; {@code 0} turns it off. Chunks
 * younger than H2's {@code RETENTION_TIME} (45 s) are left alone, as H2 leaves them. It runs
 * between two of {@link GroupCommit}'s file writes, as it needs the store lock they hold. H2 has no
 * SQL for this, so {@link #install} declares a function whose Java source H2 compiles (it needs a
 * JDK, as Payara Micro does) and which reaches the store by reflection through H2's own connection:
 * no compile-time dependency on H2, and nothing that depends on the application server's pool.
 */
@ApplicationScoped
public class H2FileCompaction {

  private static final Logger LOG = Logger.getLogger(H2FileCompaction.class.getName());

  static final String FUNCTION = "ROSTER_COMPACT_H2_FILE";

  /** Below this share of live data in its chunks, H2's file is compacted. */
  static final int TARGET_FILL_PERCENT = 50;

  /**
   * The function H2 compiles: {@code MVStore.compact(fillRate, bytes)} of the database the calling
   * connection belongs to; true when it rewrote anything.
   */
  static final String SOURCE =
      "boolean compact(java.sql.Connection connection, int fillRate, int bytes) throws Exception {\n"
          + "  Object session = connection.getClass().getMethod(\"getSession\").invoke(connection);\n"
          + "  Object database = session.getClass().getMethod(\"getDatabase\").invoke(session);\n"
          + "  Object store = database.getClass().getMethod(\"getStore\").invoke(database);\n"
          + "  Object mvStore = store.getClass().getMethod(\"getMvStore\").invoke(store);\n"
          + "  return (Boolean) mvStore.getClass().getMethod(\"compact\", int.class, int.class)\n"
          + "      .invoke(mvStore, fillRate, bytes);\n"
          + "}";

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject GroupCommit groupCommit;

  @Inject
  @ConfigProperty(name = "roster.db.h2-compact-kb", defaultValue = "1024")
  int kilobytesPerCall;

  private ScheduledFuture<?> schedule;

  private volatile boolean warned;

  private final AtomicLong callsThatRewrote = new AtomicLong();

  private final AtomicLong calls = new AtomicLong();

  /** Calls so far, and those that rewrote pages: "calls/rewrote". */
  public String counts() {
    return calls.get() + "/" + callsThatRewrote.get();
  }

  /** Declares the function and compacts four times a second from now on; H2 only. */
  void start() {
    if (kilobytesPerCall <= 0) {
      LOG.info("H2 file compaction under load is off (roster.db.h2-compact-kb=0)");
      return;
    }
    try (Connection connection = ConnectionsInUse.borrow(database)) {
      install(connection);
      compact(connection, TARGET_FILL_PERCENT, 0); // compiles it now: a failure shows at start
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "Could not declare H2's compaction function (it needs a JDK and an admin user): H2's"
              + " file will grow under steady writes until they pause",
          e);
      return;
    }
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

  /**
   * Rewrites at most {@code bytes} of live pages from old chunks when fewer than {@code
   * fillPercent} of the chunks' bytes are live; true when it rewrote any.
   */
  static boolean compact(Connection connection, int fillPercent, int bytes) throws SQLException {
    try (CallableStatement call = connection.prepareCall("CALL " + FUNCTION + "(?, ?)")) {
      call.setInt(1, fillPercent);
      call.setInt(2, bytes);
      try (var result = call.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private void compactQuietly() {
    try (Connection connection = ConnectionsInUse.borrow(database)) {
      groupCommit.betweenWrites(
          () -> {
            calls.incrementAndGet();
            if (compact(connection, TARGET_FILL_PERCENT, kilobytesPerCall * 1024)) {
              callsThatRewrote.incrementAndGet();
            }
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.log(Level.WARNING, "H2 file compaction failed; it is tried again and again", e);
      }
    }
  }
}
