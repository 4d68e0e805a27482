package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /Users} beyond what Entra ID and Okta send: tenant isolation, concurrent writes, ETags,
 * {@code .search}, sorting, paging, attribute selection, the filter grammar (RFC 7644 §3.4.2), and
 * bad input, which must be refused with the RFC's error keyword and leave the user as it was.
 *
 * <p>Fixtures are RFC 7643 §8's bjensen and two colleagues, with a prefix per test so that tests
 * share the server but not their users.
 */
@ExtendWith(ArquillianExtension.class)
class UsersIT {

  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  ScimClient scim;

  @BeforeEach
  void connect() {
    scim = new ScimClient(server);
  }

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
    String p = prefix();
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put(
        "bjensen",
        create(
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
        create(
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
        create(
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

  // Tenant isolation

  @Test
  void otherTenantCannotReadReplacePatchOrDeleteAUser() {
    String userName = prefix() + "bjensen";
    String id = create(minimalUser(userName));
    JsonObject before = read(id);
    String path = "/Users/" + id;

    assertScimError(scim.get(path, GLOBEX_TOKEN), 404, null);
    assertScimError(
        scim.put(path, GLOBEX_TOKEN, "{\"userName\": \"" + userName + "\", \"title\": \"x\"}"),
        404,
        null);
    assertScimError(
        scim.patch(
            path,
            GLOBEX_TOKEN,
            patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"x\"}")),
        404,
        null);
    assertScimError(scim.delete(path, GLOBEX_TOKEN), 404, null);

    assertEquals(before, read(id));
  }

  @Test
  void otherTenantsListsFiltersAndSearchesShowNothingOfAUser() {
    String userName = prefix() + "bjensen";
    String externalId = UUID.randomUUID().toString();
    String id =
        create(
            """
            {"userName": "%s", "externalId": "%s"}
            """
                .formatted(userName, externalId));

    for (String filter :
        List.of(
            "userName eq \"" + userName + "\"",
            "externalId eq \"" + externalId + "\"",
            "id eq \"" + id + "\"",
            "userName pr")) {
      JsonObject list = list(GLOBEX_TOKEN, "/Users?filter=" + encoded(filter));
      assertFalse(list.toString().contains(id), filter);
      if (!filter.endsWith("pr")) {
        assertEquals(0, list.getInt("totalResults"), filter);
      }
    }
    ScimClient.Reply search =
        scim.post(
            "/Users/.search",
            GLOBEX_TOKEN,
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
             "filter": "userName eq \\"%s\\""}
            """
                .formatted(userName));
    assertEquals(200, search.status(), search::toString);
    assertEquals(0, search.json().getInt("totalResults"));
    for (String pageId : allIds(GLOBEX_TOKEN)) {
      assertNotEquals(id, pageId);
    }
    assertEquals(
        1,
        list(ACME_TOKEN, "/Users?filter=" + encoded("id eq \"" + id + "\""))
            .getInt("totalResults"));
  }

  @Test
  void eachTenantMayHaveAUserOfTheSameUserName() {
    String userName = prefix() + "bjensen";
    String acme = create(minimalUser(userName));

    ScimClient.Reply globex = scim.post("/Users", GLOBEX_TOKEN, minimalUser(userName));

    assertEquals(201, globex.status(), globex::toString);
    String globexId = globex.json().getString("id");
    assertNotEquals(acme, globexId);
    assertEquals(200, scim.get("/Users/" + globexId, GLOBEX_TOKEN).status());
    assertScimError(scim.get("/Users/" + globexId, ACME_TOKEN), 404, null);
    assertEquals(204, scim.delete("/Users/" + globexId, GLOBEX_TOKEN).status());
    assertEquals(200, scim.get("/Users/" + acme, ACME_TOKEN).status());
  }

  // Concurrent writes

  @Test
  void fiftySimultaneousCreatesOfOneUserNameGiveOneUserAndFortyNineConflicts() throws Exception {
    String userName = prefix() + "race";
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String variant = caseVariant(userName, i);
      creates.add(() -> scim.post("/Users", ACME_TOKEN, minimalUser(variant)));
    }

    List<ScimClient.Reply> replies = simultaneously(creates);

    List<ScimClient.Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
    assertEquals(1, created.size(), () -> "201s: " + created + "\nall: " + statuses(replies));
    for (ScimClient.Reply reply : replies) {
      if (reply.status() != 201) {
        assertScimError(reply, 409, "uniqueness");
      }
    }
    JsonObject found =
        list(ACME_TOKEN, "/Users?filter=" + encoded("userName eq \"" + userName + "\""));
    assertEquals(1, found.getInt("totalResults"));
    assertEquals(
        created.get(0).json().getString("id"),
        found.getJsonArray("Resources").getJsonObject(0).getString("id"));
  }

  @Test
  void simultaneousPatchesAddingDifferentEmailsAllSurvive() throws Exception {
    String id = create(minimalUser(prefix() + "bjensen"));
    List<Callable<ScimClient.Reply>> patches = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String email = "address" + i + "@example.com";
      patches.add(
          () ->
              scim.patch(
                  "/Users/" + id,
                  ACME_TOKEN,
                  patchOf(
                      """
                      {"op": "add", "path": "emails", "value": [{"value": "%s", "type": "other"}]}"""
                          .formatted(email))));
    }

    List<ScimClient.Reply> replies = simultaneously(patches);

    for (ScimClient.Reply reply : replies) {
      assertEquals(200, reply.status(), reply::toString);
    }
    Set<String> emails = new HashSet<>();
    read(id)
        .getJsonArray("emails")
        .getValuesAs(JsonObject.class)
        .forEach(e -> emails.add(e.getString("value")));
    for (int i = 0; i < 10; i++) {
      assertTrue(emails.contains("address" + i + "@example.com"), emails::toString);
    }
    assertEquals(10, emails.size(), emails::toString);
  }

  @Test
  void simultaneousRenamesToOneUserNameLetExactlyOneThrough() throws Exception {
    String p = prefix();
    String target = p + "taken";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(create(minimalUser(p + "user" + i)));
    }
    List<Callable<ScimClient.Reply>> renames = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String variant = caseVariant(target, i);
      renames.add(
          () ->
              scim.patch(
                  "/Users/" + id,
                  ACME_TOKEN,
                  patchOf(
                      "{\"op\": \"replace\", \"path\": \"userName\", \"value\": \""
                          + variant
                          + "\"}")));
    }

    List<ScimClient.Reply> replies = simultaneously(renames);

    assertEquals(
        1, replies.stream().filter(r -> r.status() == 200).count(), () -> statuses(replies));
    for (ScimClient.Reply reply : replies) {
      if (reply.status() != 200) {
        assertScimError(reply, 409, "uniqueness");
      }
    }
    assertEquals(1, filtered("userName eq \"" + target + "\"").getInt("totalResults"));
    assertEquals(10, filtered("userName sw \"" + p + "\"").getInt("totalResults"));
  }

  @Test
  void simultaneousCreatesOfDifferentUsersAllSucceed() throws Exception {
    String p = prefix();
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String userName = p + "user" + i;
      creates.add(() -> scim.post("/Users", ACME_TOKEN, fullUser(userName)));
    }

    List<ScimClient.Reply> replies = simultaneously(creates);

    for (ScimClient.Reply reply : replies) {
      assertEquals(201, reply.status(), reply::toString);
    }
    assertEquals(50, filtered("userName sw \"" + p + "\"").getInt("totalResults"));
    assertEquals(
        50,
        filtered("userName sw \"" + p + "\" and emails[type eq \"work\"]").getInt("totalResults"));
  }

  @Test
  void simultaneousDeleteAndPatchesOfOneUserEndInSuccessOrNotFound() throws Exception {
    String id = create(fullUser(prefix() + "bjensen"));
    List<Callable<ScimClient.Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String title = "Title " + i;
      calls.add(
          () ->
              scim.patch(
                  "/Users/" + id,
                  ACME_TOKEN,
                  patchOf(
                      "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"" + title + "\"}")));
    }
    calls.add(5, () -> scim.delete("/Users/" + id, ACME_TOKEN));

    List<ScimClient.Reply> replies = simultaneously(calls);

    for (ScimClient.Reply reply : replies) {
      if (reply.status() == 404) {
        assertScimError(reply, 404, null);
      } else {
        assertTrue(reply.status() == 200 || reply.status() == 204, reply::toString);
      }
    }
    assertScimError(scim.get("/Users/" + id, ACME_TOKEN), 404, null);
  }

  // ETags and versions

  @Test
  void everyRepresentationCarriesItsVersionAsWeakETag() {
    ScimClient.Reply created = scim.post("/Users", ACME_TOKEN, minimalUser(prefix() + "bjensen"));
    String id = created.json().getString("id");
    String etag = created.header("ETag").orElseThrow();

    assertTrue(etag.matches("W/\"[^\"]+\""), etag);
    assertEquals(etag, created.json().getJsonObject("meta").getString("version"));
    ScimClient.Reply read = scim.get("/Users/" + id, ACME_TOKEN);
    assertEquals(etag, read.header("ETag").orElse(null));
    assertEquals(etag, read.json().getJsonObject("meta").getString("version"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
  void refusesChangeWhoseIfMatchIsNotTheCurrentVersionWith412(String method) {
    String userName = prefix() + "bjensen";
    String id = create(minimalUser(userName));
    patchOk(id, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Tour Guide\"}"));
    JsonObject before = read(id);
    String stale = "W/\"" + UUID.randomUUID() + "\"";

    ScimClient.Reply reply = scim.send(change(method, id, userName).header("If-Match", stale));

    assertScimError(reply, 412, null);
    assertEquals(before, read(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
  void allowsChangeWhoseIfMatchIsTheCurrentVersionOrStar(String method) {
    String userName = prefix() + "bjensen";
    String current = create(minimalUser(userName));
    String version = read(current).getJsonObject("meta").getString("version");
    String starred = create(minimalUser(userName + "2"));

    ScimClient.Reply matching =
        scim.send(change(method, current, userName).header("If-Match", version));
    ScimClient.Reply star =
        scim.send(change(method, starred, userName + "2").header("If-Match", "*"));

    int expected = method.equals("DELETE") ? 204 : 200;
    assertEquals(expected, matching.status(), matching::toString);
    assertEquals(expected, star.status(), star::toString);
    if (method.equals("DELETE")) {
      assertScimError(scim.get("/Users/" + current, ACME_TOKEN), 404, null);
    } else {
      assertEquals("Changed", read(current).getString("title"));
      assertEquals("Changed", read(starred).getString("title"));
    }
  }

  @Test
  void answersIfNoneMatchOfTheCurrentVersionWith304() {
    String id = create(minimalUser(prefix() + "bjensen"));
    String version = read(id).getJsonObject("meta").getString("version");

    ScimClient.Reply unchanged =
        scim.send(scim.request("/Users/" + id, ACME_TOKEN).header("If-None-Match", version).GET());

    assertEquals(304, unchanged.status(), unchanged::toString);
    assertEquals(version, unchanged.header("ETag").orElse(null));
    assertEquals("", unchanged.body());
    ScimClient.Reply star =
        scim.send(scim.request("/Users/" + id, ACME_TOKEN).header("If-None-Match", "*").GET());
    assertEquals(304, star.status(), star::toString);

    patchOk(id, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Tour Guide\"}"));
    ScimClient.Reply changed =
        scim.send(scim.request("/Users/" + id, ACME_TOKEN).header("If-None-Match", version).GET());
    assertEquals(200, changed.status(), changed::toString);
    assertEquals("Tour Guide", changed.json().getString("title"));
  }

  @Test
  void versionChangesWithEveryChangeButNotWithAPatchThatChangesNothing() {
    String userName = prefix() + "bjensen";
    ScimClient.Reply created = scim.post("/Users", ACME_TOKEN, minimalUser(userName));
    String id = created.json().getString("id");
    Set<String> versions = new HashSet<>();
    versions.add(created.header("ETag").orElseThrow());

    ScimClient.Reply patched =
        patchReply(
            id, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Tour Guide\"}"));
    assertTrue(versions.add(patched.header("ETag").orElseThrow()), "PATCH changed the version");
    ScimClient.Reply replaced =
        scim.put(
            "/Users/" + id,
            ACME_TOKEN,
            "{\"userName\": \"" + userName + "\", \"title\": \"Manager\"}");
    assertEquals(200, replaced.status(), replaced::toString);
    assertTrue(versions.add(replaced.header("ETag").orElseThrow()), "PUT changed the version");
    assertEquals(
        replaced.header("ETag").get(), replaced.json().getJsonObject("meta").getString("version"));

    ScimClient.Reply same =
        patchReply(
            id, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Manager\"}"));
    assertEquals(replaced.header("ETag").get(), same.header("ETag").orElse(null));
    assertEquals(replaced.json(), same.json());
    assertEquals(replaced.json(), read(id));
  }

  // .search

  @Test
  void searchRequestAnswersLikeTheEquivalentGet() {
    Colleagues c = colleagues();
    String filter = "userName sw \"" + c.prefix() + "\"";

    JsonObject get =
        list(
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
        list(
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
    String p = prefix();
    String zed = create(minimalUser(p + "Zed"));
    String adam = create(minimalUser(p + "adam"));
    String mike = create(minimalUser(p + "Mike"));
    String scope = "/Users?filter=" + encoded("userName sw \"" + p + "\"");

    assertEquals(List.of(zed, adam, mike), ids(list(ACME_TOKEN, scope)), "creation order");
    assertEquals(List.of(adam, mike, zed), ids(list(ACME_TOKEN, scope + "&sortBy=userName")));
    assertEquals(
        List.of(adam, mike, zed),
        ids(list(ACME_TOKEN, scope + "&sortBy=userName&sortOrder=ascending")));
    assertEquals(
        List.of(zed, mike, adam),
        ids(list(ACME_TOKEN, scope + "&sortBy=userName&sortOrder=descending")));
    JsonObject second = list(ACME_TOKEN, scope + "&sortBy=userName&startIndex=2&count=1");
    assertEquals(List.of(mike), ids(second));
    assertEquals(3, second.getInt("totalResults"));
    assertEquals(2, second.getInt("startIndex"));
    assertEquals(
        List.of(mike, adam),
        ids(
            list(
                ACME_TOKEN, scope + "&sortBy=UserName&sortOrder=descending&startIndex=2&count=5")));
  }

  @Test
  void sortsByFamilyNameAndByCreationTime() throws Exception {
    String p = prefix();
    String cole = create(userWithFamilyName(p + "1", "Cole"));
    Thread.sleep(5);
    String abbott = create(userWithFamilyName(p + "2", "abbott"));
    Thread.sleep(5);
    String baker = create(userWithFamilyName(p + "3", "Baker"));
    String scope = "/Users?filter=" + encoded("userName sw \"" + p + "\"");

    assertEquals(
        List.of(abbott, baker, cole), ids(list(ACME_TOKEN, scope + "&sortBy=name.familyName")));
    assertEquals(
        List.of(cole, baker, abbott),
        ids(list(ACME_TOKEN, scope + "&sortBy=name.familyName&sortOrder=descending")));
    assertEquals(
        List.of(baker, cole),
        ids(list(ACME_TOKEN, scope + "&sortBy=name.familyName&startIndex=2&count=2")));
    assertEquals(
        List.of(cole, abbott, baker), ids(list(ACME_TOKEN, scope + "&sortBy=meta.created")));
    assertEquals(
        List.of(baker, abbott, cole),
        ids(list(ACME_TOKEN, scope + "&sortBy=meta.created&sortOrder=descending")));
  }

  @Test
  void countZeroAnswersOnlyTheTotal() {
    Colleagues c = colleagues();

    JsonObject list =
        list(ACME_TOKEN, "/Users?count=0&filter=" + encoded("userName sw \"" + c.prefix() + "\""));

    assertEquals(3, list.getInt("totalResults"));
    assertEquals(0, list.getInt("itemsPerPage"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, list.getJsonArray("Resources"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "1"})
  void treatsStartIndexBelowOneAsOne(String startIndex) {
    Colleagues c = colleagues();

    JsonObject list =
        list(
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
        list(
            ACME_TOKEN,
            "/Users?startIndex=4&filter=" + encoded("userName sw \"" + c.prefix() + "\""));

    assertEquals(3, list.getInt("totalResults"));
    assertEquals(4, list.getInt("startIndex"));
    assertEquals(0, list.getInt("itemsPerPage"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, list.getJsonArray("Resources"));
  }

  @Test
  void pagesHoldAtMostTwoHundredUsersWithOrWithoutCount() throws Exception {
    String p = prefix();
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 205; i++) {
      String userName = p + String.format("%03d", i);
      creates.add(() -> scim.post("/Users", ACME_TOKEN, minimalUser(userName)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Future<ScimClient.Reply> future : pool.invokeAll(creates)) {
        ScimClient.Reply reply = future.get();
        assertEquals(201, reply.status(), reply::toString);
      }
    } finally {
      pool.shutdown();
    }
    String scope = "/Users?filter=" + encoded("userName sw \"" + p + "\"");

    for (String query : List.of(scope, scope + "&count=1000", scope + "&count=201")) {
      JsonObject list = list(ACME_TOKEN, query);
      assertEquals(205, list.getInt("totalResults"), query);
      assertEquals(200, list.getInt("itemsPerPage"), query);
    }
    JsonObject rest = list(ACME_TOKEN, scope + "&startIndex=201");
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

    List<String> ascending = ids(list(ACME_TOKEN, scope + "&sortBy=" + encoded(sortBy)));
    List<String> descending =
        ids(list(ACME_TOKEN, scope + "&sortBy=" + encoded(sortBy) + "&sortOrder=descending"));

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
        okJson(scim.get("/Users/" + bjensen + "?attributes=userName,emails", ACME_TOKEN));
    JsonObject listed =
        list(
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
        okJson(scim.get("/Users/" + bjensen + "?attributes=name.familyName", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "name"), sub.keySet(), sub::toString);
    assertEquals(
        Json.createObjectBuilder().add("familyName", "Jensen").build(), sub.getJsonObject("name"));
  }

  @Test
  void excludedAttributesDropsAttributesAndSubAttributes() {
    Colleagues c = colleagues();

    JsonObject user =
        okJson(
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
        okJson(
            scim.get("/Users/" + c.id("bjensen") + "?excludedAttributes=id,schemas", ACME_TOKEN));
    assertEquals(c.id("bjensen"), alwaysReturned.getString("id"));
    assertTrue(alwaysReturned.containsKey("schemas"));
  }

  @Test
  void attributesTakesUrnQualifiedNames() {
    Colleagues c = colleagues();
    String bjensen = "/Users/" + c.id("bjensen");

    JsonObject department =
        okJson(scim.get(bjensen + "?attributes=" + ENTERPRISE + ":department", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", ENTERPRISE), department.keySet(), department::toString);
    assertEquals(
        Json.createObjectBuilder().add("department", "Tour Operations").build(),
        department.getJsonObject(ENTERPRISE));

    JsonObject qualifiedCore =
        okJson(
            scim.get(
                bjensen + "?attributes=urn:ietf:params:scim:schemas:core:2.0:User:userName",
                ACME_TOKEN));
    assertEquals(
        Set.of("schemas", "id", "userName"), qualifiedCore.keySet(), qualifiedCore::toString);

    JsonObject withoutEnterprise =
        okJson(scim.get(bjensen + "?excludedAttributes=" + ENTERPRISE, ACME_TOKEN));
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

    JsonObject user = okJson(reply).getJsonArray("Resources").getJsonObject(0);
    assertTrue(user.containsKey("emails"), user::toString);
    assertTrue(user.toString().contains(c.prefix() + ".bjensen@example.com"), user::toString);
  }

  @Test
  void createAndPatchAnswersHonourAttributes() {
    String userName = prefix() + "bjensen";
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
    assertEquals("Babs Jensen", read(id).getString("displayName"));
  }

  @Test
  void neverReturnsThePasswordEvenWhenAskedFor() {
    String userName = prefix() + "bjensen";
    String id =
        create(
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

    JsonObject list = list(ACME_TOKEN, "/Users?filter=" + encoded(c.scoped(concrete)));

    List<String> expectedIds = expected.stream().map(c::id).toList();
    assertEquals(expectedIds, ids(list), () -> concrete + " -> " + list);
    assertEquals(expected.size(), list.getInt("totalResults"));
  }

  @Test
  void filtersByLastModifiedInTime() throws Exception {
    String p = prefix();
    String first = create(minimalUser(p + "first"));
    String firstModified = read(first).getJsonObject("meta").getString("lastModified");
    Thread.sleep(50);
    String second = create(minimalUser(p + "second"));
    String secondModified = read(second).getJsonObject("meta").getString("lastModified");
    String scope = "userName sw \"" + p + "\" and ";

    assertEquals(
        List.of(second), ids(filtered(scope + "meta.lastModified gt \"" + firstModified + "\"")));
    assertEquals(
        List.of(first, second),
        ids(filtered(scope + "meta.lastModified ge \"" + firstModified + "\"")));
    assertEquals(
        List.of(first), ids(filtered(scope + "meta.lastModified lt \"" + secondModified + "\"")));

    Thread.sleep(50);
    patchOk(first, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Later\"}"));
    assertEquals(
        List.of(first), ids(filtered(scope + "meta.lastModified gt \"" + secondModified + "\"")));
  }

  @Test
  void treatsLikeWildcardsInFilterValuesAsPlainCharacters() {
    String p = prefix();
    String underscore = create(minimalUser(p + "a_b%c"));
    String plain = create(minimalUser(p + "axbycc"));
    String scope = "userName sw \"" + p + "\" and ";

    assertEquals(List.of(underscore), ids(filtered(scope + "userName co \"_\"")));
    assertEquals(List.of(underscore), ids(filtered(scope + "userName co \"%\"")));
    assertEquals(List.of(underscore), ids(filtered(scope + "userName ew \"%c\"")));
    assertEquals(List.of(underscore), ids(filtered("userName sw \"" + p + "a_\"")));
    assertEquals(List.of(plain), ids(filtered(scope + "userName eq \"" + p + "axbycc\"")));
  }

  @Test
  void decodesPlusAsSpaceInFilters() {
    Colleagues c = colleagues();

    JsonObject list = list(ACME_TOKEN, "/Users?filter=userName+eq+%22" + c.prefix() + "jsmith%22");

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

  // Bad input leaves the user as it was

  static Stream<Arguments> badReplacements() {
    return Stream.of(
        Arguments.of("{\"userName\": ", "invalidSyntax"),
        Arguments.of("{\"userName\" \"bjensen\"}", "invalidSyntax"),
        Arguments.of("[{\"userName\": \"{userName}\"}]", "invalidSyntax"),
        Arguments.of("{\"userName\": 42}", "invalidValue"),
        Arguments.of("{\"userName\": \"{userName}\", \"active\": \"maybe\"}", "invalidValue"),
        Arguments.of("{\"userName\": \"{userName}\", \"emails\": 42}", "invalidValue"),
        Arguments.of(
            "{\"userName\": \"{userName}\", \"name\": \"Barbara Jensen\"}", "invalidValue"),
        Arguments.of(
            "{\"userName\": \"{userName}\", \"emails\": [{\"value\": \"a@example.com\", \"primary\": true},"
                + " {\"value\": \"b@example.com\", \"primary\": true}]}",
            "invalidValue"),
        Arguments.of("{\"displayName\": \"Babs Jensen\"}", "invalidValue"),
        Arguments.of("{\"userame\": \"{userName}\"}", "invalidValue"),
        Arguments.of("{\"userName\": \"\"}", "invalidValue"),
        Arguments.of("{\"userName\": null}", "invalidValue"));
  }

  @ParameterizedTest
  @MethodSource("badReplacements")
  void refusesBadReplacementAndLeavesTheUserAsItWas(String body, String scimType) {
    String userName = prefix() + "bjensen";
    String id = create(fullUser(userName));
    JsonObject before = read(id);

    ScimClient.Reply reply =
        scim.put("/Users/" + id, ACME_TOKEN, body.replace("{userName}", userName));

    assertScimError(reply, 400, scimType);
    assertEquals(before, read(id));
  }

  static Stream<Arguments> badPatches() {
    return Stream.of(
        Arguments.of("{\"Operations\": [", "invalidSyntax"),
        Arguments.of(
            "[{\"op\": \"replace\", \"path\": \"title\", \"value\": \"x\"}]", "invalidSyntax"),
        Arguments.of(
            "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}", "invalidSyntax"),
        Arguments.of(
            op("{\"op\": \"frobnicate\", \"path\": \"title\", \"value\": \"x\"}"), "invalidSyntax"),
        Arguments.of(
            op("{\"op\": \"replace\", \"path\": \"noSuchAttribute\", \"value\": \"x\"}"),
            "invalidPath"),
        Arguments.of(
            op("{\"op\": \"replace\", \"path\": \"name.noSuchPart\", \"value\": \"x\"}"),
            "invalidPath"),
        Arguments.of(
            op(
                "{\"op\": \"replace\", \"path\": \"urn:ietf:params:scim:schemas:extension:nosuch:2.0:User:x\", \"value\": \"x\"}"),
            "invalidPath"),
        Arguments.of(
            op(
                "{\"op\": \"replace\", \"path\": \"emails[type eq \\\"pager\\\"].value\", \"value\": \"x@example.com\"}"),
            "noTarget"),
        Arguments.of(
            op(
                "{\"op\": \"replace\", \"path\": \"emails[value eq \\\"nobody@example.com\\\"]\", \"value\": {\"value\": \"x@example.com\"}}"),
            "noTarget"),
        Arguments.of(op("{\"op\": \"remove\"}"), "noTarget"),
        Arguments.of(
            op("{\"op\": \"replace\", \"path\": \"id\", \"value\": \"mine\"}"), "mutability"),
        Arguments.of(
            op("{\"op\": \"add\", \"path\": \"groups\", \"value\": [{\"value\": \"some-group\"}]}"),
            "mutability"),
        Arguments.of(
            op("{\"op\": \"replace\", \"path\": \"active\", \"value\": \"maybe\"}"),
            "invalidValue"),
        Arguments.of(
            op("{\"op\": \"replace\", \"path\": \"userName\", \"value\": 42}"), "invalidValue"),
        Arguments.of(op("{\"op\": \"remove\", \"path\": \"userName\"}"), "invalidValue"),
        Arguments.of(
            op("{\"op\": \"replace\", \"path\": \"emails\", \"value\": 42}"), "invalidValue"),
        Arguments.of(op("{\"op\": \"replace\", \"value\": \"not an object\"}"), "invalidValue"));
  }

  @ParameterizedTest
  @MethodSource("badPatches")
  void refusesBadPatchAndLeavesTheUserAsItWas(String body, String scimType) {
    String id = create(fullUser(prefix() + "bjensen"));
    JsonObject before = read(id);

    ScimClient.Reply reply = scim.patch("/Users/" + id, ACME_TOKEN, body);

    assertScimError(reply, 400, scimType);
    assertEquals(before, read(id));
  }

  @Test
  void appliesNoOperationWhenALaterOneFails() {
    String id = create(fullUser(prefix() + "bjensen"));
    JsonObject before = read(id);

    ScimClient.Reply reply =
        scim.patch(
            "/Users/" + id,
            ACME_TOKEN,
            patchOf(
                "{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"Changed\"}",
                "{\"op\": \"add\", \"path\": \"emails\", \"value\": [{\"value\": \"new@example.com\"}]}",
                "{\"op\": \"replace\", \"path\": \"noSuchAttribute\", \"value\": \"x\"}"));

    assertScimError(reply, 400, "invalidPath");
    assertEquals(before, read(id));
    assertEquals("Babs Jensen", read(id).getString("displayName"));
  }

  @Test
  void refusesPatchThatWouldTakeAnotherUsersUserNameWith409() {
    String p = prefix();
    create(minimalUser(p + "bjensen"));
    String id = create(fullUser(p + "jsmith"));
    JsonObject before = read(id);

    ScimClient.Reply reply =
        scim.patch(
            "/Users/" + id,
            ACME_TOKEN,
            patchOf(
                "{\"op\": \"replace\", \"path\": \"userName\", \"value\": \""
                    + p.toUpperCase(Locale.ROOT)
                    + "BJENSEN\"}"));

    assertScimError(reply, 409, "uniqueness");
    assertEquals(before, read(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "PATCH"})
  void refusesBodyOverTheAdvertisedLimitWith413AndLeavesTheUserAsItWas(String method) {
    String userName = prefix() + "bjensen";
    String id = create(fullUser(userName));
    JsonObject before = read(id);
    long limit =
        scim.get("/ServiceProviderConfig", ACME_TOKEN)
            .json()
            .getJsonObject("bulk")
            .getJsonNumber("maxPayloadSize")
            .longValue();
    String json =
        method.equals("PUT")
            ? "{\"userName\": \"" + userName + "\", \"title\": \"Changed\"}"
            : patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Changed\"}");
    String padded = json + " ".repeat((int) (limit + 1 - json.length()));

    ScimClient.Reply reply = scim.send(scim.withJson(method, "/Users/" + id, ACME_TOKEN, padded));

    assertScimError(reply, 413, null);
    assertEquals(before, read(id));
  }

  @Test
  void refusesEveryRequestWithoutTokenWith401AndLeavesTheUserAsItWas() {
    String userName = prefix() + "bjensen";
    String id = create(fullUser(userName));
    JsonObject before = read(id);
    String body = "{\"userName\": \"" + userName + "\"}";

    List<HttpRequest.Builder> requests =
        List.of(
            scim.request("/Users/" + id).GET(),
            scim.request("/Users").GET(),
            scim.request("/Users")
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            scim.request("/Users/" + id)
                .header("Content-Type", "application/scim+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)),
            scim.request("/Users/" + id)
                .header("Content-Type", "application/scim+json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"x\"}"))),
            scim.request("/Users/" + id).DELETE());
    for (HttpRequest.Builder request : requests) {
      assertScimError(scim.send(request), 401, null);
    }

    assertEquals(before, read(id));
  }

  @Test
  void answersUnknownIdWith404ForEveryMethod() {
    String path = "/Users/" + UUID.randomUUID();

    assertScimError(scim.get(path, ACME_TOKEN), 404, null);
    assertScimError(scim.put(path, ACME_TOKEN, minimalUser(prefix() + "x")), 404, null);
    assertScimError(
        scim.patch(
            path,
            ACME_TOKEN,
            patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"x\"}")),
        404,
        null);
    assertScimError(scim.delete(path, ACME_TOKEN), 404, null);
  }

  // PUT

  @Test
  void userMayChangeTheCaseOfItsOwnUserName() {
    String userName = prefix() + "bjensen";
    String id = create(fullUser(userName));
    String upper = userName.toUpperCase(Locale.ROOT);

    JsonObject patched =
        patchOk(
            id,
            patchOf("{\"op\": \"replace\", \"path\": \"userName\", \"value\": \"" + upper + "\"}"));
    assertEquals(upper, patched.getString("userName"));

    ScimClient.Reply replaced = scim.put("/Users/" + id, ACME_TOKEN, fullUser(userName));
    assertEquals(200, replaced.status(), replaced::toString);
    assertEquals(userName, read(id).getString("userName"));
  }

  @Test
  void refusesReplacementThatWouldTakeAnotherUsersUserNameWith409() {
    String p = prefix();
    create(minimalUser(p + "bjensen"));
    String id = create(fullUser(p + "jsmith"));
    JsonObject before = read(id);

    ScimClient.Reply reply =
        scim.put("/Users/" + id, ACME_TOKEN, fullUser(p.toUpperCase(Locale.ROOT) + "BJENSEN"));

    assertScimError(reply, 409, "uniqueness");
    assertEquals(before, read(id));
  }

  @Test
  void externalIdNeedNotBeUnique() {
    String p = prefix();
    String externalId = "${__UUID}-" + p;
    String first = create("{\"userName\": \"" + p + "a\", \"externalId\": \"" + externalId + "\"}");
    String second =
        create("{\"userName\": \"" + p + "b\", \"externalId\": \"" + externalId + "\"}");

    JsonObject found = filtered("externalId eq \"" + externalId + "\"");

    assertEquals(List.of(first, second), ids(found));
  }

  @Test
  void putReplacesEverythingAndIgnoresIdMetaGroupsAndUnknownAttributes() {
    String userName = prefix() + "bjensen";
    String id = create(fullUser(userName));
    JsonObject before = read(id);

    ScimClient.Reply reply =
        scim.put(
            "/Users/" + id,
            ACME_TOKEN,
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "id": "not-the-id",
              "userName": "%s",
              "meta": {"created": "2001-01-01T00:00:00Z", "version": "W/\\"999\\""},
              "groups": [{"value": "some-group"}],
              "adreses": [{"country": "Germany"}],
              "active": "False",
              "title": "Manager"
            }
            """
                .formatted(userName));

    assertEquals(200, reply.status(), reply::toString);
    JsonObject replaced = reply.json();
    assertEquals(id, replaced.getString("id"));
    assertEquals(JsonValue.FALSE, replaced.get("active"));
    assertEquals("Manager", replaced.getString("title"));
    for (String gone : List.of("displayName", "name", "emails", "groups", "adreses", ENTERPRISE)) {
      assertFalse(replaced.containsKey(gone), () -> gone + " in " + replaced);
    }
    assertEquals(
        before.getJsonObject("meta").getString("created"),
        replaced.getJsonObject("meta").getString("created"));
    assertNotEquals("W/\"999\"", replaced.getJsonObject("meta").getString("version"));
    assertEquals(replaced, read(id));
  }

  // Helpers

  private static String prefix() {
    return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static String minimalUser(String userName) {
    return """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s"}
        """
        .formatted(userName);
  }

  private static String userWithFamilyName(String userName, String familyName) {
    return """
        {"userName": "%s", "name": {"familyName": "%s", "givenName": "Pat"}}
        """
        .formatted(userName, familyName);
  }

  /** bjensen of RFC 7643 §8.2, under another userName. */
  private static String fullUser(String userName) {
    return """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "%s",
          "name": {"familyName": "Jensen", "givenName": "Barbara"},
          "displayName": "Babs Jensen",
          "title": "Tour Guide",
          "active": true,
          "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}]
        }
        """
        .formatted(userName);
  }

  private String create(String body) {
    ScimClient.Reply reply = scim.post("/Users", ACME_TOKEN, body);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  private JsonObject read(String id) {
    return okJson(scim.get("/Users/" + id, ACME_TOKEN));
  }

  private JsonObject okJson(ScimClient.Reply reply) {
    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    return reply.json();
  }

  private ScimClient.Reply patchReply(String id, String body) {
    ScimClient.Reply reply = scim.patch("/Users/" + id, ACME_TOKEN, body);
    assertEquals(200, reply.status(), reply::toString);
    return reply;
  }

  private JsonObject patchOk(String id, String body) {
    return patchReply(id, body).json();
  }

  /** A PUT, PATCH or DELETE that would set the title to "Changed". */
  private HttpRequest.Builder change(String method, String id, String userName) {
    String path = "/Users/" + id;
    return switch (method) {
      case "PUT" ->
          scim.withJson(
              "PUT",
              path,
              ACME_TOKEN,
              "{\"userName\": \"" + userName + "\", \"title\": \"Changed\"}");
      case "PATCH" ->
          scim.withJson(
              "PATCH",
              path,
              ACME_TOKEN,
              patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Changed\"}"));
      default -> scim.request(path, ACME_TOKEN).DELETE();
    };
  }

  private JsonObject list(String token, String pathAndQuery) {
    JsonObject list = okJson(scim.get(pathAndQuery, token));
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0));
    assertEquals(list.getInt("itemsPerPage"), list.getJsonArray("Resources").size());
    return list;
  }

  private JsonObject filtered(String filter) {
    return list(ACME_TOKEN, "/Users?filter=" + encoded(filter));
  }

  private JsonObject search(String body) {
    ScimClient.Reply reply = scim.post("/Users/.search", ACME_TOKEN, body);
    JsonObject list = okJson(reply);
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0));
    return list;
  }

  /** Every id the tenant lists, page by page. */
  private List<String> allIds(String token) {
    List<String> ids = new ArrayList<>();
    long total = Long.MAX_VALUE;
    for (int start = 1; start <= total; start += 200) {
      JsonObject page = list(token, "/Users?startIndex=" + start + "&count=200");
      total = page.getJsonNumber("totalResults").longValueExact();
      ids.addAll(ids(page));
    }
    return ids;
  }

  private static List<String> ids(JsonObject list) {
    return list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
        .map(u -> u.getString("id"))
        .toList();
  }

  private static String patchOf(String... operations) {
    return """
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [%s]}
        """
        .formatted(String.join(",", operations));
  }

  private static String op(String operation) {
    return patchOf(operation);
  }

  /** The userName with its letters' case flipped by the bits of {@code n}. */
  private static String caseVariant(String userName, int n) {
    char[] chars = userName.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (((n >> (i % 6)) & 1) == 1) {
        chars[i] = Character.toUpperCase(chars[i]);
      }
    }
    return new String(chars);
  }

  /** Runs the calls on threads of their own, released at the same moment by one gate. */
  private static List<ScimClient.Reply> simultaneously(List<Callable<ScimClient.Reply>> calls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CountDownLatch ready = new CountDownLatch(calls.size());
    CountDownLatch gate = new CountDownLatch(1);
    try {
      List<Future<ScimClient.Reply>> futures = new ArrayList<>();
      for (Callable<ScimClient.Reply> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  gate.await();
                  return call.call();
                }));
      }
      assertTrue(ready.await(30, TimeUnit.SECONDS));
      gate.countDown();
      List<ScimClient.Reply> replies = new ArrayList<>();
      for (Future<ScimClient.Reply> future : futures) {
        replies.add(future.get(120, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String statuses(List<ScimClient.Reply> replies) {
    return Arrays.toString(replies.stream().mapToInt(ScimClient.Reply::status).toArray());
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
