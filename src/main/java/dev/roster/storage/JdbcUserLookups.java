package dev.roster.storage;

import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.storage.Memberships.GroupRef;
import dev.roster.users.entity.StoredUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * The identity providers' hottest reads, with plain JDBC, outside JPA and outside a transaction:
 * their match queries ({@code userName eq "x"}, {@code externalId eq "x"}; Entra ID sends two
 * before every create and Okta one before every push; Entra's {@code emails[type eq "work"].value
 * eq "x"} when the work email is a matching attribute, and any other filter of equalities on one
 * element of a multi-valued attribute) and the pages of an import ({@code startIndex=1, 101, 201…}
 * without a filter, as Okta walks a directory).
 *
 * <p>Through JPA such a read was mostly EclipseLink's and the transaction's own work: preparing the
 * query again for its row limit, registering each user in a unit of work, flushing before the
 * groups query, enlisting the connection and committing (a profile of lookups: H2 did about a
 * quarter of it). Here it is one indexed query for the users and one for their groups, each on its
 * own autocommit statement, as any two statements of a READ COMMITTED transaction would see them; a
 * page that does not start at a known {@link PageAnchors anchor} counts the tenant's users with a
 * third, as the search does. A page of several users reads their groups only when the tenant has a
 * group, which one more indexed probe tells.
 *
 * <p>It answers only what it can answer exactly, and leaves everything else to {@link
 * ResourceRows#search} ({@link Optional#empty()}): another filter, a sort, a request for the total
 * alone, a match query's page after the first or with more matches than the page holds (the total
 * would need a count), and a match on a user imported from the product that still awaits its link,
 * since a lookup that finds one links it, which is a write.
 */
public final class JdbcUserLookups {

  /**
   * The users of the page, how many match in all, and, when asked for, the groups of each by SCIM
   * id.
   */
  public record Found(long total, List<StoredUser> users, Map<String, List<GroupRef>> groups) {}

  /** The key columns it reads by, as the users' table names them in JPQL and in SQL. */
  private static final Map<String, String> KEY_COLUMNS =
      Map.of("u.userNameKey", "USER_NAME_KEY", "u.externalId", "EXTERNAL_ID");

  private static final String USER_COLUMNS =
      "ID, SCIM_ID, TENANT_ID, USER_NAME_KEY, EXTERNAL_ID, DISPLAY_NAME_KEY, ACTIVE, CREATED,"
          + " LAST_MODIFIED, VERSION, DOCUMENT, PRODUCT_ACCOUNT_ID, LINKED_AT, HOLD";

  /** The same columns of the users' table as {@code u}. */
  private static final String U_COLUMNS = "u." + USER_COLUMNS.replace(", ", ", u.");

  private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

  private JdbcUserLookups() {}

  /**
   * The page of the tenant's users that the query asks for, or empty when this class does not
   * answer the query.
   *
   * @param tenantType the tenant's user type, which the filter resolves against
   * @param anchors where the pages of the tenant's unfiltered list start, shared with {@link
   *     ResourceRows#search}
   * @throws SQLException the database failed; the caller answers as for any database failure
   */
  public static Optional<Found> find(
      DataSource database,
      String tenantId,
      ResourceType tenantType,
      ListQuery query,
      PageAnchors anchors,
      boolean withGroups)
      throws SQLException {
    if (query.sortBy() != null || query.count() <= 0) {
      return Optional.empty();
    }
    try (Connection connection = ConnectionsInUse.borrow(database)) {
      Optional<ResourceRows.Page<StoredUser>> page =
          query.filter() == null
              ? Optional.of(page(connection, tenantId, query, anchors))
              : matches(connection, tenantId, tenantType, query);
      if (page.isEmpty()) {
        return Optional.empty();
      }
      List<StoredUser> users = page.get().rows();
      Map<String, List<GroupRef>> groups =
          withGroups && !users.isEmpty() && (users.size() == 1 || hasGroups(connection, tenantId))
              ? Memberships.groupsOf(
                  users.stream().map(StoredUser::scimId).toList(),
                  ids -> unchecked(() -> parents(connection, ids)))
              : Map.of();
      return Optional.of(new Found(page.get().total(), users, groups));
    } catch (UncheckedSql failure) {
      throw failure.getCause();
    }
  }

