package dev.roster.storage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes committed writes durable on the embedded H2 database before they are acknowledged, in
 * groups: H2 writes commits to its file from a background thread, up to {@code WRITE_DELAY} (500
 * ms) later, so a kill -9 lost acknowledged writes. A write request calls {@link #awaitStored()}
 * after its transaction committed and before its answer leaves; {@code CHECKPOINT} then writes
 * every commit so far to the file. Requests that wait while one {@code CHECKPOINT} runs share the
 * next one, so under load one file write serves many commits.
 *
 * <p>Why not {@code SET WRITE_DELAY 0}, which writes each commit itself: H2 then writes one chunk
 * per commit, 16 concurrent creates cost twice the CPU, and its file grew to 16 times the size (the
 * benchmark in the README). Why not only for H2: PostgreSQL has flushed a commit before the commit
 * returns, so there is nothing to wait for; {@link EmbeddedDatabaseSettings} turns this on for H2
 * only.
 *
 * <p>Writes that do not pass here (the console's pages, the provisioning log) reach the file within
 * H2's {@code WRITE_DELAY}.
 */
@ApplicationScoped
public class GroupCommit {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

  /** The longest a request waits for a file write (a CHECKPOINT takes milliseconds). */
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** {@link #MAX_WAIT_NANOS}; shorter in a test of a write that takes too long. */
  long maxWaitNanos = MAX_WAIT_NANOS;

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  private volatile boolean enabled;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();

  /** Requests that asked for a file write, in order; one ticket each. */
  private long requested;

  /** The highest ticket whose commit a finished file write covers. */
  private long stored;

  private boolean writing;

  /** {@link System#nanoTime()} when the last file write of this class ended. */
  private volatile long lastWriteNanos = System.nanoTime();

  /** Turns the waiting on; until then {@link #awaitStored()} returns at once. */
  void enable() {
    enabled = true;
  }

  /**
   * Returns once every transaction that committed before this call is in the database's file. The
   * ticket is taken after the caller's commit; a write that starts after it covers that commit.
   *
   * @return true when the commit is in the file (or nothing needs waiting for); false when the file
   *     write failed or took over 30 s (the database is in trouble: its disk full, for one), after
   *     logging. The commit may then still reach the file with H2's background write, or never: the
   *     caller must not acknowledge it as stored.
   */
  public boolean awaitStored() {
    if (!enabled) {
      return true;
    }
    long deadline = System.nanoTime() + maxWaitNanos;
    lock.lock();
    try {
      long ticket = ++requested;
      while (stored < ticket) {
        if (!writing) {
          writing = true;
          long covers = requested;
          boolean done = false;
          lock.unlock();
          try {
            checkpoint();
            done = true;
          } finally {
            lock.lock();
            writing = false;
            if (done) {
              stored = Math.max(stored, covers);
              lastWriteNanos = System.nanoTime();
            }
            written.signalAll();
          }
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            LOG.warning("A file write of H2 took over 30 s; a write is answered 503");
            return false;
          }
          written.awaitNanos(left);
        }
      }
      return true;
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "H2's CHECKPOINT failed; a write is answered 503", e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** When the last file write for a request ended, as {@link System#nanoTime()}. */
  long lastWriteNanos() {
    return lastWriteNanos;
  }

  /** Work on the database that must not run beside a file write of this class. */
  @FunctionalInterface
  interface SqlWork {
    void run() throws SQLException;
  }

  /**
   * Runs {@code work} between two file writes: it waits for the one underway, and the next waits
   * for it. {@link H2FileCompaction} needs H2's store lock, which a {@code CHECKPOINT} holds; under
   * load they follow each other so closely that H2's short try for the lock would almost always
   * fail.
   */
  void betweenWrites(SqlWork work) throws SQLException, InterruptedException {
    lock.lock();
    try {
      while (writing) {
        written.await();
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    try {
      work.run();
    } finally {
      lock.lock();
      try {
        writing = false;
        written.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Writes every commit so far to H2's file (H2: {@code Database.checkpoint}, a store commit). */
  void checkpoint() throws SQLException {
    try (Connection connection = ConnectionsInUse.borrow(database)) {
      checkpoint(connection);
    }
  }

  /**
   * Runs {@code CHECKPOINT} on a connection of the pool as a prepared statement, not through {@code
   * createStatement()}: the pool sets its statement timeout on every statement it creates, and H2
   * runs each {@code setQueryTimeout} as {@code SET QUERY_TIMEOUT}, which marks the whole
   * database's metadata changed, so that every prepared statement of every connection is parsed and
   * planned again at its next execution. A {@code CHECKPOINT} after every write did that to every
   * request's statements (docs/benchmark.md, "A timeout that re-planned every statement"). The
   * pool's statement cache hands this one back without setting the timeout again.
   */
  static void checkpoint(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("CHECKPOINT")) {
      statement.execute();
    }
  }
}
