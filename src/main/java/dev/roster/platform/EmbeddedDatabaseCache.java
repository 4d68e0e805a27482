package dev.roster.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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
 * Gives the embedded H2 database a page cache that fits a directory of a million users. H2 keeps 16
 * MB of pages by default; beyond some 100,000 users every lookup then reads and decodes pages
 * again, which costs more CPU than the rest of the request. The cache is on the JVM heap, so the
 * default of 64 MB is sized for {@code -Xmx512m}. A {@code CACHE_SIZE} in {@code ROSTER_DB_URL}
 * wins, and other databases are left alone.
 */
@Singleton
@Startup
public class EmbeddedDatabaseCache {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseCache.class.getName());

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @Inject
  @ConfigProperty(name = "roster.db.h2-cache-mb", defaultValue = "64")
  int cacheMegabytes;

  @PostConstruct
  void size() {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      String product = connection.getMetaData().getDatabaseProductName();
      String url = connection.getMetaData().getURL();
      if (!"H2".equals(product)
          || url == null
          || url.toUpperCase(Locale.ROOT).contains("CACHE_SIZE")
          || cacheMegabytes <= 0) {
        return;
      }
      statement.execute("SET CACHE_SIZE " + cacheMegabytes * 1024);
      LOG.info(() -> "H2 page cache: " + cacheMegabytes + " MB (roster.db.h2-cache-mb)");
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not size the H2 page cache; H2's default applies", e);
    }
  }
}
