package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.groups.control.GroupStore;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.LongValues;
import dev.roster.scim.schema.ResourceType;
import dev.roster.users.control.UserPage;
import dev.roster.users.control.UserStore;
import dev.roster.users.entity.StoredUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter translation and the index against a real H2, without a container: each filter of the
 * table must find exactly the expected users of the tenant, through SQL.
 */
class UserStoreIT {

  static EntityManagerFactory factory;

  static DataSource database;

  /** For the match queries, which never read page anchors. */
  static final PageAnchors NO_ANCHORS = new PageAnchors();

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @BeforeAll
  static void fixture() {
    factory = JpaDatabase.open("userstoreit");
    database = JpaDatabase.dataSource("userstoreit");
    in(
        "acme",
        store -> {
          store.create(
              json(
                  """
          {"userName":"bjensen","externalId":"bjensen-ext","displayName":"Babs Jensen",
           "name":{"givenName":"Barbara","familyName":"Jensen"},"title":"Tour Guide",
           "active":true,"userType":"Employee",
           "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                     {"value":"babs@jensen.org","type":"home"}],
           "%s":{"employeeNumber":"701984","department":"Tour Operations",
                 "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}}}
          """
                      .formatted(ENTERPRISE)));
          store.create(
              json(
                  """
          {"userName":"JSmith","name":{"givenName":"John","familyName":"Smith"},
           "active":"False","userType":"Contractor",
           "emails":[{"value":"john@example.org","type":"work"},
                     {"value":"js@example.com","type":"other","primary":true}],
           "%s":{"department":"Sales"}}
          """
                      .formatted(ENTERPRISE)));
          store.create(
              json(
                  """
          {"userName":"omalley","displayName":"Ryan O'Malley","title":"Tour Guide",
           "name":{"givenName":"Ryan","familyName":"O'Malley"},"active":true,
           "addresses":[{"type":"work","locality":"Dublin","country":"IE"}]}
          """));
          return null;
        });
    in(
        "globex",
        store ->
            store.create(
                json(
                    """
        {"userName":"bjensen","title":"Tour Guide","active":true,
         "emails":[{"value":"bjensen@example.com","type":"work"}]}
        """)));
    groups();
  }

  /**
   * Groups in tenant acme for {@link #jdbcLookupsAnswerAsTheSearchDoesOrNotAtAll}: bjensen is a
   * direct member of two and an indirect member of a third.
   */
  static void groups() {
    String bjensen =
        in("acme", store -> store.search(query("userName eq \"bjensen\"", 1, 1), null))
            .users()
            .get(0)
            .scimId();
    JpaTransactions.in(
        factory,
        em -> {
          GroupStore groups = new GroupStore(em, "acme");
          String guides = groups.create(json(group("Tour Guides", bjensen))).scimId();
          groups.create(json(group("Staff", guides)));
          groups.create(json(group("Alpha", bjensen)));
          return null;
        });
  }

