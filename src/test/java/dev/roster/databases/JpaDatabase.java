package dev.roster.databases;

import dev.roster.storage.SchemaMigrations;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for a JPA-only test class, on the run's {@link TestDatabase}: an in-memory
 * H2, or a fresh database of the PostgreSQL cluster. Its schema is made by the server's own
 * migrations, and the persistence unit {@code roster-test} has the real unit's settings that matter
 * to queries.
 */
public final class JpaDatabase {

  private JpaDatabase() {}

  /** Opens database {@code name}, empty and migrated, with these extra unit properties. */
  public static EntityManagerFactory open(String name, Map<String, String> properties) {
    Map<String, Object> unit = new HashMap<>(properties);
    if (TestDatabase.isPostgresql()) {
      PostgresCluster cluster = PostgresCluster.shared();
      cluster.recreate(name);
      unit.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
      unit.put("jakarta.persistence.jdbc.url", cluster.jdbcUrl(name));
      unit.put("jakarta.persistence.jdbc.user", PostgresCluster.USER);
      unit.put("jakarta.persistence.jdbc.password", PostgresCluster.PASSWORD);
    } else {
      unit.put("jakarta.persistence.jdbc.url", h2Url(name));
    }
    SchemaMigrations.bringUpToDate(dataSource(name));
    return Persistence.createEntityManagerFactory("roster-test", unit);
  }

  /** Database {@code name} of {@link #open} as a data source, for tests of code that uses JDBC. */
  public static DataSource dataSource(String name) {
    if (TestDatabase.isPostgresql()) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(PostgresCluster.shared().jdbcUrl(name));
      postgres.setUser(PostgresCluster.USER);
      postgres.setPassword(PostgresCluster.PASSWORD);
      return postgres;
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(h2Url(name));
    h2.setUser("sa");
    h2.setPassword("");
    return h2;
  }

  private static String h2Url(String name) {
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
  }

  public static EntityManagerFactory open(String name) {
    return open(name, Map.of());
  }
}
