package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertListResponse;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimJson.CORE_USER;
import static dev.roster.it.ScimJson.encoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Okta's provisioning of users with the "SCIM 2.0 Test App (Header Auth)", replayed as Okta sends
 * it (docs/request-shapes.md: #okta-flow, #okta-status-codes, #okta-spec-test, #okta-quirks): Test
 * API Credentials, the assignment lookup, the create with Okta's body and media types, the profile
 * push as a PUT of the whole object, deactivation and reactivation with path-less PATCHes, the
 * steps of Okta's SCIM 2.0 SPEC test, and the import that pages through every user.
 */
class UsersOktaIT extends BlackBox {

  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

  /** An Okta user: the login is an email address, the externalId Okta's own user id. */
  record OktaUser(String login, String givenName, String familyName, String oktaId) {

    static OktaUser random() {
      return named("Runscope" + UUID.randomUUID().toString().substring(0, 8) + "Jensen@atko.com");
    }

    static OktaUser named(String login) {
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 17);
      return new OktaUser(login, "Barbara", "Jensen", "00u" + id);
    }

    /** POST /Users as Okta sends it, with the placeholder password Okta always adds. */
    String createBody() {
      return """
          {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": "%s",
            "name": {
              "givenName": "%s",
              "familyName": "%s"
            },
            "emails": [{
              "primary": true,
              "value": "%s",
              "type": "work"
            }],
            "displayName": "%s %s",
            "locale": "en-US",
            "externalId": "%s",
            "groups": [],
            "password": "1mz050nq",
            "active": true
          }
          """
          .formatted(login, givenName, familyName, login, givenName, familyName, oktaId);
    }
  }

  // Test API Credentials and the assignment lookup

  @Test
  void testApiCredentialsProbeListsUsersBeforeAndAfterTheFirstCreate() {
    JsonObject before = list("/Users?startIndex=1&count=2");
    assertTrue(before.getJsonNumber("totalResults").longValueExact() >= 0);
    assertTrue(before.getJsonArray("Resources").size() <= 2, before::toString);

    create(OktaUser.random().createBody());

    JsonObject after = list("/Users?startIndex=1&count=2");
    long total = after.getJsonNumber("totalResults").longValueExact();
    assertTrue(total >= 1, after::toString);
    assertEquals(Math.min(2, total), after.getInt("itemsPerPage"));
    assertEquals(Math.min(2, total), after.getJsonArray("Resources").size());
    assertEquals(1, after.getInt("startIndex"));
  }

  @Test
  void assignmentLookupOfUnknownLoginFindsNothing() {
    OktaUser user = OktaUser.random();

    JsonObject found = list(lookup(user.login()));

    assertEquals(0, found.getInt("totalResults"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, found.getJsonArray("Resources"));
  }

  // Create, read, profile push

  @Test
  void createsUserFromOktasBodyAndNeverReturnsThePassword() {
    OktaUser user = OktaUser.random();

    ScimClient.Reply reply = scim.send(okta("POST", "/Users", user.createBody()));

    assertEquals(201, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject created = reply.json();
    String id = created.getString("id");
    assertFalse(id.isBlank());
    assertTrue(created.getJsonArray("schemas").contains(jakarta.json.Json.createValue(CORE_USER)));
    assertEquals(user.login(), created.getString("userName"));
    assertEquals("Barbara", created.getJsonObject("name").getString("givenName"));
    assertEquals("Jensen", created.getJsonObject("name").getString("familyName"));
    assertEquals(user.login(), created.getJsonArray("emails").getJsonObject(0).getString("value"));
    assertEquals(JsonValue.TRUE, created.getJsonArray("emails").getJsonObject(0).get("primary"));
    assertEquals("Barbara Jensen", created.getString("displayName"));
    assertEquals("en-US", created.getString("locale"));
    assertEquals(user.oktaId(), created.getString("externalId"));
    assertEquals(JsonValue.TRUE, created.get("active"));
    assertFalse(created.containsKey("password"), created::toString);
    assertFalse(reply.body().contains("1mz050nq"), reply::toString);

    ScimClient.Reply read = scim.send(okta("GET", "/Users/" + id, null));
    assertEquals(200, read.status(), read::toString);
    assertEquals(created, read.json());
    assertFalse(read.body().contains("1mz050nq"), read::toString);
    JsonObject found = list(lookup(user.login()));
    assertEquals(1, found.getInt("totalResults"));
    assertFalse(found.toString().contains("1mz050nq"));
  }

  @Test
  void profilePushReplacesTheUserWithTheWholeObjectIncludingReadOnlyAttributes() {
    OktaUser user = OktaUser.random();
    String id = create(user.createBody()).getString("id");
    JsonObject current = read(id);

    ScimClient.Reply reply =
        scim.send(
            okta(
                "PUT",
                "/Users/" + id,
                """
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                  "id": "%s",
                  "userName": "%s",
                  "name": {
                    "givenName": "Babs",
                    "familyName": "Jensen"
                  },
                  "emails": [{
                    "primary": true,
                    "value": "%s",
                    "type": "work"
                  }],
                  "displayName": "Babs Jensen",
                  "locale": "en-US",
                  "externalId": "%s",
                  "groups": [],
                  "password": "1mz050nq",
                  "active": true,
                  "meta": %s
                }
                """
                    .formatted(
                        id,
                        user.login(),
                        user.login(),
                        user.oktaId(),
                        current.getJsonObject("meta"))));

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject replaced = reply.json();
    assertEquals(id, replaced.getString("id"));
    assertEquals("Babs", replaced.getJsonObject("name").getString("givenName"));
    assertEquals("Babs Jensen", replaced.getString("displayName"));
    assertEquals(JsonValue.TRUE, replaced.get("active"));
    assertFalse(replaced.containsKey("password"), replaced::toString);
    assertEquals(
        current.getJsonObject("meta").getString("created"),
        replaced.getJsonObject("meta").getString("created"));
    assertEquals(replaced, read(id));
  }

  // Deactivate and reactivate

  @Test
  void deactivatedUserStaysReadableAndFindableAndCanBeReactivated() {
    OktaUser user = OktaUser.random();
    String id = create(user.createBody()).getString("id");

    JsonObject deactivated =
        patch(
            id,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{
                "op": "replace",
                "value": {
                  "active": false
                }
              }]
            }
            """);

    assertEquals(JsonValue.FALSE, deactivated.get("active"));
    assertEquals(JsonValue.FALSE, read(id).get("active"));
    JsonObject found = list(lookup(user.login()));
    assertEquals(1, found.getInt("totalResults"));
    assertEquals(id, found.getJsonArray("Resources").getJsonObject(0).getString("id"));
    assertEquals(JsonValue.FALSE, found.getJsonArray("Resources").getJsonObject(0).get("active"));

    JsonObject reactivated =
        patch(
            id,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{
                "op": "replace",
                "value": {
                  "active": true
                }
              }]
            }
            """);

    assertEquals(JsonValue.TRUE, reactivated.get("active"));
    JsonObject stored = read(id);
    assertEquals(JsonValue.TRUE, stored.get("active"));
    assertEquals(user.login(), stored.getString("userName"));
    assertEquals("Barbara", stored.getJsonObject("name").getString("givenName"));
  }

  @Test
  void passwordSyncIsAcceptedAndNeverEchoed() {
    String id = create(OktaUser.random().createBody()).getString("id");
    JsonObject before = read(id);

    JsonObject patched =
        patch(
            id,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{"op": "replace", "value": {"password": "n3w-Secret!"}}]
            }
            """);

    assertFalse(patched.toString().contains("n3w-Secret!"), patched::toString);
    assertFalse(patched.containsKey("password"));
    assertEquals(before.getString("userName"), read(id).getString("userName"));
  }

  // Duplicates

  @Test
  void refusesDuplicateUserNameInAnyCaseWith409Uniqueness() {
    OktaUser user = OktaUser.random();
    create(user.createBody());

    ScimClient.Reply same = scim.send(okta("POST", "/Users", user.createBody()));
    assertScimError(same, 409, "uniqueness");

    OktaUser upper = OktaUser.named(user.login().toUpperCase());
    ScimClient.Reply shouting = scim.send(okta("POST", "/Users", upper.createBody()));
    assertScimError(shouting, 409, "uniqueness");

    JsonObject found = list(lookup(user.login().toUpperCase()));
    assertEquals(1, found.getInt("totalResults"));
    assertEquals(
        user.login(), found.getJsonArray("Resources").getJsonObject(0).getString("userName"));
  }

  // Okta's SCIM 2.0 SPEC test

  @Test
  void specTestFirstUserOfAPageHasEverythingOktaReads() {
    create(OktaUser.random().createBody());

    JsonObject page = list("/Users?count=1&startIndex=1");
    for (String number : List.of("itemsPerPage", "startIndex", "totalResults")) {
      assertTrue(page.get(number) instanceof JsonNumber, () -> number + " in " + page);
    }
    assertEquals(1, page.getJsonArray("Resources").size());
    JsonObject first = page.getJsonArray("Resources").getJsonObject(0);
    assertFullyPopulated(first);

    ScimClient.Reply byId = scim.send(okta("GET", "/Users/" + first.getString("id"), null));
    assertEquals(200, byId.status(), byId::toString);
    assertFullyPopulated(byId.json());
    assertEquals(first.getString("id"), byId.json().getString("id"));

    JsonObject invalid = list(lookup("abcdefgh@atko.com"));
    assertEquals(0, invalid.getInt("totalResults"));
  }

  @Test
  void specTestUnknownIdsAnswer404WithDetail() {
    for (String id : List.of("010101001010101011001010101011", "00919288221112222")) {
      ScimClient.Reply reply = scim.send(okta("GET", "/Users/" + id, null));
      JsonObject error = assertScimError(reply, 404, null);
      assertEquals(ERROR, error.getJsonArray("schemas").getString(0));
      assertEquals("404", error.getString("status"));
      assertFalse(error.getString("detail").isBlank());
    }
  }

  @Test
  void specTestRefusesAuthorizationThatIsNoTokenWith401() {
    ScimClient.Reply reply =
        scim.send(
            scim.request("/Users?count=1&startIndex=1")
                .header("Authorization", "non-token")
                .header("Accept", "application/scim+json; charset=utf-8")
                .header("User-Agent", "Okta SCIM Client 1.0.0")
                .GET());

    JsonObject error = assertScimError(reply, 401, null);
    assertEquals("401", error.getString("status"));
    assertFalse(error.getString("detail").isBlank());
  }

  @Test
  void specTestCreateThenReadThenDuplicateThenUpperCaseLookup() {
    OktaUser user = OktaUser.random();
    assertEquals(0, list(lookup(user.login())).getInt("totalResults"));

    JsonObject created = create(user.createBody());
    assertEquals(JsonValue.TRUE, created.get("active"));
    JsonObject read = read(created.getString("id"));
    assertEquals(user.login(), read.getString("userName"));
    assertEquals("Jensen", read.getJsonObject("name").getString("familyName"));
    assertEquals(409, scim.send(okta("POST", "/Users", user.createBody())).status());

    JsonObject upper = list(lookup(user.login().toUpperCase()));
    assertEquals(1, upper.getInt("totalResults"));
    assertEquals(
        created.getString("id"), upper.getJsonArray("Resources").getJsonObject(0).getString("id"));
  }

  // Import

  @Test
  void importPagesThroughEveryUserExactlyOnce() {
    String prefix = "import" + UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = createMany(prefix, 25);
    String filter = "&filter=" + encoded("userName sw \"" + prefix + "\"");

    List<String> seen = new ArrayList<>();
    int[] expectedItems = {10, 10, 5};
    int[] startIndexes = {1, 11, 21};
    for (int page = 0; page < 3; page++) {
      JsonObject list = list("/Users?startIndex=" + startIndexes[page] + "&count=10" + filter);
      assertEquals(25, list.getJsonNumber("totalResults").intValueExact());
      assertEquals(expectedItems[page], list.getJsonNumber("itemsPerPage").intValueExact());
      assertEquals(startIndexes[page], list.getJsonNumber("startIndex").intValueExact());
      list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
          .map(u -> u.getString("id"))
          .forEach(seen::add);
    }
    assertEquals(ids, seen, "every user once, in creation order");

    // Okta's own import has no filter: the whole tenant, 10 at a time.
    Map<String, Integer> times = new HashMap<>();
    long total = Long.MAX_VALUE;
    for (int start = 1; start <= total; start += 10) {
      JsonObject list = list("/Users?startIndex=" + start + "&count=10");
      total = list.getJsonNumber("totalResults").longValueExact();
      assertEquals(start, list.getInt("startIndex"));
      int items = list.getJsonArray("Resources").size();
      assertEquals(items, list.getInt("itemsPerPage"));
      assertEquals(Math.min(10, total - start + 1), items, list::toString);
      list.getJsonArray("Resources")
          .getValuesAs(JsonObject.class)
          .forEach(u -> times.merge(u.getString("id"), 1, Integer::sum));
    }
    assertEquals(total, times.size(), "no user twice on the pages");
    assertTrue(times.values().stream().allMatch(n -> n == 1), times::toString);
    assertTrue(times.keySet().containsAll(ids));
  }

  /**
   * A second import reads its pages from where the first one's pages started (see PageAnchors);
   * after a delete, the pages are those of offsets again: nobody is skipped or shown twice.
   */
  @Test
  void repeatedImportsAndAnImportAfterADeleteShowEveryUserOnce() {
    createMany("again" + UUID.randomUUID().toString().substring(0, 8), 12);
    List<String> first = importAll(7);
    assertEquals(first, importAll(7));
    String deleted = first.get(first.size() / 2);
    ScimClient.Reply reply = scim.send(okta("DELETE", "/Users/" + deleted, null));
    assertEquals(204, reply.status(), reply::toString);
    List<String> expected = new ArrayList<>(first);
    expected.remove(deleted);
    assertEquals(expected, importAll(7));
    assertEquals(expected, importAll(7));
  }

  /** The ids of every user of the tenant, walked with startIndex like Okta's import. */
  private List<String> importAll(int count) {
    List<String> ids = new ArrayList<>();
    long total = Long.MAX_VALUE;
    for (int start = 1; start <= total; start += count) {
      JsonObject list = list("/Users?startIndex=" + start + "&count=" + count);
      total = list.getJsonNumber("totalResults").longValueExact();
      assertEquals(Math.min(count, total - start + 1), list.getInt("itemsPerPage"), list::toString);
      list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
          .map(u -> u.getString("id"))
          .forEach(ids::add);
    }
    assertEquals(total, ids.size());
    assertEquals(total, new HashSet<>(ids).size(), "nobody twice");
    return ids;
  }

  @Test
  void importWhileUsersAreCreatedNeitherRepeatsNorSkipsUsersThatExistedBefore() throws Exception {
    String prefix = "walk" + UUID.randomUUID().toString().substring(0, 8);
    List<String> existing = createMany(prefix, 15);
    String filter = "&filter=" + encoded("userName sw \"" + prefix + "\"");
    AtomicBoolean walking = new AtomicBoolean(true);
    CountDownLatch firstCreated = new CountDownLatch(1);
    ExecutorService creator = Executors.newSingleThreadExecutor();
    List<String> createdDuring = new ArrayList<>();
    CompletableFuture<Void> creating =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; walking.get() && i < 40; i++) {
                createdDuring.add(
                    create(oktaUser(prefix, "late" + i).createBody()).getString("id"));
                firstCreated.countDown();
              }
            },
            creator);
    assertTrue(firstCreated.await(30, TimeUnit.SECONDS), "creating has begun");

    List<String> seen = new ArrayList<>();
    try {
      long total = Long.MAX_VALUE;
      for (int start = 1; start <= total; start += 4) {
        JsonObject list = list("/Users?startIndex=" + start + "&count=4" + filter);
        total = list.getJsonNumber("totalResults").longValueExact();
        list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
            .map(u -> u.getString("id"))
            .forEach(seen::add);
        Thread.sleep(20);
      }
    } finally {
      walking.set(false);
      creating.get(60, TimeUnit.SECONDS);
      creator.shutdown();
    }

    assertFalse(createdDuring.isEmpty());
    assertEquals(new HashSet<>(seen).size(), seen.size(), () -> "a user twice: " + seen);
    assertEquals(existing, seen.subList(0, existing.size()), "the users from before, in order");
    Set<String> all = new HashSet<>(existing);
    all.addAll(createdDuring);
    assertTrue(all.containsAll(seen), seen::toString);
  }

  // Helpers

  /** A request with Okta's headers: JSON bodies as application/json. */
  private HttpRequest.Builder okta(String method, String path, String body) {
    HttpRequest.Builder request =
        scim.request(path, ACME_TOKEN)
            .header("Accept", "application/scim+json; charset=utf-8")
            .header("User-Agent", "Okta SCIM Client 1.0.0");
    if (body == null) {
      return request
          .header("Content-Type", "application/scim+json")
          .method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  private JsonObject create(String body) {
    return assertScimJson(scim.send(okta("POST", "/Users", body)), 201);
  }

  private JsonObject read(String id) {
    return assertScimJson(scim.send(okta("GET", "/Users/" + id, null)), 200);
  }

  private JsonObject patch(String id, String body) {
    return assertScimJson(scim.send(okta("PATCH", "/Users/" + id, body)), 200);
  }

  private JsonObject list(String pathAndQuery) {
    return assertListResponse(scim.send(okta("GET", pathAndQuery, null)));
  }

  /** Okta's assignment lookup, encoded as Okta encodes it. */
  private static String lookup(String login) {
    return "/Users?filter=userName%20eq%20%22"
        + URLEncoder.encode(login, StandardCharsets.UTF_8)
        + "%22&startIndex=1&count=100";
  }

  private List<String> createMany(String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(create(oktaUser(prefix, String.format("%02d", i)).createBody()).getString("id"));
    }
    return ids;
  }

  private static OktaUser oktaUser(String prefix, String suffix) {
    return OktaUser.named(prefix + suffix + "@atko.com");
  }

  private static void assertFullyPopulated(JsonObject user) {
    assertFalse(user.getString("id", "").isBlank(), user::toString);
    assertFalse(user.getString("userName", "").isBlank(), user::toString);
    assertFalse(user.getJsonObject("name").getString("givenName", "").isBlank(), user::toString);
    assertFalse(user.getJsonObject("name").getString("familyName", "").isBlank(), user::toString);
    assertFalse(
        user.getJsonArray("emails").getJsonObject(0).getString("value", "").isBlank(),
        user::toString);
    assertTrue(
        user.get("active") == JsonValue.TRUE || user.get("active") == JsonValue.FALSE,
        user::toString);
  }
}
