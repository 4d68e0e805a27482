package dev.roster.storage;

import dev.roster.provisioning.entity.ProvisioningRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 16: the provisioning log indexes an int hash of each correlation id instead of the id
 * itself. Keeping an index of random 36-character ids (Entra's {@code client-request-id}, our own
 * UUIDs) was most of what a record cost to write; an int's index costs about a quarter of that
 * (docs/benchmark.md). A search reads the hash's index and compares the id itself.
 *
 * <p>In Java, not SQL, because the hash is Java's {@link String#hashCode()} ({@link
 * ProvisioningRecord#correlationHash}), which neither H2 nor PostgreSQL computes. It fills in the
 * records already there in batches by id, in Flyway's transaction, so an upgrade is all or nothing;
 * the log is bounded by its retention. A million records on H2 took 2 min 36 s on the benchmark's
 * two-core machine (docs/operations.md).
 */
final class CorrelationHashMigration implements JavaMigration {

  static final int VERSION = 16;

  private static final int BATCH = 1000;

  private static final Logger LOG = Logger.getLogger(CorrelationHashMigration.class.getName());

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(String.valueOf(VERSION));
  }

  @Override
  public String getDescription() {
    return "provisioning log correlation hash";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement sql = connection.createStatement()) {
      sql.execute("ALTER TABLE PROVISIONING_LOG ADD COLUMN CORRELATION_HASH INTEGER");
    }
    long filled = fillIn(connection);
    try (Statement sql = connection.createStatement()) {
      sql.execute(
          "CREATE INDEX PROVISIONING_LOG_CORRELATION_HASH ON PROVISIONING_LOG (CORRELATION_HASH)");
      sql.execute("DROP INDEX PROVISIONING_LOG_CORRELATION");
    }
    if (filled > 0) {
      LOG.info(() -> "Provisioning log: correlation hashes written for " + filled + " records");
    }
  }

  /** Hashes the correlation id of every record that has one, a batch of ids at a time. */
  private static long fillIn(Connection connection) throws SQLException {
    long filled = 0;
    long afterId = Long.MIN_VALUE;
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT ID, CORRELATION_ID FROM PROVISIONING_LOG"
                    + " WHERE ID > ? AND CORRELATION_ID IS NOT NULL"
                    + " ORDER BY ID FETCH FIRST "
                    + BATCH
                    + " ROWS ONLY");
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE PROVISIONING_LOG SET CORRELATION_HASH = ? WHERE ID = ?")) {
      while (true) {
        int rows = 0;
        select.setLong(1, afterId);
        try (ResultSet batch = select.executeQuery()) {
          while (batch.next()) {
            afterId = batch.getLong(1);
            update.setInt(1, ProvisioningRecord.correlationHash(batch.getString(2)));
            update.setLong(2, afterId);
            update.addBatch();
            rows++;
          }
        }
        if (rows == 0) {
          return filled;
        }
        update.executeBatch();
        filled += rows;
      }
    }
  }
}
