package dev.roster.storage;

import dev.roster.runtime.RefuseToStart;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Brings the database's schema to the version this build needs, at startup and before anything else
 * uses the database, with Flyway and the SQL scripts under {@code db/migration/}. The other startup
 * beans that touch the database depend on this one.
 *
 * <ul>
 *   <li><b>Which scripts.</b> {@code common/} runs on every database, {@code h2/} on H2 only,
 *       {@code postgresql/} on PostgreSQL only. Versions are unique across both folders. {@link
 *       #SCRIPTS} lists them, so that no class-path scanning is needed: application servers hand a
 *       WAR's resources out under URL schemes a scanner may not know. {@code SchemaMigrationsTest}
 *       checks that the list and the folders agree. What SQL cannot compute on both databases is a
 *       migration in Java ({@link #IN_JAVA}), numbered among the scripts: Flyway runs both in the
 *       order of their versions (V16 is in Java, V17 a script again).
 *   <li><b>Databases made before migrations.</b> Until 2026-12-03 EclipseLink created the schema
 *       itself ({@code create-or-extend-tables}). Such a database has V1's tables but no history:
 *       Flyway then records V1 as its baseline and runs only what follows.
 *   <li><b>Several instances.</b> Flyway takes a lock in the database while it migrates
 *       (PostgreSQL: an advisory lock), so instances starting together migrate once: one runs the
 *       scripts, the others wait and find nothing left to do.
 *   <li><b>Failure.</b> A database that cannot be migrated, or is of a kind Roster has no scripts
 *       for, stops the server with the reason ({@link RefuseToStart}), rather than a server that
 *       answers 500s on a schema it does not understand.
 * </ul>
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  /** Every migration script, by folder; versions ascend across folders. */
  static final List<String> SCRIPTS =
      List.of(
          "common/V1__schema_before_migrations.sql",
          "common/V2__provisioning_log_indexes_newest_first.sql",
          "common/V3__user_and_group_ids_in_creation_order.sql",
          "postgresql/V4__binary_collation_for_compared_text.sql",
          "common/V5__change_feed.sql",
          "common/V6__api_keys.sql",
          "common/V7__departments.sql",
          "common/V8__webhooks.sql",
          "common/V9__product_accounts.sql",
          "common/V10__deprovisioning_holds.sql",
          "common/V11__tenant_schemas.sql",
          "common/V12__provisioning_log_people.sql",
          "postgresql/V13__user_values_by_user.sql",
          "h2/V14__user_values_keyed_by_user.sql",
          "postgresql/V15__user_values_keyed_by_user.sql",
          "common/V17__active_users_by_tenant.sql");

  /**
   * The migrations written in Java, for what SQL cannot compute on both databases; their versions
   * are numbered with those of {@link #SCRIPTS}, and Flyway runs both in one order.
   */
  static final List<JavaMigration> IN_JAVA = List.of(new CorrelationHashMigration());

  static final String ROOT = "db/migration/";

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @PostConstruct
  void atStartup() {
    try {
      MigrateResult result = bringUpToDate(database);
      if (result.migrationsExecuted > 0) {
        LOG.info(
            () ->
                "Database schema migrated to version "
                    + result.targetSchemaVersion
                    + " ("
                    + result.migrationsExecuted
                    + " migrations)");
      }
    } catch (RuntimeException e) {
      throw RefuseToStart.because("the database schema cannot be migrated: " + reasonOf(e));
    }
  }

  /**
   * Migrates the database behind {@code database}, for the server and for tests alike. (Not named
   * like the startup method: the EJB container finds a lifecycle callback by its name alone.)
   */
  public static MigrateResult bringUpToDate(DataSource database) {
    String kind = kindOf(database);
    return Flyway.configure(SchemaMigrations.class.getClassLoader())
        .dataSource(database)
        .resourceProvider(new Scripts(kind))
        .locations(ROOT + "common")
        .javaMigrationClassProvider(List::of)
        .javaMigrations(IN_JAVA.toArray(JavaMigration[]::new))
        .baselineOnMigrate(true)
        .baselineVersion("1")
        .baselineDescription("schema made by EclipseLink before migrations")
        .load()
        .migrate();
  }

  /** {@code h2} or {@code postgresql}: which folders apply. */
  static String kindOf(DataSource database) {
    try (Connection connection = database.getConnection()) {
      return kindOf(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
    }
  }

  /** {@code h2} or {@code postgresql}: the database behind the connection. */
  static String kindOf(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return switch (product.toLowerCase(Locale.ROOT)) {
      case "h2" -> "h2";
      case "postgresql" -> "postgresql";
      default ->
          throw new IllegalStateException(
              "Roster runs on H2 or PostgreSQL; this database is " + product);
    };
  }

  static List<String> scriptsFor(String kind) {
    return SCRIPTS.stream()
        .filter(script -> script.startsWith("common/") || script.startsWith(kind + "/"))
        .toList();
  }

  private static String reasonOf(Throwable e) {
    StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
        reason.append(": ").append(cause.getMessage());
      }
    }
    return reason.toString();
  }

  /** The scripts of {@link #SCRIPTS} that apply to one kind of database, read from the WAR. */
  private static final class Scripts implements ResourceProvider {

    private final List<LoadableResource> scripts;

    Scripts(String kind) {
      this.scripts =
          scriptsFor(kind).stream().map(Script::new).map(s -> (LoadableResource) s).toList();
    }

    @Override
    public LoadableResource getResource(String name) {
      return scripts.stream()
          .filter(s -> s.getRelativePath().equals(name) || s.getFilename().equals(name))
          .findFirst()
          .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      return scripts.stream()
          .filter(s -> s.getFilename().startsWith(prefix))
          .filter(s -> Arrays.stream(suffixes).anyMatch(s.getFilename()::endsWith))
          .toList();
    }
  }

  private static final class Script extends LoadableResource {

    private final String path;

    Script(String path) {
      this.path = path;
    }

    @Override
    public Reader read() {
      InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(ROOT + path);
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing migration " + ROOT + path));
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return ROOT + path;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return ROOT + path;
    }

    @Override
    public String getFilename() {
      return path.substring(path.indexOf('/') + 1);
    }

    @Override
    public String getRelativePath() {
      return path;
    }
  }
}
