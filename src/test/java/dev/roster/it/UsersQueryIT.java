package dev.roster.it;

import static dev.roster.it.Concurrently.inParallel;
import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimFixtures.fullUser;
import static dev.roster.it.ScimFixtures.minimalUser;
import static dev.roster.it.ScimFixtures.prefix;
import static dev.roster.it.ScimJson.ENTERPRISE;
import static dev.roster.it.ScimJson.LIST_RESPONSE;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.ids;
import static dev.roster.it.ScimJson.patchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lists of {@code /Users}: the filter grammar (RFC 7644 §3.4.2), sorting, paging, {@code .search}
 * and attribute selection, and the refusal of filters and paging parameters that are not valid.
 *
 * <p>Fixtures are RFC 7643 §8's bjensen and two colleagues, with a prefix per test so that tests
 * share the server but not their users.
 */
class UsersQueryIT extends BlackBox {

  /** Three users whose userNames start with {@code prefix}, and their ids by short name. */
  record Colleagues(String prefix, Map<String, String> ids) {

    String id(String name) {
      return ids.get(name);
    }

    /** Scopes a filter to these three users. */
    String scoped(String filter) {
      return "userName sw \"" + prefix + "\" and (" + filter + ")";
    }
  }

  /**
   * bjensen (RFC 7643 §8.2, with enterprise attributes), jsmith (inactive, work email at
   * example.org, no title) and mpepper (home email at example.com, title Manager), in that order.
   */
  private Colleagues colleagues() {
    String p = prefix("u");
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put(
        "bjensen",
        fixtures.createUser(
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "userName": "%1$sbjensen",
              "externalId": "%1$s-701984",
              "name": {
                "formatted": "Ms. Barbara J Jensen, III",
                "familyName": "Jensen",
                "givenName": "Barbara"
              },
              "displayName": "Babs Jensen",
              "nickName": "Babs",
              "title": "Tour Guide",
              "userType": "Employee",
              "active": true,
              "emails": [
                {"value": "%1$s.bjensen@example.com", "type": "work", "primary": true},
                {"value": "%1$s.babs@jensen.org", "type": "home"}
              ],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "701984",
                "department": "Tour Operations"
              }
            }
            """
                .formatted(p)));
    ids.put(
        "jsmith",
        fixtures.createUser(
            """
            {
              "userName": "%1$sjsmith",
              "name": {"familyName": "Smith", "givenName": "John"},
              "displayName": "John Smith",
              "userType": "Contractor",
              "active": false,
              "emails": [{"value": "%1$s.jsmith@example.org", "type": "work", "primary": true}]
            }
            """
                .formatted(p)));
    ids.put(
        "mpepper",
        fixtures.createUser(
            """
            {
              "userName": "%1$smpepper",
              "name": {"familyName": "Pepper", "givenName": "Mary"},
              "displayName": "Mary Pepper",
              "title": "Manager",
              "active": true,
              "emails": [{"value": "%1$s.mpepper@example.com", "type": "home"}]
            }
            """
                .formatted(p)));
    return new Colleagues(p, ids);
  }

  // .search

  @Test
  void searchRequestAnswersLikeTheEquivalentGet() {
    Colleagues c = colleagues();
    String filter = "userName sw \"" + c.prefix() + "\"";

    JsonObject get =
        fixtures.list(
            ACME_TOKEN,
            "/Users?filter="
                + encoded(filter)
                + "&sortBy=userName&sortOrder=descending&attributes=userName,emails"
                + "&startIndex=2&count=2");
    JsonObject search =
        search(
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
              "filter": "userName sw \\"%s\\"",
              "sortBy": "userName",
              "sortOrder": "descending",
              "attributes": ["userName", "emails"],
              "startIndex": 2,
              "count": 2
            }
            """
                .formatted(c.prefix()));

    assertEquals(get, search);
    assertEquals(3, search.getInt("totalResults"));
    assertEquals(2, search.getInt("itemsPerPage"));
    assertEquals(List.of(c.id("jsmith"), c.id("bjensen")), ids(search));

