package dev.roster.storage;

import dev.roster.provisioning.entity.ProvisioningRecord;
import dev.roster.storage.LogFacts.MemberRow;
import dev.roster.storage.LogFacts.Milestone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * One batch of the provisioning-log writer, with plain JDBC in a local transaction on a connection
 * of its own: the records, and what is kept beside them ({@link LogFacts}: the members group
 * requests named, the hourly counts, the tenants' milestones). Nothing is written until {@link
 * #commit()}; closing without it rolls the batch back.
 *
 * <p>Why not JPA: a profile of lookups put the writer's thread at about a tenth of their CPU, two
 * thirds of it EclipseLink's and the database's and most of the rest the JTA transaction's and
 * Weld's proxies, for rows that are only ever inserted (docs/benchmark.md, {@code
 * log-writer-jdbc}). The records' ids come from their sequence as EclipseLink draws them, so that
 * records written either way never share an id.
 */
public final class JdbcLogWrites implements AutoCloseable {

  private static final String INSERT_RECORD =
      "INSERT INTO PROVISIONING_LOG (ID, LOG_TIME, TENANT_ID, TOKEN_PREFIX, CLIENT, METHOD, PATH,"
          + " QUERY_STRING, RESOURCE_TYPE, RESOURCE_ID, STATUS, SCIM_TYPE, DETAIL, DURATION_MS,"
          + " CORRELATION_ID, CORRELATION_HASH, REQUEST_BODY, SUBJECT, ACTION)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_MEMBER =
      "INSERT INTO PROVISIONING_LOG_MEMBER (LOG_ID, TENANT_ID, USER_ID, LOG_TIME)"
          + " VALUES (?, ?, ?, ?)";

  private final Connection connection;
  private boolean committed;

  private JdbcLogWrites(Connection connection) {
    this.connection = connection;
  }

