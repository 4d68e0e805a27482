package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.roster.databases.JpaDatabase;
import dev.roster.databases.TestDatabase;
import dev.roster.groups.control.GroupStore;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.LongValues;
import dev.roster.scim.schema.ResourceType;
import dev.roster.users.control.UserStore;
import dev.roster.users.entity.StoredUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The group filter translation and the users' {@code groups} filters against a real H2, without a
 * container: each filter must find exactly the expected groups (or users) of the tenant, through
 * SQL. Ids in filters are written {@code {alice}}, {@code {sales}} and replaced by the real ones.
 * The query plans of the requests Entra ID and Okta send on every sync are checked to use their
 * indexes.
 */
class GroupQueryIT {

  static EntityManagerFactory factory;
  static final Map<String, String> ids = new HashMap<>();

  @BeforeAll
  static void fixture() {
    factory = JpaDatabase.open("groupqueryit");
    for (String name : List.of("alice", "bob", "carol")) {
      ids.put(name, createUser("gq-acme", "{\"userName\":\"gq-" + name + "\"}"));
    }
    ids.put("dave", createUser("gq-globex", "{\"userName\":\"gq-dave\"}"));
    ids.put(
        "sales",
        createGroup(
            "gq-acme",
            """
            {"displayName":"Sales","externalId":"S-1","members":[
              {"value":"%s","display":"Alice A."},{"value":"%s"}]}"""
                .formatted(ids.get("alice"), ids.get("bob"))));
    ids.put(
        "emea",
        createGroup(
            "gq-acme",
            """
            {"displayName":"Sales EMEA","members":[
              {"value":"%s","display":"Sales"},{"value":"%s"}]}"""
                .formatted(ids.get("sales"), ids.get("carol"))));
    ids.put("empty", createGroup("gq-acme", "{\"displayName\":\"Empty\"}"));
    ids.put(
        "globex",
        createGroup(
            "gq-globex",
            "{\"displayName\":\"Sales\",\"members\":[{\"value\":\"%s\"}]}"
                .formatted(ids.get("dave"))));
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  static Stream<Arguments> groupFilters() {
    return Stream.of(
        Arguments.of("displayName eq \"SALES\"", Set.of("Sales")),
        Arguments.of("displayName sw \"sales\"", Set.of("Sales", "Sales EMEA")),
        Arguments.of("displayName co \"EM\"", Set.of("Sales EMEA", "Empty")),
        Arguments.of("displayName ne \"sales\"", Set.of("Sales EMEA", "Empty")),
        Arguments.of("externalId eq \"S-1\"", Set.of("Sales")),
        Arguments.of("externalId eq \"s-1\"", Set.of()),
        Arguments.of("not (externalId pr)", Set.of("Sales EMEA", "Empty")),
        Arguments.of("id eq \"{emea}\"", Set.of("Sales EMEA")),
        Arguments.of("members.value eq \"{alice}\"", Set.of("Sales")),
        Arguments.of("members eq \"{carol}\"", Set.of("Sales EMEA")),
        Arguments.of("members.value eq \"{sales}\"", Set.of("Sales EMEA")),
        Arguments.of("members.value eq \"{dave}\"", Set.of()),
        Arguments.of("members.value ne \"{alice}\"", Set.of("Sales EMEA", "Empty")),
        Arguments.of("members.display eq \"alice a.\"", Set.of("Sales")),
        Arguments.of("members.display co \"sal\"", Set.of("Sales EMEA")),
        Arguments.of("members.type eq \"Group\"", Set.of("Sales EMEA")),
        Arguments.of("members.type eq \"user\"", Set.of("Sales", "Sales EMEA")),
        Arguments.of("members[type eq \"User\" and value eq \"{bob}\"]", Set.of("Sales")),
        Arguments.of("members[type eq \"Group\" and value eq \"{bob}\"]", Set.of()),
        Arguments.of("members[not (type eq \"User\")]", Set.of("Sales EMEA")),
        Arguments.of("members[display pr]", Set.of("Sales", "Sales EMEA")),
        Arguments.of("members pr", Set.of("Sales", "Sales EMEA")),
        Arguments.of("not (members pr)", Set.of("Empty")),
        Arguments.of(
            "members.value eq \"{alice}\" or members.value eq \"{carol}\"",
            Set.of("Sales", "Sales EMEA")),
        Arguments.of(
            "displayName sw \"sales\" and not (members.type eq \"Group\")", Set.of("Sales")),
        Arguments.of(
            "meta.lastModified gt \"2000-01-01T00:00:00Z\"",
            Set.of("Sales", "Sales EMEA", "Empty")),
        Arguments.of("meta.created lt \"2000-01-01T00:00:00Z\"", Set.of()),
        Arguments.of("meta.resourceType eq \"Group\"", Set.of("Sales", "Sales EMEA", "Empty")),
        Arguments.of("meta.resourceType eq \"User\"", Set.of()),
        // resourceType is caseExact (RFC 7643 §7), as on users
        Arguments.of("meta.resourceType eq \"group\"", Set.of()),
        Arguments.of("meta.resourceType sw \"Gr\"", Set.of("Sales", "Sales EMEA", "Empty")),
        Arguments.of("meta pr", Set.of("Sales", "Sales EMEA", "Empty")),
        // the same answers as on users (UserStoreIT): one rule for both, in FilterTranslation
        Arguments.of("meta.resourceType pr", Set.of("Sales", "Sales EMEA", "Empty")),
        Arguments.of("meta.resourceType ne \"group\"", Set.of("Sales", "Sales EMEA", "Empty")),
        Arguments.of("meta.version pr", Set.of("Sales", "Sales EMEA", "Empty")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq \"empty\"",
            Set.of("Empty")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groupFilters")
  void findsExactlyTheMatchingGroupsOfTheTenant(String filter, Set<String> expected) {
    assertEquals(new TreeSet<>(expected), groupNames(filter));
  }

  static Stream<String> invalidGroupFilters() {
    return Stream.of(
        "title eq \"x\"",
        "members.$ref eq \"x\"",
        "members.foo eq \"x\"",
        "members[foo eq \"x\"]",
        "displayName[value eq \"x\"]",
        "meta.location eq \"x\"",
        "meta.created co \"2020\"");
  }

  @ParameterizedTest
  @MethodSource("invalidGroupFilters")
  void refusesGroupFiltersItCannotAnswer(String filter) {
    ScimException e = assertThrows(ScimException.class, () -> groupNames(filter));
    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow(), e::detail);
  }

  static Stream<Arguments> userFilters() {
    return Stream.of(
        Arguments.of("groups.value eq \"{sales}\"", Set.of("gq-alice", "gq-bob")),
        Arguments.of("groups eq \"{emea}\"", Set.of("gq-carol")),
        Arguments.of("groups.display eq \"sales\"", Set.of("gq-alice", "gq-bob")),
        Arguments.of("groups[display sw \"sales\"]", Set.of("gq-alice", "gq-bob", "gq-carol")),
        Arguments.of("groups pr and userName sw \"gq-\"", Set.of("gq-alice", "gq-bob", "gq-carol")),
        Arguments.of(
            "not (groups.value eq \"{sales}\") and userName sw \"gq-\"", Set.of("gq-carol")),
        Arguments.of("groups.value eq \"{globex}\"", Set.of()));
  }

  /** Filters on a user's {@code groups} see its direct memberships. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("userFilters")
  void filtersUsersByTheirGroups(String filter, Set<String> expected) {
    Set<String> found =
        users(
            "gq-acme",
            store ->
                store.search(query(ResourceType.USER, resolve(filter)), null).users().stream()
                    .map(StoredUser::userNameKey)
                    .collect(Collectors.toCollection(TreeSet::new)));
    assertEquals(new TreeSet<>(expected), found);
  }

  /** Groups hold the longest values of any characters too (see UserStoreIT). */
  @Test
  void storesAndFindsTheLongestNamesOfAnyCharacters() {
    String emoji = LongValues.widest();
    String dotted = "\u0130".repeat(800);
    String member = createUser("gq-long", "{\"userName\":\"gq-long\"}");
    createGroup(
        "gq-long",
        Json.createObjectBuilder()
            .add("displayName", dotted)
            .add("externalId", emoji)
            .add(
                "members",
                Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("value", member).add("display", emoji)))
            .build()
            .toString());
    assertEquals(
        Set.of(dotted),
        groups(
            "gq-long",
            store ->
                store
                    .search(
                        query(
                            ResourceType.GROUP,
                            "displayName eq \""
                                + dotted
                                + "\" and members.display eq \""
                                + emoji
                                + "\""),
                        null)
                    .groups()
                    .stream()
                    .map(StoredGroup::displayName)
                    .collect(Collectors.toSet())));
  }

  @Test
  void usersSeeTheirGroupsDirectAndIndirect() {
    Map<String, List<Memberships.GroupRef>> groups =
        transaction(
            em ->
                new Memberships(em)
                    .groupsOf(List.of(ids.get("alice"), ids.get("carol"), ids.get("dave"))));
    assertEquals(
        List.of(
            new Memberships.GroupRef(ids.get("sales"), "Sales", "direct"),
            new Memberships.GroupRef(ids.get("emea"), "Sales EMEA", "indirect")),
        groups.get(ids.get("alice")));
    assertEquals(
        List.of(new Memberships.GroupRef(ids.get("emea"), "Sales EMEA", "direct")),
        groups.get(ids.get("carol")));
    assertEquals(
        List.of(new Memberships.GroupRef(ids.get("globex"), "Sales", "direct")),
        groups.get(ids.get("dave")));
  }

  /**
   * The statements of Entra's and Okta's group requests, as EclipseLink writes them, use indexes:
   * H2's plan names the index (a pattern: either of two good ones may win) and no table scan.
   */
  static Stream<Arguments> plans() {
    return Stream.of(
        Arguments.of(
            "a group by id, locked",
            "SELECT ID FROM SCIM_GROUPS WHERE ((SCIM_ID = 'x') AND (TENANT_ID = 't'))",
            "SCIM_GROUPS_SCIM_ID"),
        Arguments.of(
            "displayName eq",
            "SELECT ID FROM SCIM_GROUPS WHERE ((TENANT_ID = 't') AND (DISPLAY_NAME_KEY = 'x'))",
            "SCIM_GROUPS_DISPLAY_NAME"),
        Arguments.of(
            "externalId eq",
            "SELECT ID FROM SCIM_GROUPS WHERE ((TENANT_ID = 't') AND (EXTERNAL_ID = 'x'))",
            "SCIM_GROUPS_EXTERNAL_ID"),
        Arguments.of(
            "members.value eq: which groups is this user in",
            "SELECT ID FROM SCIM_GROUPS WHERE ((TENANT_ID = 't') AND ID IN"
                + " (SELECT GROUP_ID FROM SCIM_MEMBERSHIPS WHERE (MEMBER_ID = 'x')))",
            "SCIM_MEMBERSHIPS_MEMBER"),
        Arguments.of(
            "which of k ids are members already",
            "SELECT MEMBER_ID FROM SCIM_MEMBERSHIPS WHERE ((GROUP_ID = 1) AND (MEMBER_ID IN"
                + " ('a', 'b')))",
            "SCIM_MEMBERSHIPS_(GROUP_MEMBER|MEMBER)"),
        Arguments.of(
            "which of k ids are users of the tenant",
            "SELECT SCIM_ID FROM SCIM_USERS WHERE ((TENANT_ID = 't') AND (SCIM_ID IN ('a', 'b')))",
            "SCIM_USERS_SCIM_ID"),
        Arguments.of(
            "a batch of members, in order",
            "SELECT ID FROM SCIM_MEMBERSHIPS WHERE ((GROUP_ID = 1) AND (ID > 0)) ORDER BY GROUP_ID, ID"
                + " LIMIT 1000",
            "SCIM_MEMBERSHIPS_GROUP_ORDER"),
        Arguments.of(
            "a user's groups",
            "SELECT t0.MEMBER_ID FROM SCIM_MEMBERSHIPS t0, SCIM_GROUPS t1 WHERE"
                + " ((t1.ID = t0.GROUP_ID) AND (t0.MEMBER_ID IN ('a', 'b')))",
            "SCIM_MEMBERSHIPS_MEMBER"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void usesAnIndex(String name, String sql, String index) {
    assumeFalse(TestDatabase.isPostgresql(), "H2's plans; GroupStoreIT reads PostgreSQL's");
    String plan =
        transaction(em -> (String) em.createNativeQuery("EXPLAIN " + sql).getSingleResult());
    assertTrue(Pattern.compile(index).matcher(plan).find(), () -> plan);
    assertTrue(!plan.contains("tableScan"), () -> plan);
  }

  private static Set<String> groupNames(String filter) {
    return groups(
        "gq-acme",
        store ->
            store.search(query(ResourceType.GROUP, resolve(filter)), null).groups().stream()
                .map(StoredGroup::displayName)
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static String resolve(String filter) {
    String resolved = filter;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      resolved = resolved.replace("{" + id.getKey() + "}", id.getValue());
    }
    return resolved;
  }

  private static ListQuery query(ResourceType type, String filter) {
    return ListQuery.of(type, 200, filter, null, null, null, null, null, null);
  }

  static String createUser(String tenant, String body) {
    return users(tenant, store -> store.create(json(body)).scimId());
  }

  static String createGroup(String tenant, String body) {
    return groups(tenant, store -> store.create(json(body)).scimId());
  }

  static <T> T users(String tenant, Function<UserStore, T> work) {
    return transaction(em -> work.apply(new UserStore(em, tenant)));
  }

  static <T> T groups(String tenant, Function<GroupStore, T> work) {
    return transaction(em -> work.apply(new GroupStore(em, tenant)));
  }

  private static <T> T transaction(Function<EntityManager, T> work) {
    return JpaTransactions.in(factory, work);
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