    JsonObject excludedGet =
        fixtures.list(
            ACME_TOKEN,
            "/Users?filter=" + encoded(filter) + "&excludedAttributes=emails,name.givenName");
    JsonObject excludedSearch =
        search(
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
              "filter": "userName sw \\"%s\\"",
              "excludedAttributes": ["emails", "name.givenName"]
            }
            """
                .formatted(c.prefix()));
    assertEquals(excludedGet, excludedSearch);
    assertEquals(3, excludedSearch.getInt("totalResults"));
  }

  // Sorting and paging

  @Test
  void sortsByUserNameWithoutRegardToCaseBothWaysAndPages() {
    String p = prefix("u");
    String zed = fixtures.createUser(minimalUser(p + "Zed"));
    String adam = fixtures.createUser(minimalUser(p + "adam"));
    String mike = fixtures.createUser(minimalUser(p + "Mike"));
    String scope = "/Users?filter=" + encoded("userName sw \"" + p + "\"");

    assertEquals(List.of(zed, adam, mike), ids(fixtures.list(ACME_TOKEN, scope)), "creation order");
    assertEquals(
        List.of(adam, mike, zed), ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=userName")));
    assertEquals(
        List.of(adam, mike, zed),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=userName&sortOrder=ascending")));
    assertEquals(
        List.of(zed, mike, adam),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=userName&sortOrder=descending")));
    JsonObject second = fixtures.list(ACME_TOKEN, scope + "&sortBy=userName&startIndex=2&count=1");
    assertEquals(List.of(mike), ids(second));
    assertEquals(3, second.getInt("totalResults"));
    assertEquals(2, second.getInt("startIndex"));
    assertEquals(
        List.of(mike, adam),
        ids(
            fixtures.list(
                ACME_TOKEN, scope + "&sortBy=UserName&sortOrder=descending&startIndex=2&count=5")));
  }

  @Test
  void sortsByFamilyNameAndByCreationTime() throws Exception {
    String p = prefix("u");
    String cole = fixtures.createUser(userWithFamilyName(p + "1", "Cole"));
    String abbott = fixtures.createUser(userWithFamilyName(p + "2", "abbott"));
    String baker = fixtures.createUser(userWithFamilyName(p + "3", "Baker"));
    String scope = "/Users?filter=" + encoded("userName sw \"" + p + "\"");

    assertEquals(
        List.of(abbott, baker, cole),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=name.familyName")));
    assertEquals(
        List.of(cole, baker, abbott),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=name.familyName&sortOrder=descending")));
    assertEquals(
        List.of(baker, cole),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=name.familyName&startIndex=2&count=2")));
    assertEquals(
        List.of(cole, abbott, baker),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=meta.created")));
    assertEquals(
        List.of(baker, abbott, cole),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=meta.created&sortOrder=descending")));
  }

  @Test
  void countZeroAnswersOnlyTheTotal() {
    Colleagues c = colleagues();

    JsonObject list =
        fixtures.list(
            ACME_TOKEN, "/Users?count=0&filter=" + encoded("userName sw \"" + c.prefix() + "\""));

    assertEquals(3, list.getInt("totalResults"));
    assertEquals(0, list.getInt("itemsPerPage"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, list.getJsonArray("Resources"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "1"})
  void treatsStartIndexBelowOneAsOne(String startIndex) {
    Colleagues c = colleagues();

    JsonObject list =
        fixtures.list(
            ACME_TOKEN,
            "/Users?startIndex="
                + startIndex
                + "&count=2&filter="
                + encoded("userName sw \"" + c.prefix() + "\""));

    assertEquals(1, list.getInt("startIndex"));
    assertEquals(List.of(c.id("bjensen"), c.id("jsmith")), ids(list));
  }

  @Test
  void startIndexBeyondTheLastResultAnswersAnEmptyPage() {
    Colleagues c = colleagues();

    JsonObject list =
        fixtures.list(
            ACME_TOKEN,
            "/Users?startIndex=4&filter=" + encoded("userName sw \"" + c.prefix() + "\""));

    assertEquals(3, list.getInt("totalResults"));
    assertEquals(4, list.getInt("startIndex"));
    assertEquals(0, list.getInt("itemsPerPage"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, list.getJsonArray("Resources"));
  }

  @Test
  void pagesHoldAtMostTwoHundredUsersWithOrWithoutCount() throws Exception {
    String p = prefix("u");
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 205; i++) {
      String userName = p + String.format("%03d", i);
      creates.add(() -> scim.post("/Users", ACME_TOKEN, minimalUser(userName)));
    }
    for (ScimClient.Reply reply : inParallel(creates, 4)) {
      assertEquals(201, reply.status(), reply::toString);
    }
    String scope = "/Users?filter=" + encoded("userName sw \"" + p + "\"");

    for (String query : List.of(scope, scope + "&count=1000", scope + "&count=201")) {
      JsonObject list = fixtures.list(ACME_TOKEN, query);
      assertEquals(205, list.getInt("totalResults"), query);
      assertEquals(200, list.getInt("itemsPerPage"), query);
    }
    JsonObject rest = fixtures.list(ACME_TOKEN, scope + "&startIndex=201");
    assertEquals(5, rest.getInt("itemsPerPage"));
    assertEquals(205, rest.getInt("totalResults"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"count=abc", "startIndex=x", "count=1.5", "count=ten"})
  void refusesPagingParameterThatIsNotAnIntegerWith400InvalidValue(String parameter) {
    assertScimError(scim.get("/Users?" + parameter, ACME_TOKEN), 400, "invalidValue");
  }

  static Stream<Arguments> singularAttributes() {
    return Stream.of(
        Arguments.of("displayName"),
        Arguments.of("name.givenName"),
        Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName"),
        Arguments.of("userName"),
        Arguments.of("meta.created"),
        Arguments.of("meta.lastModified"),
        Arguments.of("id"));
  }

  @ParameterizedTest
  @MethodSource("singularAttributes")
  void sortsByAnySingularAttribute(String sortBy) {
    Colleagues c = colleagues();
    String scope = "/Users?filter=" + encoded("userName sw \"" + c.prefix() + "\"");

    List<String> ascending = ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=" + encoded(sortBy)));
    List<String> descending =
        ids(
            fixtures.list(
                ACME_TOKEN, scope + "&sortBy=" + encoded(sortBy) + "&sortOrder=descending"));

    assertEquals(3, ascending.size());
    List<String> reversed = new ArrayList<>(descending);
    Collections.reverse(reversed);
    assertEquals(ascending, reversed, sortBy);
    if (!sortBy.equals("id")) {
      assertEquals(List.of(c.id("bjensen"), c.id("jsmith"), c.id("mpepper")), ascending, sortBy);
    }
  }

  // attributes and excludedAttributes

  @Test
  void attributesReturnsOnlyTheNamedAttributesWithIdAndSchemas() {
    Colleagues c = colleagues();
    String bjensen = c.id("bjensen");

    JsonObject byId =
        fixtures.ok(scim.get("/Users/" + bjensen + "?attributes=userName,emails", ACME_TOKEN));
    JsonObject listed =
        fixtures
            .list(
                ACME_TOKEN,
                "/Users?attributes=userName,emails&filter="
                    + encoded("userName eq \"" + c.prefix() + "bjensen\""))
            .getJsonArray("Resources")
            .getJsonObject(0);

    for (JsonObject user : List.of(byId, listed)) {
      assertEquals(Set.of("schemas", "id", "userName", "emails"), user.keySet(), user::toString);
      assertEquals(bjensen, user.getString("id"));
      assertEquals(2, user.getJsonArray("emails").size());
    }
    JsonObject sub =
        fixtures.ok(scim.get("/Users/" + bjensen + "?attributes=name.familyName", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "name"), sub.keySet(), sub::toString);
    assertEquals(
        Json.createObjectBuilder().add("familyName", "Jensen").build(), sub.getJsonObject("name"));
  }

  @Test
  void excludedAttributesDropsAttributesAndSubAttributes() {
    Colleagues c = colleagues();

    JsonObject user =
        fixtures.ok(
            scim.get(
                "/Users/" + c.id("bjensen") + "?excludedAttributes=emails,name.givenName",
                ACME_TOKEN));

    assertFalse(user.containsKey("emails"), user::toString);
    assertFalse(user.getJsonObject("name").containsKey("givenName"), user::toString);
    assertEquals("Jensen", user.getJsonObject("name").getString("familyName"));
    assertEquals(c.prefix() + "bjensen", user.getString("userName"));
    assertEquals("Tour Guide", user.getString("title"));
    assertTrue(user.containsKey("meta"), user::toString);
    assertTrue(user.containsKey(ENTERPRISE), user::toString);

    JsonObject alwaysReturned =
        fixtures.ok(
            scim.get("/Users/" + c.id("bjensen") + "?excludedAttributes=id,schemas", ACME_TOKEN));
    assertEquals(c.id("bjensen"), alwaysReturned.getString("id"));
    assertTrue(alwaysReturned.containsKey("schemas"));
  }

  @Test
  void attributesTakesUrnQualifiedNames() {
    Colleagues c = colleagues();
    String bjensen = "/Users/" + c.id("bjensen");

    JsonObject department =
        fixtures.ok(scim.get(bjensen + "?attributes=" + ENTERPRISE + ":department", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", ENTERPRISE), department.keySet(), department::toString);
    assertEquals(
        Json.createObjectBuilder().add("department", "Tour Operations").build(),
        department.getJsonObject(ENTERPRISE));

    JsonObject qualifiedCore =
        fixtures.ok(
            scim.get(
                bjensen + "?attributes=urn:ietf:params:scim:schemas:core:2.0:User:userName",
                ACME_TOKEN));
    assertEquals(
        Set.of("schemas", "id", "userName"), qualifiedCore.keySet(), qualifiedCore::toString);

    JsonObject withoutEnterprise =
        fixtures.ok(scim.get(bjensen + "?excludedAttributes=" + ENTERPRISE, ACME_TOKEN));
    assertFalse(withoutEnterprise.containsKey(ENTERPRISE), withoutEnterprise::toString);
    assertEquals("Tour Guide", withoutEnterprise.getString("title"));
  }

  @Test
  void attributesWithValueFilterIsNotAnError() {
    Colleagues c = colleagues();

    ScimClient.Reply reply =
        scim.get(
            "/Users?attributes=emails%5Btype+eq+%22work%22%5D&filter="
                + encoded("userName eq \"" + c.prefix() + "bjensen\""),
            ACME_TOKEN);

    JsonObject user = fixtures.ok(reply).getJsonArray("Resources").getJsonObject(0);
    assertTrue(user.containsKey("emails"), user::toString);
    assertTrue(user.toString().contains(c.prefix() + ".bjensen@example.com"), user::toString);
  }

  @Test
  void createAndPatchAnswersHonourAttributes() {
    String userName = prefix("u") + "bjensen";
    ScimClient.Reply created =
        scim.post("/Users?attributes=userName", ACME_TOKEN, fullUser(userName));
    assertEquals(201, created.status(), created::toString);
    assertEquals(Set.of("schemas", "id", "userName"), created.json().keySet(), created::toString);
    String id = created.json().getString("id");

    ScimClient.Reply patched =
        scim.patch(
            "/Users/" + id + "?attributes=title",
            ACME_TOKEN,
            patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Manager\"}"));

    assertEquals(200, patched.status(), patched::toString);
    assertEquals(
        Json.createObjectBuilder()
            .add(
                "schemas",
                Json.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:User"))
            .add("id", id)
            .add("title", "Manager")
            .build(),
        patched.json());
    assertEquals("Babs Jensen", fixtures.readUser(id).getString("displayName"));
  }

  @Test
  void neverReturnsThePasswordEvenWhenAskedFor() {
    String userName = prefix("u") + "bjensen";
    String id =
        fixtures.createUser(
            """
            {"userName": "%s", "password": "t1meMa$heen"}
            """
                .formatted(userName));

    for (String query :
        List.of(
            "/Users/" + id,
            "/Users/" + id + "?attributes=password",
            "/Users/" + id + "?attributes=userName,password",
            "/Users?attributes=password&filter=" + encoded("userName eq \"" + userName + "\""))) {
      ScimClient.Reply reply = scim.get(query, ACME_TOKEN);
      assertEquals(200, reply.status(), reply::toString);
      assertFalse(reply.body().contains("password"), reply::toString);
      assertFalse(reply.body().contains("t1meMa$heen"), reply::toString);
    }
  }

  // Filters

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of("userName pr", List.of("bjensen", "jsmith", "mpepper")),
        Arguments.of("name.familyName co \"ens\"", List.of("bjensen")),
        Arguments.of("userName sw \"{p}b\"", List.of("bjensen")),
        Arguments.of("userName ew \"SMITH\"", List.of("jsmith")),
        Arguments.of("title pr", List.of("bjensen", "mpepper")),
        Arguments.of("not (title pr)", List.of("jsmith")),
        Arguments.of(
            "title eq \"Tour Guide\" or title eq \"Manager\"", List.of("bjensen", "mpepper")),
        Arguments.of("title gt \"N\"", List.of("bjensen")),
        Arguments.of("userName lt \"{p}k\"", List.of("bjensen", "jsmith")),
        Arguments.of("name.familyName ne \"Jensen\"", List.of("jsmith", "mpepper")),
        Arguments.of(
            "(name.givenName eq \"John\" or name.givenName eq \"Mary\") and active eq true",
            List.of("mpepper")),
        Arguments.of(
            "name.givenName eq \"John\" or name.givenName eq \"Mary\" and active eq true",
            List.of("jsmith", "mpepper")),
        Arguments.of("emails.value co \"@example.com\"", List.of("bjensen", "mpepper")),
        Arguments.of(
            "emails.type eq \"home\" and emails.value ew \"jensen.org\"", List.of("bjensen")),
        Arguments.of("emails[type eq \"work\"]", List.of("bjensen", "jsmith")),
        Arguments.of("emails[type eq \"work\" and value co \"@example.com\"]", List.of("bjensen")),
        Arguments.of(
            "emails[type eq \"work\"].value eq \"{p}.jsmith@example.org\"", List.of("jsmith")),
        Arguments.of("emails[not (type eq \"work\")]", List.of("bjensen", "mpepper")),
        Arguments.of("not (emails.type eq \"home\")", List.of("jsmith")),
        Arguments.of("active eq \"True\"", List.of("bjensen", "mpepper")),
        Arguments.of("active eq \"false\"", List.of("jsmith")),
        Arguments.of("active eq false", List.of("jsmith")),
        Arguments.of("userName eq {p}bjensen", List.of("bjensen")),
        Arguments.of("USERNAME EQ \"{P}BJENSEN\"", List.of("bjensen")),
        Arguments.of(
            "userName Eq \"{p}mpepper\" OR title EQ \"tour guide\"", List.of("bjensen", "mpepper")),
        Arguments.of("displayName eq \"babs jensen\"", List.of("bjensen")),
        Arguments.of("name.FamilyName eq \"pepper\"", List.of("mpepper")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq \"Smith\"",
            List.of("jsmith")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Tour Operations\"",
            List.of("bjensen")),
        Arguments.of("externalId eq \"{p}-701984\"", List.of("bjensen")),
        Arguments.of(
            "meta.created gt 2015-10-10T14:38:21.8617979-07:00",
            List.of("bjensen", "jsmith", "mpepper")),
        Arguments.of("meta.resourceType eq \"User\"", List.of("bjensen", "jsmith", "mpepper")));
  }

  @ParameterizedTest
  @MethodSource("filters")
  void filtersByTheFullGrammar(String filter, List<String> expected) {
    Colleagues c = colleagues();
    String concrete =
        filter.replace("{p}", c.prefix()).replace("{P}", c.prefix().toUpperCase(Locale.ROOT));

    JsonObject list = fixtures.list(ACME_TOKEN, "/Users?filter=" + encoded(c.scoped(concrete)));

    List<String> expectedIds = expected.stream().map(c::id).toList();
    assertEquals(expectedIds, ids(list), () -> concrete + " -> " + list);
    assertEquals(expected.size(), list.getInt("totalResults"));
  }

  @Test
  void filtersByLastModifiedInTime() throws Exception {
    String p = prefix("u");
    String first = fixtures.createUser(minimalUser(p + "first"));
    String firstModified = fixtures.readUser(first).getJsonObject("meta").getString("lastModified");
    String second = fixtures.createUser(minimalUser(p + "second"));
    String secondModified =
        fixtures.readUser(second).getJsonObject("meta").getString("lastModified");
    String scope = "userName sw \"" + p + "\" and ";

    assertEquals(
        List.of(second),
        ids(fixtures.usersWhere(scope + "meta.lastModified gt \"" + firstModified + "\"")));
    assertEquals(
        List.of(first, second),
        ids(fixtures.usersWhere(scope + "meta.lastModified ge \"" + firstModified + "\"")));
    assertEquals(
        List.of(first),
        ids(fixtures.usersWhere(scope + "meta.lastModified lt \"" + secondModified + "\"")));

    fixtures.patchUser(
        first, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Later\"}"));
    assertEquals(
        List.of(first),
        ids(fixtures.usersWhere(scope + "meta.lastModified gt \"" + secondModified + "\"")));
  }

  @Test
  void treatsLikeWildcardsInFilterValuesAsPlainCharacters() {
    String p = prefix("u");
    String underscore = fixtures.createUser(minimalUser(p + "a_b%c"));
    String plain = fixtures.createUser(minimalUser(p + "axbycc"));
    String scope = "userName sw \"" + p + "\" and ";

    assertEquals(List.of(underscore), ids(fixtures.usersWhere(scope + "userName co \"_\"")));
    assertEquals(List.of(underscore), ids(fixtures.usersWhere(scope + "userName co \"%\"")));
    assertEquals(List.of(underscore), ids(fixtures.usersWhere(scope + "userName ew \"%c\"")));
    assertEquals(List.of(underscore), ids(fixtures.usersWhere("userName sw \"" + p + "a_\"")));
    assertEquals(
        List.of(plain), ids(fixtures.usersWhere(scope + "userName eq \"" + p + "axbycc\"")));
  }

  @Test
  void decodesPlusAsSpaceInFilters() {
    Colleagues c = colleagues();

    JsonObject list =
        fixtures.list(ACME_TOKEN, "/Users?filter=userName+eq+%22" + c.prefix() + "jsmith%22");

    assertEquals(List.of(c.id("jsmith")), ids(list));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName eq",
        "userName xx \"bjensen\"",
        "(userName eq \"bjensen\"",
        "userName eq \"bjensen\" and",
        "userName eq \"bjensen",
        "emails[type eq \"work\"",
        "noSuchAttribute eq \"x\"",
        "name.noSuchPart eq \"x\"",
        "urn:ietf:params:scim:schemas:extension:nosuch:2.0:User:x eq \"1\"",
        "eq \"bjensen\""
      })
  void refusesFilterThatCannotBeParsedOrNamesNoAttributeWith400InvalidFilter(String filter) {
    assertScimError(scim.get("/Users?filter=" + encoded(filter), ACME_TOKEN), 400, "invalidFilter");
    assertScimError(
        scim.post(
            "/Users/.search",
            ACME_TOKEN,
            Json.createObjectBuilder()
                .add(
                    "schemas",
                    Json.createArrayBuilder()
                        .add("urn:ietf:params:scim:api:messages:2.0:SearchRequest"))
                .add("filter", filter)
                .build()
                .toString()),
        400,
        "invalidFilter");
  }

  // Helpers

  private static String userWithFamilyName(String userName, String familyName) {
    return """
        {"userName": "%s", "name": {"familyName": "%s", "givenName": "Pat"}}
        """
        .formatted(userName, familyName);
  }

  private JsonObject search(String body) {
    ScimClient.Reply reply = scim.post("/Users/.search", ACME_TOKEN, body);
    JsonObject list = fixtures.ok(reply);
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0));
    return list;
  }
}