  static String group(String displayName, String member) {
    return "{\"displayName\":\"%s\",\"members\":[{\"value\":\"%s\"}]}"
        .formatted(displayName, member);
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  static <T> T in(String tenant, Function<UserStore, T> work) {
    return JpaTransactions.in(factory, em -> work.apply(new UserStore(em, tenant)));
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static Set<String> userNames(String filter) {
    return in(
        "acme",
        store ->
            store
                .search(
                    ListQuery.of(
                        ResourceType.USER, 200, filter, null, null, null, null, null, null),
                    null)
                .users()
                .stream()
                .map(StoredUser::userNameKey)
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of("userName eq \"BJENSEN\"", Set.of("bjensen")),
        Arguments.of("userName sw \"j\"", Set.of("jsmith")),
        Arguments.of("userName co \"ALL\"", Set.of("omalley")),
        Arguments.of("userName ew \"sen\"", Set.of("bjensen")),
        Arguments.of("userName gt \"c\"", Set.of("jsmith", "omalley")),
        Arguments.of("userName le \"jsmith\"", Set.of("bjensen", "jsmith")),
        Arguments.of("externalId eq \"bjensen-ext\"", Set.of("bjensen")),
        Arguments.of("externalId eq \"BJENSEN-EXT\"", Set.of()),
        Arguments.of("externalId pr", Set.of("bjensen")),
        Arguments.of("not (externalId pr)", Set.of("jsmith", "omalley")),
        Arguments.of("displayName eq \"babs jensen\"", Set.of("bjensen")),
        Arguments.of("displayName ne \"babs jensen\"", Set.of("jsmith", "omalley")),
        Arguments.of("active eq true", Set.of("bjensen", "omalley")),
        Arguments.of("active eq \"False\"", Set.of("jsmith")),
        Arguments.of("userName sw \"j\" and (active eq false)", Set.of("jsmith")),
        Arguments.of("title co \"guide\" and active eq true", Set.of("bjensen", "omalley")),
        Arguments.of("title eq \"tour guide\"", Set.of("bjensen", "omalley")),
        Arguments.of("title pr", Set.of("bjensen", "omalley")),
        Arguments.of("name.familyName co \"O'Malley\"", Set.of("omalley")),
        Arguments.of("name.FamilyName sw J", Set.of("bjensen")),
        Arguments.of("emails.value co \"example.com\"", Set.of("bjensen", "jsmith")),
        Arguments.of("emails co \"example.org\"", Set.of("jsmith")),
        Arguments.of("emails[type eq \"work\"].value eq \"john@example.org\"", Set.of("jsmith")),
        Arguments.of("emails[type eq \"work\"].value eq \"js@example.com\"", Set.of()),
        Arguments.of("emails[type eq \"work\" and value co \"@example.com\"]", Set.of("bjensen")),
        Arguments.of("emails[type eq \"home\" or type eq \"other\"]", Set.of("bjensen", "jsmith")),
        Arguments.of(
            "emails[primary eq \"True\" and value ew \".com\"]", Set.of("bjensen", "jsmith")),
        Arguments.of("emails[not (type eq \"work\")]", Set.of("bjensen", "jsmith")),
        // a condition on a second sub-attribute of the same element, with ne and pr
        Arguments.of(
            "emails[type eq \"work\" and value ne \"john@example.org\"]", Set.of("bjensen")),
        Arguments.of("emails[value eq \"js@example.com\" and type ne \"work\"]", Set.of("jsmith")),
        Arguments.of("emails[value eq \"john@example.org\" and type ne \"work\"]", Set.of()),
        Arguments.of("emails[type eq \"work\" and display pr]", Set.of()),
        Arguments.of("emails[type eq \"home\" and primary pr]", Set.of()),
        Arguments.of("emails[type eq \"other\" and primary pr]", Set.of("jsmith")),
        Arguments.of("emails pr", Set.of("bjensen", "jsmith")),
        Arguments.of("addresses[locality eq \"dublin\"]", Set.of("omalley")),
        // equalities on one element, as the JDBC lookups read them too
        Arguments.of("emails[value eq \"JS@example.com\"]", Set.of("jsmith")),
        Arguments.of("emails[type eq \"work\" and value eq \"js@example.com\"]", Set.of()),
        Arguments.of("emails[type eq \"other\" and value eq \"js@example.com\"]", Set.of("jsmith")),
        Arguments.of("emails[type eq \"work\" and type eq \"home\"]", Set.of()),
        Arguments.of("emails[type eq \"work\"]", Set.of("bjensen", "jsmith")),
        Arguments.of("addresses[locality eq \"dublin\" and type eq \"home\"]", Set.of()),
        Arguments.of("name[familyName eq \"jensen\"]", Set.of("bjensen")),
        Arguments.of(ENTERPRISE + ":department eq \"Sales\"", Set.of("jsmith")),
        Arguments.of(ENTERPRISE + ":manager.value pr", Set.of("bjensen")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"omalley\"",
            Set.of("omalley")),
        Arguments.of("department eq \"tour operations\"", Set.of("bjensen")),
        Arguments.of(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            Set.of("bjensen")),
        Arguments.of(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            Set.of("omalley")),
        Arguments.of(
            "title eq \"Tour Guide\" OR userName EQ \"jsmith\"",
            Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of(
            "meta.created gt \"2000-01-01T00:00:00Z\"", Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of("meta.lastModified lt \"2000-01-01T00:00:00Z\"", Set.of()),
        Arguments.of("meta.resourceType eq \"User\"", Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of("meta.resourceType eq \"user\"", Set.of()),
        Arguments.of("meta.resourceType ne \"Group\"", Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of("meta pr", Set.of("bjensen", "jsmith", "omalley")),
        // the same answers as on groups (GroupQueryIT): one rule for both, in FilterTranslation
        Arguments.of("meta.resourceType pr", Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of("meta.resourceType sw \"Us\"", Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of("meta.resourceType ne \"user\"", Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of("meta.location pr", Set.of("bjensen", "jsmith", "omalley")),
        Arguments.of("not (meta.version pr)", Set.of()),
        Arguments.of("userName eq \"100%_\"", Set.of()),
        Arguments.of("userName co \"_\"", Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void findsExactlyTheMatchingUsersOfTheTenant(String filter, Set<String> expected) {
    assertEquals(new TreeSet<>(expected), userNames(filter));
  }

  @ParameterizedTest
  @MethodSource("invalidFilters")
  void refusesFiltersItCannotAnswer(String filter) throws Exception {
    ScimException e = assertThrows(ScimException.class, () -> userNames(filter));
    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow());
    // and the JDBC lookups leave them to the search, which refuses them
    assertTrue(
        JdbcUserLookups.find(
                database, "acme", ResourceType.USER, query(filter, 1, 100), NO_ANCHORS, true)
            .isEmpty());
  }

  /**
   * The identity providers' match queries, read through JDBC without JPA ({@link JdbcUserLookups}),
   * find what the search finds: the same users in the same order, with the same document and
   * columns, and the same groups, direct and indirect. Every other filter is left to the search.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void jdbcLookupsAnswerAsTheSearchDoesOrNotAtAll(String filter, Set<String> expected)
      throws Exception {
    ListQuery query = query(filter, 1, 100);
    Optional<JdbcUserLookups.Found> found =
        JdbcUserLookups.find(database, "acme", ResourceType.USER, query, NO_ANCHORS, true);
    boolean matchQuery =
        filter.matches(
                "(urn:ietf:params:scim:schemas:core:2\\.0:User:)?(userName|externalId) eq .*")
            || filter.matches(
                "\\w+\\[\\w+ eq \"[^\"]*\"( and \\w+ eq \"[^\"]*\")*\\](\\.\\w+ eq \"[^\"]*\")?");
    assertEquals(matchQuery, found.isPresent(), filter);
    if (found.isEmpty()) {
      return;
    }
    List<StoredUser> searched = in("acme", store -> store.search(query, null)).users();
    List<StoredUser> read = found.get().users();
    assertEquals(columns(searched), columns(read));
    assertEquals(expected, read.stream().map(StoredUser::userNameKey).collect(Collectors.toSet()));
    List<String> ids = searched.stream().map(StoredUser::scimId).toList();
    assertEquals(
        JpaTransactions.in(factory, em -> new Memberships(em).groupsOf(ids)),
        ids.stream()
            .collect(
                Collectors.toMap(
                    id -> id, id -> found.get().groups().getOrDefault(id, List.of()))));
  }

  /**
   * A user with two elements that match is one user, as the search finds it; a page with room for
   * only one of its rows is left to the search, which knows it is one.
   */
  @Test
  void jdbcLookupsNameAUserWithTwoMatchingElementsOnce() throws Exception {
    in(
        "initech",
        store ->
            store.create(
                json(
                    """
        {"userName":"twice","emails":[{"value":"a@initech.com","type":"work"},
         {"value":"b@initech.com","type":"work"}]}
        """)));
    for (int count : List.of(1, 2, 100)) {
      ListQuery query = query("emails[type eq \"work\"]", 1, count);
      Optional<JdbcUserLookups.Found> found =
          JdbcUserLookups.find(database, "initech", ResourceType.USER, query, NO_ANCHORS, false);
      assertEquals(count > 1, found.isPresent(), "count " + count);
      if (found.isPresent()) {
        List<StoredUser> searched = in("initech", store -> store.search(query, null)).users();
        assertEquals(1, searched.size());
        assertEquals(columns(searched), columns(found.get().users()));
      }
    }
  }

  @Test
  void jdbcLookupsFindBjensensGroupsDirectAndIndirect() throws Exception {
    JdbcUserLookups.Found found =
        JdbcUserLookups.find(
                database,
                "acme",
                ResourceType.USER,
                query("userName eq \"BJensen\"", 1, 1),
                NO_ANCHORS,
                true)
            .orElseThrow();
    String id = found.users().get(0).scimId();
    assertEquals(
        List.of("Alpha direct", "Tour Guides direct", "Staff indirect"),
        found.groups().get(id).stream().map(g -> g.displayName() + " " + g.type()).toList());
    assertTrue(
        JdbcUserLookups.find(
                database,
                "acme",
                ResourceType.USER,
                query("userName eq \"BJensen\"", 1, 1),
                NO_ANCHORS,
                false)
            .orElseThrow()
            .groups()
            .isEmpty());
  }

  /**
   * A match query is answered by the search when the page would not hold every match, or starts
   * after the first, or asks only for the total: those need a count or an offset.
   */
  @Test
  void jdbcLookupsLeaveCountsAndLaterPagesToTheSearch() throws Exception {
    for (ListQuery query :
        List.of(
            query("userName eq \"bjensen\"", 2, 1),
            query("userName eq \"bjensen\"", 1, 0),
            ListQuery.of(
                ResourceType.USER,
                200,
                "userName eq \"bjensen\"",
                "userName",
                null,
                null,
                null,
                null,
                null))) {
      assertTrue(
          JdbcUserLookups.find(database, "acme", ResourceType.USER, query, NO_ANCHORS, true)
              .isEmpty());
    }
  }

  /**
   * The pages of an unfiltered list (Okta's import), read through JDBC, are the search's pages: the
   * same users in the same order, the same total and the same groups, whether a page starts at its
   * offset or at the anchor the page before it left, in both paths.
   */
  @Test
  void jdbcPagesAnswerAsTheSearchDoes() throws Exception {
    for (int count : List.of(1, 2, 100)) {
      PageAnchors searchAnchors = new PageAnchors();
      PageAnchors jdbcAnchors = new PageAnchors();
      for (int round = 0; round < 2; round++) { // by offset, then by anchor
        for (int startIndex = 1; startIndex <= 4; startIndex += count) {
          ListQuery query = query(null, startIndex, count);
          UserPage searched = in("acme", store -> store.search(query, searchAnchors));
          JdbcUserLookups.Found found =
              JdbcUserLookups.find(database, "acme", ResourceType.USER, query, jdbcAnchors, true)
                  .orElseThrow();
          String page = "count " + count + ", startIndex " + startIndex + ", round " + round;
          assertEquals(searched.totalResults(), found.total(), page);
          assertEquals(columns(searched.users()), columns(found.users()), page);
          List<String> ids = searched.users().stream().map(StoredUser::scimId).toList();
          assertEquals(
              JpaTransactions.in(factory, em -> new Memberships(em).groupsOf(ids)),
              ids.stream()
                  .collect(
                      Collectors.toMap(id -> id, id -> found.groups().getOrDefault(id, List.of()))),
              page);
        }
      }
      assertTrue(
          jdbcAnchors.find("users:acme", jdbcAnchors.generation("users:acme"), 0).isPresent(),
          "a page served through JDBC is anchored");
    }
    // the total alone is the search's
    assertTrue(
        JdbcUserLookups.find(
                database, "acme", ResourceType.USER, query(null, 1, 0), NO_ANCHORS, true)
            .isEmpty());
  }

  /**
   * A page of a tenant without groups skips the query for its users' groups; once the tenant has a
   * group, the page shows it.
   */
  @Test
  void jdbcPagesOfATenantWithoutGroupsShowGroupsOnceItHasOne() throws Exception {
    List<String> ids =
        in(
            "hooli",
            store ->
                List.of("gavin", "richard", "jared").stream()
                    .map(name -> store.create(json("{\"userName\":\"" + name + "\"}")).scimId())
                    .toList());
    ListQuery query = query(null, 1, 100);
    JdbcUserLookups.Found withoutGroups =
        JdbcUserLookups.find(database, "hooli", ResourceType.USER, query, NO_ANCHORS, true)
            .orElseThrow();
    assertEquals(
        columns(in("hooli", store -> store.search(query, null)).users()),
        columns(withoutGroups.users()));
    assertEquals(Map.of(), withoutGroups.groups());
    JpaTransactions.in(
        factory, em -> new GroupStore(em, "hooli").create(json(group("Hooli XYZ", ids.get(1)))));
    JdbcUserLookups.Found withGroups =
        JdbcUserLookups.find(database, "hooli", ResourceType.USER, query, NO_ANCHORS, true)
            .orElseThrow();
    assertEquals(
        List.of(List.of(), List.of("Hooli XYZ"), List.of()),
        ids.stream()
            .map(
                id ->
                    withGroups.groups().getOrDefault(id, List.of()).stream()
                        .map(Memberships.GroupRef::displayName)
                        .toList())
            .toList());
  }

  static List<List<Object>> columns(List<StoredUser> users) {
    return users.stream()
        .map(
            u ->
                Arrays.<Object>asList(
                    u.scimId(),
                    u.tenantId(),
                    u.userNameKey(),
                    u.externalId(),
                    u.created(),
                    u.lastModified(),
                    u.version(),
                    u.document(),
                    u.productAccountId(),
                    u.linkedAt(),
                    u.hold()))
        .toList();
  }

  static Stream<String> invalidFilters() {
    return Stream.of(
        "nickname2 eq \"x\"",
        "password eq \"x\"",
        "x509Certificates.value eq \"x\"",
        "active gt true",
        "name eq \"x\"",
        "emails[bogus eq \"x\"]",
        "meta.location eq \"x\"",
        "meta.version eq \"W/\\\"1\\\"\"",
        "meta[resourceType eq \"User\"]",
        "meta.created gt \"yesterday\"",
        "userName eq null");
  }

  @Test
  void sortsAndPagesInTheDatabase() {
    List<String> byFamilyNameDescending =
        in(
            "acme",
            store ->
                store
                    .search(
                        ListQuery.of(
                            ResourceType.USER,
                            200,
                            null,
                            "name.familyName",
                            "descending",
                            "1",
                            "2",
                            null,
                            null),
                        null)
                    .users()
                    .stream()
                    .map(StoredUser::userNameKey)
                    .toList());
    assertEquals(List.of("jsmith", "omalley"), byFamilyNameDescending);
    long total =
        in(
            "acme",
            store ->
                store
                    .search(
                        ListQuery.of(
                            ResourceType.USER, 200, null, "emails", null, "3", "2", null, null),
                        null)
                    .totalResults());
    assertEquals(3, total);
  }

  @Test
  void sortsMultiValuedAttributesByTheirPrimaryValue() {
    List<String> byEmail =
        in(
            "acme",
            store ->
                store
                    .search(
                        ListQuery.of(
                            ResourceType.USER,
                            200,
                            "emails pr",
                            "emails",
                            null,
                            null,
                            null,
                            null,
                            null),
                        null)
                    .users()
                    .stream()
                    .map(StoredUser::userNameKey)
                    .toList());
    // bjensen's primary is bjensen@example.com, jsmith's is js@example.com
    assertEquals(List.of("bjensen", "jsmith"), byEmail);
  }

  @Test
  void keepsTheIndexInStepWithPatches() {
    String id =
        in(
            "acme",
            store -> store.create(json("{\"userName\":\"patched\",\"title\":\"Old\"}")).scimId());
    in(
        "acme",
        store ->
            store.patch(
                id,
                json(
                    """
                    {"Operations":[{"op":"Replace","path":"title","value":"New"},
                      {"op":"Add","path":"emails[type eq \\"work\\"].value","value":"p@example.com"}]}
                    """),
                null));
    assertEquals(Set.of(), userNames("title eq \"Old\" and userName eq \"patched\""));
    assertEquals(Set.of("patched"), userNames("title eq \"new\" and userName eq \"patched\""));
    assertEquals(
        Set.of("patched"), userNames("emails[type eq \"work\"].value eq \"p@example.com\""));
    in(
        "acme",
        store -> {
          store.delete(id, null);
          return null;
        });
    assertEquals(Set.of(), userNames("emails[type eq \"work\"].value eq \"p@example.com\""));
  }

  /**
   * Values at both limits (2,048 characters, 2,400 bytes of UTF-8) fit and are found: 800 Chinese
   * characters in an order that does not compress (PostgreSQL's index entry), 117 emoji and 1,931
   * letters (the most UTF-16 units, which H2 counts, that the limits allow), and 800 U+0130 (2,400
   * bytes once lower-cased for the comparison key).
   */
  @Test
  void storesAndFindsTheLongestValuesOfAnyCharacters() {
    String ideographs = LongValues.ideographs(800);
    String widest = LongValues.widest();
    String dotted = "\u0130".repeat(800);
    in(
        "long-values",
        store ->
            store.create(
                Json.createObjectBuilder()
                    .add("userName", ideographs)
                    .add("externalId", widest)
                    .add("displayName", dotted)
                    .add("title", dotted)
                    .build()));
    List<String> found =
        in(
            "long-values",
            store ->
                store
                    .search(
                        query(
                            "userName eq \"" + ideographs + "\" and title eq \"" + dotted + "\"",
                            1,
                            200),
                        null)
                    .users()
                    .stream()
                    .map(StoredUser::externalId)
                    .toList());
    assertEquals(List.of(widest), found);
  }

  @Test
  void refusesASecondUserNameThatDiffersOnlyInCase() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () -> in("acme", store -> store.create(json("{\"userName\":\"BJensen\"}"))));
    assertEquals(ScimType.UNIQUENESS, e.scimType().orElseThrow());
  }

  /**
   * Okta walks a whole tenant with startIndex. Pages read from anchors are the pages OFFSET gives,
   * a delete starts a new generation so that the next walk still matches OFFSET, and a page really
   * starts at its anchor (the last check plants one).
   */
  @Test
  void walksThroughAnchorsWithTheSamePagesAsOffsets() {
    PageAnchors anchors = new PageAnchors();
    String scope = ResourceRows.anchorScope(ResourceTable.USERS, "walkers");
    in(
        "walkers",
        store -> {
          for (int i = 1; i <= 7; i++) {
            store.create(json("{\"userName\":\"walker-" + i + "\"}"));
          }
          return null;
        });
    List<List<String>> byOffset = walk(null, 3);
    assertEquals(
        List.of(
            List.of("walker-1", "walker-2", "walker-3"),
            List.of("walker-4", "walker-5", "walker-6"),
            List.of("walker-7")),
        byOffset);
    assertEquals(byOffset, walk(anchors, 3)); // remembers the anchors
    assertTrue(anchors.find(scope, anchors.generation(scope), 3).isPresent());
    assertEquals(byOffset, walk(anchors, 3)); // reads from them

    in(
        "walkers",
        store -> {
          store.delete(
              store.search(query("userName eq \"walker-2\"", 1, 1), null).users().get(0).scimId(),
              null);
          return null;
        });
    anchors.changed(scope); // what Users does once the delete has committed
    assertEquals(walk(null, 3), walk(anchors, 3));
    assertEquals(List.of("walker-5", "walker-6", "walker-7"), walk(anchors, 3).get(1));

    long sixth =
        in("walkers", store -> store.search(query("userName eq \"walker-6\"", 1, 1), null))
            .users()
            .get(0)
            .id();
    anchors.remember(scope, anchors.generation(scope), 3, 1, sixth, sixth, 6);
    UserPage planted = in("walkers", store -> store.search(query(null, 4, 3), anchors));
    assertEquals(6, planted.totalResults());
    assertEquals(
        List.of("walker-6", "walker-7"),
        planted.users().stream().map(StoredUser::userNameKey).toList());
  }

  /**
   * Every page of the tenant "walkers", through anchors when given; each page's totalResults must
   * be the number of users the walk finds.
   */
  static List<List<String>> walk(PageAnchors anchors, int count) {
    List<List<String>> pages = new java.util.ArrayList<>();
    Set<Long> totals = new TreeSet<>();
    for (int start = 1; ; start += count) {
      int startIndex = start;
      UserPage page = in("walkers", store -> store.search(query(null, startIndex, count), anchors));
      if (page.users().isEmpty()) {
        assertEquals(Set.of((long) pages.stream().mapToInt(List::size).sum()), totals);
        return pages;
      }
      totals.add(page.totalResults());
      pages.add(page.users().stream().map(StoredUser::userNameKey).toList());
    }
  }

  static ListQuery query(String filter, int startIndex, int count) {
    return ListQuery.of(
        ResourceType.USER,
        200,
        filter,
        null,
        null,
        Integer.toString(startIndex),
        Integer.toString(count),
        null,
        null);
  }
}
