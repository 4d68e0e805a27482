package dev.roster.storage;

import dev.roster.scim.schema.ResourceValidator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Widens the text columns of a database created before issue 12 to {@link
 * ResourceValidator#MAX_STORED_LENGTH}: a value may hold 2,048 characters (code points), which is
 * up to 4,096 UTF-16 units, and EclipseLink's create-or-extend never widens an existing column, so
 * such a value failed there with a 500. Widening a VARCHAR keeps its data, on H2 and on PostgreSQL,
 * and the statement is standard SQL. Several instances starting at once may both try; the second
 * finds nothing left to do, or fails harmlessly and says so.
 *
 * <p>A stopgap until versioned migrations manage the schema (issue 14).
 */
@Singleton
@Startup
public class ColumnWidening {

  private static final Logger LOG = Logger.getLogger(ColumnWidening.class.getName());

  /** The columns that hold client text, by table. */
  static final List<String[]> COLUMNS =
      List.of(
          new String[] {"SCIM_USERS", "USER_NAME_KEY"},
          new String[] {"SCIM_USERS", "EXTERNAL_ID"},
          new String[] {"SCIM_USERS", "DISPLAY_NAME_KEY"},
          new String[] {"SCIM_USER_VALUES", "VALUE_KEY"},
          new String[] {"SCIM_GROUPS", "DISPLAY_NAME"},
          new String[] {"SCIM_GROUPS", "DISPLAY_NAME_KEY"},
          new String[] {"SCIM_GROUPS", "EXTERNAL_ID"},
          new String[] {"SCIM_MEMBERSHIPS", "DISPLAY"});

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @PostConstruct
  void widen() {
    try (Connection connection = database.getConnection()) {
      List<String> widened = widen(connection, ResourceValidator.MAX_STORED_LENGTH);
      if (!widened.isEmpty()) {
        LOG.info("Widened to VARCHAR(" + ResourceValidator.MAX_STORED_LENGTH + "): " + widened);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not widen the text columns; long values may fail", e);
    }
  }

  /**
   * Widens every listed column narrower than {@code width}; tables that do not exist yet are left
   * to EclipseLink, which creates them wide.
   *
   * @return the columns widened, as {@code TABLE.COLUMN}
   */
  static List<String> widen(Connection connection, int width) throws SQLException {
    List<String> widened = new ArrayList<>();
    for (String[] column : COLUMNS) {
      int size = size(connection.getMetaData(), column[0], column[1]);
      if (size <= 0 || size >= width) {
        continue;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "ALTER TABLE "
                + column[0]
                + " ALTER COLUMN "
                + column[1]
                + " SET DATA TYPE VARCHAR("
                + width
                + ")");
      }
      widened.add(column[0] + "." + column[1]);
    }
    return widened;
  }

  /** The column's declared size, or 0 when there is no such column; names in either case. */
  private static int size(DatabaseMetaData metadata, String table, String column)
      throws SQLException {
    for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
      String columnName = name.equals(table) ? column : column.toLowerCase(Locale.ROOT);
      try (ResultSet columns = metadata.getColumns(null, null, name, columnName)) {
        if (columns.next()) {
          return columns.getInt("COLUMN_SIZE");
        }
      }
    }
    return 0;
  }
}
