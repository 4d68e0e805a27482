package dev.roster.storage;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.persistence.queries.Call;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Records the SQL statements EclipseLink sends, with their parameters and the rows they return, so
 * that a test can assert on the database work a request does, and on H2's plan for it. Registered
 * through {@code eclipselink.session-event-listener}; one test thread at a time.
 */
public class SqlCounter extends SessionEventAdapter {

  /** One statement: its SQL, its parameters and, for a query, the rows it returned. */
  public record Statement(String sql, List<Object> parameters, int rows) {
    public boolean isSelect() {
      return sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT");
    }

    /**
     * The database's plan for this statement with its parameters, as {@code EXPLAIN} prints it, one
     * line per row. H2 names the index it reads in a comment, and says {@code index sorted} when
     * that index gives the ORDER BY, so that no sort of all matching rows precedes a LIMIT;
     * PostgreSQL says {@code Index Scan using <index>}, {@code Seq Scan} and {@code Sort}; on a
     * test's small tables it rightly prefers reading the whole table, so here it plans with
     * sequential scans discouraged, which asks what it would do at scale: whether an index can
     * serve the statement. {@code em} must be in a transaction.
     */
    public String plan(EntityManager em) {
      Connection connection = em.unwrap(Connection.class);
      try {
        if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
          try (java.sql.Statement setting = connection.createStatement()) {
            setting.execute("SET LOCAL enable_seqscan = off");
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
        for (int i = 0; i < parameters.size(); i++) {
          explain.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet plan = explain.executeQuery()) {
          StringBuilder lines = new StringBuilder();
          while (plan.next()) {
            lines.append(plan.getString(1)).append('\n');
          }
          return lines.toString();
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
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
      List<Object> parameters =
          call instanceof org.eclipse.persistence.internal.databaseaccess.DatabaseCall database
              ? new ArrayList<>(database.getParameters())
              : List.of();
      int rows = result instanceof java.util.Collection<?> collection ? collection.size() : 1;
      STATEMENTS.add(new Statement(sql, parameters, rows));
    }
  }
}
