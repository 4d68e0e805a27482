package dev.roster.storage;

import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.storage.Memberships.GroupRef;
import dev.roster.users.entity.StoredUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The identity providers' match queries ({@code userName eq "x"}, {@code externalId eq "x"}) read
 * with plain JDBC, outside JPA and outside a transaction: the hottest reads of all, since Entra ID
 * sends two before every create and Okta one before every push.
 *
 * <p>Through JPA such a lookup was mostly EclipseLink's and the transaction's own work: preparing
 * the query again for its row limit, registering the user in a unit of work, flushing it before the
 * groups query, enlisting the connection and committing (a profile: H2 did about a quarter of it).
 * Here it is one indexed query for the users and one for their groups, each on its own autocommit
 * statement, as any two statements of a READ COMMITTED transaction would see it.
 *
 * <p>It answers only what it can answer exactly, and leaves everything else to {@link
 * ResourceRows#search} ({@link Optional#empty()}): another filter, a sort, a page after the first,
 * more matches than the page holds (the total would need a count), and a user imported from the
 * product that still awaits its link, since a lookup that finds one links it, which is a write.
 */
public final class JdbcUserLookups {

  /** The users that match (all of them) and, when asked for, the groups of each by SCIM id. */
  public record Found(List<StoredUser> users, Map<String, List<GroupRef>> groups) {}

  /** The key columns it reads by, as the users' table names them in JPQL and in SQL. */
  private static final Map<String, String> KEY_COLUMNS =
      Map.of("u.userNameKey", "USER_NAME_KEY", "u.externalId", "EXTERNAL_ID");

  private static final String USER_COLUMNS =
      "ID, SCIM_ID, TENANT_ID, USER_NAME_KEY, EXTERNAL_ID, DISPLAY_NAME_KEY, ACTIVE, CREATED,"
          + " LAST_MODIFIED, VERSION, DOCUMENT, PRODUCT_ACCOUNT_ID, LINKED_AT, HOLD";

  private JdbcUserLookups() {}

  /**
   * The users of the tenant that the query's filter finds, or empty when this class does not answer
   * the query.
   *
   * @param tenantType the tenant's user type, which the filter resolves against
   * @throws SQLException the database failed; the caller answers as for any database failure
   */
  public static Optional<Found> find(
      DataSource database,
      String tenantId,
      ResourceType tenantType,
      ListQuery query,
      boolean withGroups)
      throws SQLException {
    if (query.sortBy() != null || query.offset() != 0 || query.count() <= 0) {
      return Optional.empty();
    }
    Optional<FilterTranslation.KeyEquality> equality =
        FilterTranslation.keyEquality(ResourceTable.USERS.withType(tenantType), query.filter());
    String column = equality.map(e -> KEY_COLUMNS.get(e.column().field())).orElse(null);
    if (column == null) {
      return Optional.empty();
    }
    try (Connection connection = ConnectionsInUse.borrow(database)) {
      List<StoredUser> users =
          users(connection, tenantId, column, equality.get().key(), query.count() + 1);
      if (users.size() > query.count() || users.stream().anyMatch(StoredUser::awaitsLink)) {
        return Optional.empty();
      }
      Map<String, List<GroupRef>> groups =
          withGroups && !users.isEmpty()
              ? Memberships.groupsOf(
                  users.stream().map(StoredUser::scimId).toList(), ids -> parents(connection, ids))
              : Map.of();
      return Optional.of(new Found(users, groups));
    } catch (UncheckedSql failure) {
      throw failure.getCause();
    }
  }

  private static List<StoredUser> users(
      Connection connection, String tenantId, String column, String key, int limit)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(usersSql(column))) {
      statement.setString(1, tenantId);
      statement.setString(2, key);
      statement.setMaxRows(limit);
      List<StoredUser> users = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          users.add(
              StoredUser.read(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getObject(7, Boolean.class),
                  rows.getObject(8, LocalDateTime.class),
                  rows.getObject(9, LocalDateTime.class),
                  rows.getLong(10),
                  rows.getString(11),
                  rows.getString(12),
                  rows.getObject(13, LocalDateTime.class),
                  rows.getString(14)));
        }
      }
      return users;
    }
  }

  /** The groups each id is a direct member of, in the order of their names, as JPA reads them. */
  private static Map<String, List<GroupRef>> parents(
      Connection connection, Collection<String> ids) {
    Map<String, List<GroupRef>> parents = new HashMap<>();
    for (List<String> chunk : Memberships.chunks(ids)) {
      try (PreparedStatement statement = connection.prepareStatement(parentsSql(chunk.size()))) {
        for (int i = 0; i < chunk.size(); i++) {
          statement.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            parents
                .computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                .add(new GroupRef(rows.getString(2), rows.getString(3), "direct"));
          }
        }
      } catch (SQLException e) {
        throw new UncheckedSql(e);
      }
    }
    return parents;
  }

  /**
   * The users of a tenant ({@code ?}) with a key ({@code ?}) in a column; read through the column's
   * index, which {@code GroupStoreIT} checks.
   */
  static String usersSql(String column) {
    return "SELECT "
        + USER_COLUMNS
        + " FROM SCIM_USERS WHERE TENANT_ID = ? AND "
        + column
        + " = ? ORDER BY ID";
  }

  /** The direct groups of {@code ids} members, by the members' index, as {@link Memberships}. */
  static String parentsSql(int ids) {
    return "SELECT m.MEMBER_ID, g.SCIM_ID, g.DISPLAY_NAME FROM SCIM_MEMBERSHIPS m, SCIM_GROUPS g"
        + " WHERE g.ID = m.GROUP_ID AND m.MEMBER_ID IN ("
        + String.join(", ", Collections.nCopies(ids, "?"))
        + ") ORDER BY g.DISPLAY_NAME_KEY, g.ID";
  }

  /** A failure of the groups' query, carried out of the function that {@link Memberships} calls. */
  private static final class UncheckedSql extends RuntimeException {
    UncheckedSql(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
