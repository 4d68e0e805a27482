package dev.roster.groups.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.persistence.queries.Call;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Records the SQL statements EclipseLink sends and the rows they return, so that a test can assert
 * on the database work a request does. Registered through {@code
 * eclipselink.session-event-listener}; one test thread at a time.
 */
public class SqlCounter extends SessionEventAdapter {

  /** One statement: its SQL and, for a query, the rows it returned. */
  public record Statement(String sql, int rows) {
    boolean isSelect() {
      return sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT");
    }
  }

  private static final List<Statement> STATEMENTS = new ArrayList<>();
  private static boolean recording;

  public static synchronized void start() {
    STATEMENTS.clear();
    recording = true;
  }

  public static synchronized List<Statement> stop() {
    recording = false;
    return List.copyOf(STATEMENTS);
  }

  @Override
  public void postExecuteCall(SessionEvent event) {
    synchronized (SqlCounter.class) {
      if (!recording) {
        return;
      }
      Call call = event.getCall();
      String sql =
          call instanceof org.eclipse.persistence.internal.databaseaccess.DatabaseCall database
              ? database.getSQLString()
              : String.valueOf(call);
      Object result = event.getResult();
      int rows = result instanceof java.util.Collection<?> collection ? collection.size() : 1;
      STATEMENTS.add(new Statement(sql, rows));
    }
  }
}
