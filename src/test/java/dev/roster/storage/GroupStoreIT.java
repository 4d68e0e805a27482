package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.databases.TestDatabase;
import dev.roster.groups.control.GroupStore;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.users.control.UserStore;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Membership at size, against a real H2 without a container: a member added to or removed from a
 * group of 10,000 costs the same statements, and reads the same rows, as for a group of 10. The SQL
 * is counted with {@link SqlCounter}; nothing is timed.
 */
class GroupStoreIT {

  static final int LARGE = 10_000;
  static final int BATCH = 100;

  /** The index a plan reads: PostgreSQL's "Index Scan using X", "Bitmap Index Scan on X"; H2's. */
  static final Pattern INDEX_IN_PLAN =
      Pattern.compile("(?:INDEX SCAN USING|INDEX SCAN ON|/\\* PUBLIC\\.) ?(\\w+)");

  static EntityManagerFactory factory;
  static final String TENANT = "size-" + UUID.randomUUID();
  static final List<String> users = new ArrayList<>();
  static String large;
  static String small;

  @BeforeAll
  static void fixture() {
    factory =
        JpaDatabase.open(
            "groupstoreit",
            Map.of(
                "eclipselink.session-event-listener", SqlCounter.class.getName(),
                "eclipselink.jdbc.batch-writing", "JDBC",
                "eclipselink.jdbc.batch-writing.size", "500"));
    for (int from = 0; from < LARGE + 20; from += 1000) {
      int start = from;
      users.addAll(
          inUsers(
              store -> {
                List<String> ids = new ArrayList<>();
                for (int i = start; i < Math.min(start + 1000, LARGE + 20); i++) {
                  // with a work email each, so that the value table holds what a directory
                  // does and PostgreSQL's plans for it are those of a real one
                  ids.add(
                      store
                          .create(
                              json(
                                  "{\"userName\":\"user%d\",\"emails\":[{\"value\":\"user%d@example.com\",\"type\":\"work\"}]}"
                                      .formatted(i, i)))
                          .scimId());
                }
                return ids;
              }));
    }
    large = in(store -> store.create(json("{\"displayName\":\"Large\"}")).scimId());
    small = in(store -> store.create(json("{\"displayName\":\"Small\"}")).scimId());
    for (int from = 0; from < LARGE; from += BATCH) {
      String body = addMembers(users.subList(from, from + BATCH));
      in(store -> store.patch(large, json(body), null));
    }
    in(store -> store.patch(small, json(addMembers(users.subList(LARGE, LARGE + 10))), null));
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  /**
   * Deleting a user, and replacing many of its values, finds its value rows by the user: through an
   * index, not by reading every user's values (PostgreSQL had none until V13).
   */
  @Test
  void aUsersValueRowsAreFoundThroughAnIndexWhenItGoes() {
    String id =
        inUsers(
            store ->
                store
                    .create(
                        json(
                            """
                            {"userName":"leaver","title":"Engineer","name":{"givenName":"Lee"},
                             "emails":[{"value":"leaver@example.com","type":"work"}],
                             "phoneNumbers":[{"value":"+1 425 555 0100","type":"work"}]}
                            """))
                    .scimId());
    SqlCounter.start();
    inUsers(
        store -> {
          store.delete(id, null);
          return null;
        });
    List<SqlCounter.Statement> deletes =
        SqlCounter.stop().stream()
            .filter(
                s -> s.sql().toUpperCase(Locale.ROOT).startsWith("DELETE FROM SCIM_USER_VALUES"))
            .toList();
    assertEquals(1, deletes.size(), deletes::toString);
    String plan = transaction(deletes.get(0)::plan).toUpperCase(Locale.ROOT);
    // an index that starts with USER_ID: the primary key since V14/V15, or on H2 the foreign
    // key's (with sequential scans discouraged, PostgreSQL would walk any index it has)
    Matcher index = INDEX_IN_PLAN.matcher(plan);
    assertTrue(index.find(), plan);
    // PostgreSQL also reads an index whose second column is USER_ID, from end to end: the index
    // must start with it
    assertEquals("USER_ID", transaction(em -> firstColumnOf(em, index.group(1))), plan);
    assertFalse(plan.contains("SEQ SCAN"), plan);
    assertFalse(plan.contains("TABLESCAN"), plan);
  }

  @Test
  void theGroupsHaveTheirMembers() {
    assertEquals(LARGE, memberCount(large));
    assertEquals(10, memberCount(small));
  }

  @Test
  void addingOrRemovingOneMemberCostsTheSameWhateverTheGroupsSize() {
    String newcomer = users.get(LARGE + 15);
    String add = addMembers(List.of(newcomer));
    String remove =
        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\""
            + newcomer
            + "\\\"]\"}]}";

    List<SqlCounter.Statement> addLarge = recorded(large, add);
    List<SqlCounter.Statement> addSmall = recorded(small, add);
    List<SqlCounter.Statement> removeLarge = recorded(large, remove);
    List<SqlCounter.Statement> removeSmall = recorded(small, remove);

    assertEquals(shapes(addSmall), shapes(addLarge), () -> "add:\n" + addLarge);
    assertEquals(shapes(removeSmall), shapes(removeLarge), () -> "remove:\n" + removeLarge);
    for (List<SqlCounter.Statement> work : List.of(addLarge, removeLarge)) {
      int rowsRead =
          work.stream().filter(SqlCounter.Statement::isSelect).mapToInt(s -> s.rows()).sum();
      assertTrue(rowsRead <= 3, () -> "rows read: " + rowsRead + "\n" + work);
      assertTrue(work.size() <= 8, () -> "statements: " + work.size() + "\n" + work);
    }
    assertEquals(LARGE, memberCount(large));
  }

  @Test
  void addingAMemberTwiceOrRemovingANonMemberChangesNothing() {
    long version = in(store -> store.find(large).version());
    String member = users.get(0);
    in(store -> store.patch(large, json(addMembers(List.of(member))), null));
    in(
        store ->
            store.patch(
                large,
                json(
                    "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members\","
                        + "\"value\":[{\"value\":\""
                        + users.get(LARGE + 19)
                        + "\"}]}]}"),
                null));
    assertEquals(version, (long) in(store -> store.find(large).version()));
    assertEquals(LARGE, memberCount(large));
  }

  @Test
  void whichGroupsIsThisUserInIsOneIndexedQuery() {
    String member = users.get(LARGE + 3);
    SqlCounter.start();
    Set<String> names =
        in(
            store ->
                store
                    .search(
                        ListQuery.of(
                            ResourceType.GROUP,
                            200,
                            "members.value eq \"" + member + "\"",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null),
                        null)
                    .groups()
                    .stream()
                    .map(StoredGroup::displayName)
                    .collect(Collectors.toSet()));
    List<SqlCounter.Statement> work = SqlCounter.stop();
    assertEquals(Set.of("Small"), names);
    assertEquals(1, work.size(), work::toString);
  }

  /**
   * The reads that walk a long list come out of an index in order. H2 does that only when the ORDER
   * BY starts with the index's columns; otherwise it sorts every row after the page's start before
   * the LIMIT (2 s a page in a tenant of 1,000,000 users). Checked on the SQL EclipseLink really
   * sends: a batch of a group's members, and pages of users and groups by offset and by anchor, and
   * on the SQL of the users' pages read without JPA.
   */
  @Test
  void walksReadTheirIndexInOrder() {
    long largeRow = in(store -> store.find(large).id());
    PageAnchors anchors = new PageAnchors();
    SqlCounter.start();
    transaction(em -> new Memberships(em).page(largeRow, 0, 100));
    inUsers(store -> store.search(page(ResourceType.USER, 1, 100), anchors)); // by offset
    inUsers(store -> store.search(page(ResourceType.USER, 101, 100), anchors)); // by anchor
    in(store -> store.search(page(ResourceType.GROUP, 1, 1), anchors));
    in(store -> store.search(page(ResourceType.GROUP, 2, 1), anchors));
    inUsers(store -> store.search(page(ResourceType.USER, 201, 100), null)); // no anchors
    List<SqlCounter.Statement> pages =
        SqlCounter.stop().stream()
            .filter(SqlCounter.Statement::isSelect)
            .filter(s -> s.sql().contains("ORDER BY"))
            .toList();
    assertEquals(6, pages.size(), pages::toString);
    long userRow =
        inUsers(store -> store.search(page(ResourceType.USER, 51, 1), null)).users().get(0).id();
    List<SqlCounter.Statement> jdbcPages = // Okta's import, read without JPA (JdbcUserLookups)
        List.of(
            new SqlCounter.Statement(
                JdbcUserLookups.PAGE_FROM_SQL, List.of(TENANT, userRow, 100), 0),
            new SqlCounter.Statement(JdbcUserLookups.PAGE_AT_SQL, List.of(TENANT, 100, 100), 0),
            new SqlCounter.Statement(JdbcUserLookups.HAS_GROUPS_SQL, List.of(TENANT), 0));
    analyzeOnPostgresql();
    transaction(
        em -> {
          for (SqlCounter.Statement page :
              Stream.concat(pages.stream(), jdbcPages.stream()).toList()) {
            String plan = page.plan(em);
            if (TestDatabase.isPostgresql()) {
              assertTrue(
                  plan.contains("Index Scan") || plan.contains("Index Only Scan"),
                  () -> page + "\n" + plan);
              assertFalse(plan.contains("Sort"), () -> page + "\n" + plan);
            } else {
              assertTrue(plan.contains("index sorted"), () -> page + "\n" + plan);
            }
          }
          return null;
        });
  }

  /**
   * ...and the lookups Entra ID and Okta send on every sync read their own index, not the one that
   * gives the default order (which H2 prefers when the ORDER BY matches it, scanning the tenant),
   * with their values as parameters.
   */
  @Test
  void lookupsReadTheIndexOfTheirFilter() {
    Map<String, String> indexes =
        Map.of(
            "userName eq \"user5\"", "SCIM_USERS_USER_NAME",
            // a prefix reads the same index, on PostgreSQL whatever the database's collation
            "userName sw \"user501\"", "SCIM_USERS_USER_NAME",
            "externalId eq \"e-5\"", "SCIM_USERS_EXTERNAL_ID",
            "emails[type eq \"work\"].value eq \"user5@example.com\"", "SCIM_USER_VALUES_LOOKUP",
            "displayName eq \"Large\"", "SCIM_GROUPS_DISPLAY_NAME",
            "externalId eq \"g-5\"", "SCIM_GROUPS_EXTERNAL_ID");
    analyzeOnPostgresql();
    for (Map.Entry<String, String> lookup : indexes.entrySet()) {
      boolean groups = lookup.getValue().startsWith("SCIM_GROUPS");
      ListQuery query =
          ListQuery.of(
              groups ? ResourceType.GROUP : ResourceType.USER,
              200,
              lookup.getKey(),
              null,
              null,
              null,
              null,
              null,
              null);
      SqlCounter.start();
      if (groups) {
        in(store -> store.search(query, null));
      } else {
        inUsers(store -> store.search(query, null));
      }
      SqlCounter.Statement select =
          SqlCounter.stop().stream()
              .filter(SqlCounter.Statement::isSelect)
              .findFirst()
              .orElseThrow();
      String plan = transaction(select::plan).toUpperCase(Locale.ROOT);
      assertTrue(plan.contains(lookup.getValue()), () -> lookup + "\n" + plan);
      if (!TestDatabase.isPostgresql()) { // PostgreSQL joins back by (tenant, id) through it
        assertTrue(!plan.contains("_TENANT_ORDER"), () -> lookup + "\n" + plan);
      }
      assertTrue(!plan.contains("SEQ SCAN"), () -> lookup + "\n" + plan);
      // bound, not inlined: the same SQL for every value, which the pool's statement cache keeps
      assertTrue(!select.parameters().isEmpty(), select::toString);
    }
  }

  /**
   * ...and so do the match queries read without JPA ({@link JdbcUserLookups}), and the query for
   * their users' groups.
   */
  @Test
  void jdbcLookupsReadTheIndexOfTheirFilter() {
    analyzeOnPostgresql();
    Map<SqlCounter.Statement, String> indexes =
        Map.of(
            new SqlCounter.Statement(
                JdbcUserLookups.usersSql("USER_NAME_KEY"), List.of(TENANT, "user5"), 0),
            "SCIM_USERS_USER_NAME",
            new SqlCounter.Statement(
                JdbcUserLookups.usersSql("EXTERNAL_ID"), List.of(TENANT, "e-5"), 0),
            "SCIM_USERS_EXTERNAL_ID",
            new SqlCounter.Statement(
                JdbcUserLookups.elementUsersSql(2),
                List.of(TENANT, TENANT, "emails.value", "user5@example.com", "emails.type", "work"),
                0),
            "SCIM_USER_VALUES_LOOKUP",
            new SqlCounter.Statement(JdbcUserLookups.parentsSql(1), List.of(users.get(5)), 0),
            "SCIM_MEMBERSHIPS_MEMBER");
    for (Map.Entry<SqlCounter.Statement, String> lookup : indexes.entrySet()) {
      String plan = transaction(lookup.getKey()::plan).toUpperCase(Locale.ROOT);
      assertTrue(plan.contains(lookup.getValue()), () -> lookup + "\n" + plan);
      if (!TestDatabase.isPostgresql()) {
        assertTrue(!plan.contains("_TENANT_ORDER"), () -> lookup + "\n" + plan);
      }
      assertTrue(!plan.contains("SEQ SCAN"), () -> lookup + "\n" + plan);
      assertTrue(!plan.contains("TABLESCAN"), () -> lookup + "\n" + plan);
      // an element's other sub-attributes by the primary key, not all of its user's values
      assertTrue(!plan.contains("FK_SCIM_USER_VALUES"), () -> lookup + "\n" + plan);
    }
  }

  /** PostgreSQL plans by its statistics, which autovacuum may not have gathered yet. */
  private static void analyzeOnPostgresql() {
    if (TestDatabase.isPostgresql()) {
      transaction(em -> em.createNativeQuery("ANALYZE").executeUpdate());
    }
  }

  private static ListQuery page(ResourceType type, int startIndex, int count) {
    return ListQuery.of(
        type,
        200,
        null,
        null,
        null,
        Integer.toString(startIndex),
        Integer.toString(count),
        null,
        null);
  }

  /**
   * The statements of one PATCH, without sequence calls: one in {@link
   * dev.roster.groups.entity.Membership#ALLOCATION} inserts numbers the next block.
   */
  private static List<SqlCounter.Statement> recorded(String group, String body) {
    SqlCounter.start();
    in(store -> store.patch(group, json(body), null));
    return SqlCounter.stop().stream().filter(s -> !s.sql().contains("_SEQ")).toList();
  }

  /** The statements without their parameters: what kind of work, not for which ids. */
  private static List<String> shapes(List<SqlCounter.Statement> statements) {
    return statements.stream().map(SqlCounter.Statement::sql).toList();
  }

  private static long memberCount(String group) {
    return in(
        store -> {
          long id = store.find(group).id();
          EntityManager em = factory.createEntityManager();
          try {
            return em.createQuery(
                    "SELECT COUNT(m) FROM Membership m WHERE m.groupId = ?1", Long.class)
                .setParameter(1, id)
                .getSingleResult();
          } finally {
            em.close();
          }
        });
  }

  private static String addMembers(List<String> ids) {
    JsonArrayBuilder members = Json.createArrayBuilder();
    ids.forEach(id -> members.add(Json.createObjectBuilder().add("value", id)));
    return Json.createObjectBuilder()
        .add(
            "Operations",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("op", "Add")
                        .add("path", "members")
                        .add("value", members)))
        .build()
        .toString();
  }

  static <T> T in(Function<GroupStore, T> work) {
    return transaction(em -> work.apply(new GroupStore(em, TENANT)));
  }

  static <T> T inUsers(Function<UserStore, T> work) {
    return transaction(em -> work.apply(new UserStore(em, TENANT)));
  }

  /** The name of an index's first column, in capitals, from the database's catalog. */
  private static String firstColumnOf(EntityManager em, String index) {
    String sql =
        TestDatabase.isPostgresql()
            ? "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                + " WHERE c.relname = lower(?1)"
            : "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                + " WHERE INDEX_NAME = ?1 AND ORDINAL_POSITION = 1";
    return String.valueOf(em.createNativeQuery(sql).setParameter(1, index).getSingleResult())
        .toUpperCase(Locale.ROOT);
  }

  private static <T> T transaction(Function<EntityManager, T> work) {
    return JpaTransactions.in(factory, work);
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
