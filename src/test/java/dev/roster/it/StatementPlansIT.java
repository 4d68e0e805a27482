package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.storage.GroupCommit;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcPreparedStatement;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The file write after every write request leaves the prepared statements of the other requests as
 * H2 planned them (docs/benchmark.md, "A timeout that re-planned every statement"). The pool sets
 * its statement timeout on each statement it creates, H2 runs that as {@code SET QUERY_TIMEOUT},
 * and any {@code SET} makes H2 parse and plan every prepared statement of the database again at its
 * next execution: a {@code CHECKPOINT} through {@code createStatement()} after each write did that
 * to every request. Runs in the server, on H2 (the pool and H2 as they ship), and reads H2's own
 * plan object.
 */
@ExtendWith(ArquillianExtension.class)
class StatementPlansIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.rosterWith(StatementPlansIT.class);
  }

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @Inject GroupCommit groupCommit;

  /**
   * Other work of the server (a connection's first use of a statement, which the pool creates) can
   * re-plan the query at any time too, so the file write gets five chances to leave it planned;
   * through {@code createStatement()} it re-planned the query every time.
   */
  @Test
  void theFileWriteAfterAWriteKeepsOtherStatementsPlanned() throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement query = connection.prepareStatement(QUERY)) {
      assertTrue(groupCommit.awaitStored(), "the file write ran");
      boolean kept = false;
      for (int attempt = 0; attempt < 5 && !kept; attempt++) {
        Object plan = plannedAfterRunning(query);
        assertTrue(groupCommit.awaitStored(), "the file write ran");
        kept = plan == plannedAfterRunning(query);
      }
      assertTrue(kept, "every CHECKPOINT made H2 plan the query again");
    }
  }

  /**
   * What the test above guards against, so that it cannot pass for a reason of its own: a statement
   * created through the pool, on another connection, makes H2 plan the query again. Should a later
   * Payara or H2 stop doing that, this fails, and the prepared CHECKPOINT is no longer needed.
   */
  @Test
  void aStatementCreatedThroughThePoolReplansEveryQuery() throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement query = connection.prepareStatement(QUERY)) {
      Object plan = plannedAfterRunning(query);
      try (Connection other = database.getConnection();
          Statement created = other.createStatement()) {
        created.execute("SELECT 1");
      }
      assertNotSame(plan, plannedAfterRunning(query));
    }
  }

  private static final String QUERY = "SELECT COUNT(*) FROM SCIM_USERS WHERE TENANT_ID = ?";

  /** Runs the query, then returns H2's plan of it ({@code CommandContainer.prepared}). */
  private static Object plannedAfterRunning(PreparedStatement query) throws Exception {
    query.setString(1, "no-such-tenant");
    query.executeQuery().close();
    return field(field(h2(query), JdbcPreparedStatement.class, "command"), null, "prepared");
  }

  private static JdbcPreparedStatement h2(PreparedStatement query) throws SQLException {
    return query.unwrap(JdbcPreparedStatement.class);
  }

  private static Object field(Object owner, Class<?> declaring, String name) throws Exception {
    Field field = (declaring == null ? owner.getClass() : declaring).getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}
