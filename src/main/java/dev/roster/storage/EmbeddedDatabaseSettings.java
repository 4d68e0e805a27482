package dev.roster.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settles two settings of the embedded H2 database at startup; other databases are left alone.
 *
 * <ul>
 *   <li><b>Durability.</b> H2 writes committed transactions to its file from a background thread,
 *       up to half a second later ({@code WRITE_DELAY}, 500 ms by default), so a kill -9 lost
 *       acknowledged writes. A write request now waits for {@link GroupCommit}, which writes the
 *       commits so far to the file with {@code CHECKPOINT} before the answer leaves; this class
 *       turns it on once a {@code CHECKPOINT} has worked. (H2 does not {@code fsync}: a crash of
 *       the machine itself can still lose the last commits; see the README.)
 *   <li><b>Never closed.</b> {@code SET DB_CLOSE_DELAY -1}: H2 keeps the database open until the
 *       JVM ends, and Roster never closes it. A normal stop after a kill -9 otherwise damaged the
 *       file: H2's clean close of a store it had recovered left a file it could not open again
 *       (reproduced with the README's command: three kills under load, then a SIGTERM). A JVM that
 *       ends without closing H2 is what a kill -9 does, which H2 recovers from, and by then every
 *       commit is in the file.
 *   <li><b>Page cache.</b> H2 keeps 16 MB of pages by default; beyond some 100,000 users every
 *       lookup then reads and decodes pages again, which costs more CPU than the rest of the
 *       request. The cache is on the JVM heap, so the default of 64 MB is sized for {@code
 *       -Xmx512m}. A {@code CACHE_SIZE} in {@code ROSTER_DB_URL} wins.
 *   <li><b>File size.</b> Under steady writes H2 never rewrites the chunks its {@code CHECKPOINT}s
 *       leave nearly empty, so {@link H2FileCompaction} does that four times a second, within
 *       bounds.
 * </ul>
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before anything uses it
public class EmbeddedDatabaseSettings {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseSettings.class.getName());

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @Inject GroupCommit groupCommit;

  @Inject H2FileCompaction compaction;

  @Inject
  @ConfigProperty(name = "roster.db.h2-cache-mb", defaultValue = "64")
  int cacheMegabytes;

  private volatile boolean h2;

  /**
   * Writes the last commits to H2's file when the application stops (the provisioning log's final
   * records among them: {@code ProvisioningLogWriter} depends on this bean, so it stops first).
   */
  @PreDestroy
  void stop() {
    if (!h2) {
      return;
    }
    compaction.stop();
    try {
      groupCommit.checkpoint();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not write H2's last commits at shutdown", e);
    }
  }

  @PostConstruct
  void apply() {
    try (Connection connection = ConnectionsInUse.borrow(database);
        Statement statement = connection.createStatement()) {
      String product = connection.getMetaData().getDatabaseProductName();
      String url = connection.getMetaData().getURL();
      if (!"H2".equals(product) || url == null) {
        return;
      }
      String settings = url.toUpperCase(Locale.ROOT);
      if (!settings.contains("CACHE_SIZE") && cacheMegabytes > 0) {
        statement.execute("SET CACHE_SIZE " + cacheMegabytes * 1024);
        LOG.info(() -> "H2 page cache: " + cacheMegabytes + " MB (roster.db.h2-cache-mb)");
      }
      // Never closed while the JVM lives (see the class comment): every commit reaches the file
      // through CHECKPOINT, and the last ones through stop() below.
      statement.execute("SET DB_CLOSE_DELAY -1");
      groupCommit.checkpoint();
      groupCommit.enable();
      h2 = true;
      compaction.start();
    } catch (SQLException e) {
      LOG.log(
          Level.SEVERE,
          "Could not apply Roster's H2 settings (CHECKPOINT needs an admin user): H2's defaults"
              + " apply, and with them a kill -9 can lose acknowledged writes",
          e);
    }
  }
}