  private static Optional<ResourceRows.Page<StoredUser>> matches(
      Connection connection, String tenantId, ResourceType tenantType, ListQuery query)
      throws SQLException {
    if (query.offset() != 0) {
      return Optional.empty();
    }
    ResourceTable table = ResourceTable.USERS.withType(tenantType);
    Optional<FilterTranslation.KeyEquality> equality =
        FilterTranslation.keyEquality(table, query.filter());
    String column = equality.map(e -> KEY_COLUMNS.get(e.column().field())).orElse(null);
    String sql;
    List<Object> parameters = new ArrayList<>(List.of(tenantId));
    if (column != null) {
      sql = usersSql(column);
      parameters.add(equality.get().key());
    } else {
      Optional<FilterTranslation.ElementEquality> element =
          FilterTranslation.elementEquality(table, query.filter());
      if (element.isEmpty()) {
        return Optional.empty();
      }
      sql = elementUsersSql(element.get().keys().size());
      parameters.add(tenantId);
      for (FilterTranslation.PathKey key : element.get().keys()) {
        parameters.add(key.path());
        parameters.add(key.key());
      }
    }
    int limit = query.count() + 1;
    List<StoredUser> users = users(connection, sql, parameters, limit);
    if (users.size() > query.count()) {
      return Optional.empty();
    }
    users = distinct(users); // a user with two elements that match is read twice
    if (users.stream().anyMatch(StoredUser::awaitsLink)) {
      return Optional.empty();
    }
    return Optional.of(new ResourceRows.Page<>(users.size(), users));
  }

  /** A page of the tenant's unfiltered list, as {@link ResourceRows#search} reads it. */
  private static ResourceRows.Page<StoredUser> page(
      Connection connection, String tenantId, ListQuery query, PageAnchors anchors) {
    AnchoredPages.Rows<StoredUser> rows =
        new AnchoredPages.Rows<>() {
          @Override
          public List<StoredUser> from(long fromId, int count) {
            return unchecked(
                () -> users(connection, PAGE_FROM_SQL, List.of(tenantId, fromId, count), count));
          }

          @Override
          public List<StoredUser> at(int offset, int count) {
            return unchecked(
                () -> users(connection, PAGE_AT_SQL, List.of(tenantId, offset, count), count));
          }
        };
    return AnchoredPages.read(
        anchors,
        ResourceRows.anchorScope(ResourceTable.USERS, tenantId),
        query,
        rows,
        StoredUser::id,
        () -> unchecked(() -> count(connection, tenantId)));
  }