  /** Starts a batch on a connection of its own, outside any JTA transaction. */
  public static JdbcLogWrites begin(DataSource database) throws SQLException {
    Connection connection = ConnectionsInUse.borrow(database);
    try {
      connection.setAutoCommit(false);
      return new JdbcLogWrites(connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Inserts the records under the ids given, in order, as one JDBC batch.
   *
   * @param ids one per record, from {@link Ids#next}
   */
  public void insertRecords(List<ProvisioningRecord> records, long[] ids) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_RECORD)) {
      for (int i = 0; i < records.size(); i++) {
        ProvisioningRecord record = records.get(i);
        int p = 0;
        insert.setLong(++p, ids[i]);
        insert.setTimestamp(++p, Timestamp.valueOf(Timestamps.stored(record.getTime())));
        insert.setString(++p, record.getTenantId());
        insert.setString(++p, record.getTokenPrefix());
        insert.setString(++p, record.getClient());
        insert.setString(++p, record.getMethod());
        insert.setString(++p, record.getPath());
        insert.setString(++p, record.getQuery());
        insert.setString(++p, record.getResourceType());
        insert.setString(++p, record.getResourceId());
        insert.setInt(++p, record.getStatus());
        insert.setString(++p, record.getScimType());
        insert.setString(++p, record.getDetail());
        insert.setLong(++p, record.getDurationMillis());
        insert.setString(++p, record.getCorrelationId());
        Integer hash = ProvisioningRecord.correlationHash(record.getCorrelationId());
        if (hash == null) {
          insert.setNull(++p, Types.INTEGER);
        } else {
          insert.setInt(++p, hash);
        }
        insert.setString(++p, record.getRequestBody());
        insert.setString(++p, record.getSubject());
        insert.setString(++p, record.getAction());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The users group requests named as members, as one JDBC batch. */
  public void insertMembers(List<MemberRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_MEMBER)) {
      for (MemberRow row : rows) {
        insert.setLong(1, row.logId());
        insert.setString(2, row.tenantId());
        insert.setString(3, row.userId());
        insert.setTimestamp(4, Timestamp.valueOf(Timestamps.stored(row.time())));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Adds to a tenant's count of an hour, as this writer counted it ({@code ""}: no tenant). */
  public void countHour(String tenantId, Instant hour, String writer, long requests, long errors)
      throws SQLException {
    Timestamp start = Timestamp.valueOf(Timestamps.stored(hour));
    int updated =
        execute(
            "UPDATE PROVISIONING_LOG_HOURLY SET REQUESTS = REQUESTS + ?, ERRORS = ERRORS + ?"
                + " WHERE TENANT_ID = ? AND HOUR_START = ? AND WRITER = ?",
            List.of(requests, errors, tenantId, start, writer));
    if (updated == 0) {
      execute(
          "INSERT INTO PROVISIONING_LOG_HOURLY (TENANT_ID, HOUR_START, WRITER, REQUESTS, ERRORS)"
              + " VALUES (?, ?, ?, ?, ?)",
          List.of(tenantId, start, writer, requests, errors));
    }
  }

  /** Moves a tenant's milestones: first ones back, last ones forward, never the other way. */
  public void advance(String tenantId, Map<Milestone, Instant> times) throws SQLException {
    if (times.isEmpty()) {
      return;
    }
    StringJoiner set = new StringJoiner(", ");
    StringJoiner columns = new StringJoiner(", ", "TENANT_ID, ", "");
    StringJoiner places = new StringJoiner(", ", "?, ", "");
    List<Object> updated = new ArrayList<>();
    List<Object> inserted = new ArrayList<>(List.of(tenantId));
    for (Map.Entry<Milestone, Instant> time : times.entrySet()) {
      String column = time.getKey().name();
      Timestamp value = Timestamp.valueOf(Timestamps.stored(time.getValue()));
      set.add(
          column
              + " = CASE WHEN "
              + column
              + " IS NULL OR "
              + column
              + (time.getKey().first() ? " > " : " < ")
              + "? THEN ? ELSE "
              + column
              + " END");
      updated.add(value); // compared with
      updated.add(value); // and set to
      columns.add(column);
      places.add("?");
      inserted.add(value);
    }
    updated.add(tenantId);
    if (execute("UPDATE TENANT_ACTIVITY SET " + set + " WHERE TENANT_ID = ?", updated) == 0) {
      execute("INSERT INTO TENANT_ACTIVITY (" + columns + ") VALUES (" + places + ")", inserted);
    }
  }

  /**
   * The names of a tenant's users ({@code USER_NAME_KEY}, in lower case) or groups ({@code
   * DISPLAY_NAME}) by id, for log records that name only an id; ids of no such resource are left
   * out.
   */
  public Map<String, String> names(String tenantId, boolean groups, Collection<String> ids)
      throws SQLException {
    Map<String, String> names = new HashMap<>();
    if (ids.isEmpty()) {
      return names;
    }
    StringJoiner places = new StringJoiner(", ");
    ids.forEach(id -> places.add("?"));
    try (PreparedStatement query =
        connection.prepareStatement(
            (groups
                    ? "SELECT SCIM_ID, DISPLAY_NAME FROM SCIM_GROUPS"
                    : "SELECT SCIM_ID, USER_NAME_KEY FROM SCIM_USERS")
                + " WHERE TENANT_ID = ? AND SCIM_ID IN ("
                + places
                + ")")) {
      int p = 0;
      query.setString(++p, tenantId);
      for (String id : ids) {
        query.setString(++p, id);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          names.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return names;
  }

  /** Runs one statement with its parameters in order; none of them is null. */
  private int execute(String sql, List<?> parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      return statement.executeUpdate();
    }
  }

  public void commit() throws SQLException {
    connection.commit();
    committed = true;
  }

  /**
   * Rolls back what was not committed and gives the connection back to the pool as it came, in
   * autocommit mode, which the pool's other borrowers expect.
   */
  @Override
  public void close() throws SQLException {
    try {
      if (!committed) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    } finally {
      connection.close();
    }
  }

  /**
   * The records' ids: drawn from {@code PROVISIONING_LOG_SEQ} a block at a time, as EclipseLink
   * draws them for {@link ProvisioningRecord}: the sequence steps by the entity's allocation size
   * (500, migration V1), and a value {@code v} drawn gives the ids {@code v - 499} to {@code v}. A
   * block drawn by a batch that rolls back leaves a gap, as with EclipseLink; ids only grow.
   */
  public static final class Ids {

    /** {@code ProvisioningRecord}'s allocation size, the sequence's step. */
    static final int BLOCK = 500;

    private long next = 1;
    private long last = 0;

    /** The next id, drawing a block on the batch's connection when this one is used up. */
    public synchronized long next(JdbcLogWrites batch) throws SQLException {
      if (next > last) {
        long drawn = batch.drawFromSequence();
        next = drawn - BLOCK + 1;
        last = drawn;
      }
      return next++;
    }
  }

  private long drawFromSequence() throws SQLException {
    try (PreparedStatement draw =
            connection.prepareStatement(
                "postgresql".equals(SchemaMigrations.kindOf(connection))
                    ? "SELECT nextval('PROVISIONING_LOG_SEQ')"
                    : "SELECT NEXT VALUE FOR PROVISIONING_LOG_SEQ");
        ResultSet value = draw.executeQuery()) {
      value.next();
      return value.getLong(1);
    }
  }
}
