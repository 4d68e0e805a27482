package dev.roster.databases;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The database a test run uses: the embedded H2 (the default) or a throwaway PostgreSQL ({@code
 * -Droster.it.database=postgresql}, which {@code mvn verify}'s second failsafe run sets). Tests ask
 * this class for the settings a server or a persistence unit needs, so that one test class runs on
 * both.
 */
public enum TestDatabase {
  H2,
  POSTGRESQL;

  public static final String DATABASE_NAME = "roster";

  public static TestDatabase current() {
    return valueOf(System.getProperty("roster.it.database", "h2").toUpperCase(Locale.ROOT));
  }

  public static boolean isPostgresql() {
    return current() == POSTGRESQL;
  }

  /**
   * The {@code ROSTER_DB_*} settings of a server on database {@code name} of the PostgreSQL
   * cluster; empty on H2, where each test keeps choosing its own H2 URL.
   */
  public Map<String, String> serverSettings(String name) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (this == POSTGRESQL) {
      settings.put("ROSTER_DB_URL", PostgresCluster.shared().jdbcUrl(name));
      settings.put("ROSTER_DB_USER", PostgresCluster.USER);
      settings.put("ROSTER_DB_PASSWORD", PostgresCluster.PASSWORD);
      settings.put("ROSTER_DB_DATASOURCE_CLASS", "org.postgresql.ds.PGSimpleDataSource");
    }
    return settings;
  }

  /** The JDBC driver jar Payara Micro needs with {@code --addlibs}, if any. */
  public String driverJar() {
    return this == POSTGRESQL ? System.getProperty("roster.it.pg.driver") : null;
  }
}