  /** The users a statement reads with these parameters, at most {@code limit} of them. */
  private static List<StoredUser> users(
      Connection connection, String sql, List<Object> parameters, int limit) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      statement.setMaxRows(limit);
      List<StoredUser> users = new ArrayList<>();
      Calendar utc = Calendar.getInstance(UTC);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Boolean active = rows.getBoolean(7);
          if (rows.wasNull()) {
            active = null;
          }
          users.add(
              StoredUser.read(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  active,
                  time(rows, 8, utc),
                  time(rows, 9, utc),
                  rows.getLong(10),
                  rows.getString(11),
                  rows.getString(12),
                  time(rows, 13, utc),
                  rows.getString(14)));
        }
      }
      return users;
    }
  }

  /**
   * A {@code TIMESTAMP} column as the {@link LocalDateTime} JPA wrote into it. Not {@code
   * getObject(column, LocalDateTime.class)}: the pool's wrapper calls that JDBC 4.1 method through
   * reflection, looking the method up on every call, which was a tenth of an Okta page's CPU. Read
   * in UTC, the time comes back as written whatever the JVM's zone (no daylight-saving gaps).
   */
  private static LocalDateTime time(ResultSet rows, int column, Calendar utc) throws SQLException {
    Timestamp time = rows.getTimestamp(column, utc);
    return time == null ? null : LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC);
  }

  /**
   * Whether the tenant has a group. Its users' groups are read by one index probe per user; a
   * tenant that provisions users only (many do) has none to find, and this is one probe for a page.
   */
  private static boolean hasGroups(Connection connection, String tenantId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(HAS_GROUPS_SQL)) {
      statement.setString(1, tenantId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static long count(Connection connection, String tenantId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(COUNT_SQL)) {
      statement.setString(1, tenantId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** What a function that cannot throw {@link SQLException} runs; {@link #find} unwraps it. */
  private static <T> T unchecked(SqlCall<T> call) {
    try {
      return call.run();
    } catch (SQLException e) {
      throw new UncheckedSql(e);
    }
  }

  private interface SqlCall<T> {
    T run() throws SQLException;
  }

  /** The groups each id is a direct member of, in the order of their names, as JPA reads them. */
  private static Map<String, List<GroupRef>> parents(Connection connection, Collection<String> ids)
      throws SQLException {
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

  /**
   * The users of a tenant ({@code ?}) with one element of an attribute whose sub-attributes have
   * keys: the tenant ({@code ?}) again, then a path and a key ({@code ?, ?}) for each of {@code
   * keys} sub-attributes, the first of which drives. The driving key's value rows are read through
   * the value index's lookup index, the others' on the same element by its primary key (user, path,
   * element), and each user by its own; {@code GroupStoreIT} checks the plan. A user appears once
   * for each of its elements that match.
   */
  static String elementUsersSql(int keys) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(U_COLUMNS)
            .append(" FROM SCIM_USER_VALUES d JOIN SCIM_USERS u ON u.ID = d.USER_ID")
            .append(
                " WHERE u.TENANT_ID = ? AND d.TENANT_ID = ? AND d.PATH = ? AND d.VALUE_KEY = ?");
    for (int k = 1; k < keys; k++) {
      String e = "e" + k;
      sql.append(" AND EXISTS (SELECT ")
          .append(e)
          .append(".ELEMENT FROM SCIM_USER_VALUES ")
          .append(e)
          .append(" WHERE ")
          .append(e)
          .append(".USER_ID = d.USER_ID AND ")
          .append(e)
          .append(".PATH = ? AND ")
          .append(e)
          .append(".ELEMENT = d.ELEMENT AND ")
          .append(e)
          .append(".VALUE_KEY = ?)");
    }
    return sql.append(" ORDER BY u.ID").toString();
  }

  /** The users in their order, each once: rows of one user are side by side. */
  private static List<StoredUser> distinct(List<StoredUser> users) {
    List<StoredUser> distinct = new ArrayList<>(users.size());
    for (StoredUser user : users) {
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).id().equals(user.id())) {
        distinct.add(user);
      }
    }
    return distinct;
  }

  /**
   * A page of a tenant's users ({@code ?}) from a row id on ({@code ?}), at most {@code ?}, in row
   * order: through the {@code (TENANT_ID, ID)} index, in its order ({@link
   * AnchoredPages#IN_ROW_ORDER}).
   */
  static final String PAGE_FROM_SQL =
      "SELECT "
          + USER_COLUMNS
          + " FROM SCIM_USERS WHERE TENANT_ID = ? AND ID >= ? ORDER BY TENANT_ID, ID"
          + " FETCH FIRST ? ROWS ONLY";

  /** A page of a tenant's users ({@code ?}) after skipping some ({@code ?}), at most {@code ?}. */
  static final String PAGE_AT_SQL =
      "SELECT "
          + USER_COLUMNS
          + " FROM SCIM_USERS WHERE TENANT_ID = ? ORDER BY TENANT_ID, ID"
          + " OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";

  /**
   * One of the tenant's groups ({@code ?}), if it has any: by the {@code (TENANT_ID, ID)} index.
   */
  static final String HAS_GROUPS_SQL =
      "SELECT ID FROM SCIM_GROUPS WHERE TENANT_ID = ? ORDER BY TENANT_ID, ID FETCH FIRST 1 ROWS ONLY";

  private static final String COUNT_SQL = "SELECT COUNT(*) FROM SCIM_USERS WHERE TENANT_ID = ?";

  /** The direct groups of {@code ids} members, by the members' index, as {@link Memberships}. */
  static String parentsSql(int ids) {
    return "SELECT m.MEMBER_ID, g.SCIM_ID, g.DISPLAY_NAME FROM SCIM_MEMBERSHIPS m, SCIM_GROUPS g"
        + " WHERE g.ID = m.GROUP_ID AND m.MEMBER_ID IN ("
        + String.join(", ", Collections.nCopies(ids, "?"))
        + ") ORDER BY g.DISPLAY_NAME_KEY, g.ID";
  }

  /**
   * A failure of a query, carried out of a function that {@link AnchoredPages} or {@link
   * Memberships} calls.
   */
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
