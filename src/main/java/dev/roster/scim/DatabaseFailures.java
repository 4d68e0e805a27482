package dev.roster.scim;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells, from an exception and its causes, whether the database failed in a way that is not the
 * request's fault and that waiting cures: it could not be reached ({@link #unavailable}), or a
 * statement ran out of its time ({@link #timedOut}). Both are answered 503 with {@code
 * Retry-After}, never 500. Plain Java, by SQLState (portable) and the exception types JDBC drivers
 * and the connection pool use.
 */
public final class DatabaseFailures {

  /**
   * SQLStates of a lost or refused connection beyond class 08: H2's "connection broken" (90067),
   * "database closed" (90098, 90121), and PostgreSQL's shutdown and start-up states (57P01-57P03).
   */
  private static final Set<String> UNAVAILABLE_STATES =
      Set.of("90067", "90098", "90121", "57P01", "57P02", "57P03");

  /**
   * SQLStates of a statement that ran out of time: canceled by its query timeout (57014 in H2 and
   * PostgreSQL), or a lock not granted in time (H2's HYT00, PostgreSQL's 55P03), or a deadlock
   * victim (40P01).
   */
  private static final Set<String> TIMEOUT_STATES = Set.of("57014", "HYT00", "55P03", "40P01");

  /** How deep a chain of causes is followed; a cycle must not loop forever. */
  private static final int MAX_CAUSES = 64;

  private DatabaseFailures() {}

  /** The database could not be reached, or the pool could not hand out a connection in time. */
  public static boolean unavailable(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth++ < MAX_CAUSES; cause = next(cause)) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || isPoolFailure(cause)) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A statement was canceled by its time limit, or waited too long for a lock. */
  public static boolean timedOut(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth++ < MAX_CAUSES; cause = next(cause)) {
      if (cause instanceof SQLTimeoutException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && TIMEOUT_STATES.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The database refused a value as too large for one of its indexes: PostgreSQL's B-tree holds
   * entries up to about 2,700 bytes, fewer than Roster's longest values in some scripts (SQLSTATE
   * 54000, "program limit exceeded"). The request's fault, not the database's: 400, not 503.
   */
  public static boolean valueTooLargeToIndex(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth++ < MAX_CAUSES; cause = next(cause)) {
      if (cause instanceof SQLException sql && "54000".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The application server's pool refuses a connection with a Jakarta Connectors exception (its
   * class is not visible to applications portably, so it is recognised by package and name).
   */
  private static boolean isPoolFailure(Throwable cause) {
    String simpleName = cause.getClass().getSimpleName();
    return cause.getClass().getName().startsWith("jakarta.resource.")
        || simpleName.equals("PoolingException")
        || simpleName.equals("ResourceAllocationException");
  }

  /** The cause, or else the next exception of a chained SQLException. */
  private static Throwable next(Throwable cause) {
    Throwable next = cause.getCause();
    if (next == null && cause instanceof SQLException sql) {
      next = sql.getNextException();
    }
    return next;
  }
}
