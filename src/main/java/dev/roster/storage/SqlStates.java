package dev.roster.storage;

import java.sql.SQLException;

/** What a failed statement means, read from the SQLSTATE of the exception under it. */
public final class SqlStates {

  private SqlStates() {}

  /** Whether a unique index refused the write: SQLSTATE 23505 in SQL:2003, H2 and PostgreSQL. */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
