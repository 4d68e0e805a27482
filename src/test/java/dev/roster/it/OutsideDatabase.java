package dev.roster.it;

import dev.roster.databases.PostgresCluster;
import dev.roster.databases.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.h2.tools.Server;

/**
 * A database in a process of its own, which a test can stop and start under a running Roster: an H2
 * TCP server in the test's JVM on H2 runs, the test cluster on PostgreSQL runs (its database {@code
 * name}, made empty).
 */
final class OutsideDatabase implements AutoCloseable {

  private final String name;
  private final String user;
  private final String password;
  private final String[] h2Arguments;
  private Server h2;
  private boolean stopped;

  private OutsideDatabase(String name, String user, String password, String[] h2Arguments) {
    this.name = name;
    this.user = user;
    this.password = password;
    this.h2Arguments = h2Arguments;
  }

  /** Starts database {@code name}; on H2 its files go to {@code directory}. */
  static OutsideDatabase start(Path directory, String name) throws Exception {
    if (TestDatabase.isPostgresql()) {
      PostgresCluster.shared().recreate(name);
      return new OutsideDatabase(name, PostgresCluster.USER, PostgresCluster.PASSWORD, null);
    }
    String[] arguments = {
      "-tcpPort",
      Integer.toString(PayaraMicroProcess.freePort()),
      "-baseDir",
      directory.toString(),
      "-ifNotExists"
    };
    OutsideDatabase database = new OutsideDatabase(name, name, name + "-password", arguments);
    database.start();
    return database;
  }

  String url() {
    return TestDatabase.isPostgresql()
        ? PostgresCluster.shared().jdbcUrl(name)
        : "jdbc:h2:tcp://localhost:" + h2Arguments[1] + "/" + name;
  }

  /** The {@code ROSTER_DB_*} settings of a server on this database. */
  Map<String, String> settings() {
    return TestDatabase.isPostgresql()
        ? TestDatabase.POSTGRESQL.serverSettings(name)
        : Map.of("ROSTER_DB_URL", url(), "ROSTER_DB_USER", user, "ROSTER_DB_PASSWORD", password);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user, password);
  }

  /** The database goes away, as in an outage. */
  void stop() {
    stopped = true;
    if (TestDatabase.isPostgresql()) {
      PostgresCluster.shared().stop();
    } else {
      h2.stop();
    }
  }

  /** ...and comes back. */
  void start() throws SQLException {
    stopped = false;
    if (TestDatabase.isPostgresql()) {
      PostgresCluster.shared().start();
    } else {
      h2 = Server.createTcpServer(h2Arguments).start();
    }
  }

  /** Stops the H2 server; the PostgreSQL cluster is shared, so it is left running. */
  @Override
  public void close() throws SQLException {
    if (h2 != null) {
      h2.stop();
    } else if (stopped) {
      start();
    }
  }
}
