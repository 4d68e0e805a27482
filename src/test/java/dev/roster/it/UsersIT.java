package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimFixtures.fullUser;
import static dev.roster.it.ScimFixtures.minimalUser;
import static dev.roster.it.ScimFixtures.prefix;
import static dev.roster.it.ScimJson.ENTERPRISE;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.ids;
import static dev.roster.it.ScimJson.patchOf;
import static dev.roster.scim.schema.LongValues.ideographs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /Users} beyond what Entra ID and Okta send, for the resource itself: tenant isolation,
 * what a PUT replaces, and bad input, which must be refused with the RFC's error keyword and leave
 * the user as it was. {@link UsersQueryIT} covers lists and attribute selection, {@link
 * UsersConcurrencyIT} concurrent writes and versions.
 */
class UsersIT extends BlackBox {

  // Values at the length limit, in scripts that take several bytes a character

  /**
   * Every stored string is indexed, and PostgreSQL's index entries are bounded in bytes, so values
   * are bounded in bytes of UTF-8 too (2,400, lower case included), the same on every database: the
   * longest that fit are stored, one more byte is a 400 with nothing created or changed.
   */
  @Test
  void valuesAreBoundedInBytesTheSameOnEveryDatabase() {
    String longestCjk = ideographs(800); // 2,400 bytes that do not compress
    String unique = prefix("u");
    String userName = unique + longestCjk.substring(0, (2400 - unique.length()) / 3);
    ScimClient.Reply created = scim.post("/Users", ACME_TOKEN, minimalUser(userName));
    assertEquals(201, created.status(), created::toString);
    assertEquals(userName, created.json().getString("userName"));
    assertScimError(
        scim.post("/Users", ACME_TOKEN, minimalUser(userName + "\u6771\u6771")),
        400,
        "invalidValue");

    String id = fixtures.createUser(minimalUser(prefix("u") + "bytes"));
    for (String value :
        List.of(
            longestCjk, "\u00e9".repeat(1200), "\uD83D\uDE00".repeat(600), "\u0130".repeat(800))) {
      ScimClient.Reply stored = scim.patch("/Users/" + id, ACME_TOKEN, replaceTitle(value));
      assertEquals(200, stored.status(), stored::toString);
      assertEquals(value, scim.get("/Users/" + id, ACME_TOKEN).json().getString("title"));
    }
    for (String value :
        List.of(
            longestCjk + "\u6771",
            "\u00e9".repeat(1201),
            "\uD83D\uDE00".repeat(601),
            "\u0130".repeat(801))) {
      ScimClient.Reply refused = scim.patch("/Users/" + id, ACME_TOKEN, replaceTitle(value));
      assertScimError(refused, 400, "invalidValue");
      assertEquals(
          "\u0130".repeat(800), scim.get("/Users/" + id, ACME_TOKEN).json().getString("title"));
    }
    String tooLong = "\u00e9".repeat(1201); // 1,201 characters, 2,402 bytes
    assertScimError(scim.post("/Users", ACME_TOKEN, minimalUser(tooLong)), 400, "invalidValue");
    assertEquals(
        0,
        scim.get("/Users?filter=" + encoded("userName eq \"" + tooLong + "\""), ACME_TOKEN)
            .json()
            .getInt("totalResults"));
  }

  private static String replaceTitle(String value) {
    return patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"" + value + "\"}");
  }

  // Tenant isolation

  @Test
  void otherTenantCannotReadReplacePatchOrDeleteAUser() {
    String userName = prefix("u") + "bjensen";
    String id = fixtures.createUser(minimalUser(userName));
    JsonObject before = fixtures.readUser(id);
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

    assertEquals(before, fixtures.readUser(id));
  }

  @Test
  void otherTenantsListsFiltersAndSearchesShowNothingOfAUser() {
    String userName = prefix("u") + "bjensen";
    String externalId = UUID.randomUUID().toString();
    String id =
        fixtures.createUser(
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
      JsonObject list = fixtures.list(GLOBEX_TOKEN, "/Users?filter=" + encoded(filter));
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
        fixtures
            .list(ACME_TOKEN, "/Users?filter=" + encoded("id eq \"" + id + "\""))
            .getInt("totalResults"));
  }

  @Test
  void eachTenantMayHaveAUserOfTheSameUserName() {
    String userName = prefix("u") + "bjensen";
    String acme = fixtures.createUser(minimalUser(userName));

    ScimClient.Reply globex = scim.post("/Users", GLOBEX_TOKEN, minimalUser(userName));

    assertEquals(201, globex.status(), globex::toString);
    String globexId = globex.json().getString("id");
    assertNotEquals(acme, globexId);
    assertEquals(200, scim.get("/Users/" + globexId, GLOBEX_TOKEN).status());
    assertScimError(scim.get("/Users/" + globexId, ACME_TOKEN), 404, null);
    assertEquals(204, scim.delete("/Users/" + globexId, GLOBEX_TOKEN).status());
    assertEquals(200, scim.get("/Users/" + acme, ACME_TOKEN).status());
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
    String userName = prefix("u") + "bjensen";
    String id = fixtures.createUser(fullUser(userName));
    JsonObject before = fixtures.readUser(id);

    ScimClient.Reply reply =
        scim.put("/Users/" + id, ACME_TOKEN, body.replace("{userName}", userName));

    assertScimError(reply, 400, scimType);
    assertEquals(before, fixtures.readUser(id));
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
    String id = fixtures.createUser(fullUser(prefix("u") + "bjensen"));
    JsonObject before = fixtures.readUser(id);

    ScimClient.Reply reply = scim.patch("/Users/" + id, ACME_TOKEN, body);

    assertScimError(reply, 400, scimType);
    assertEquals(before, fixtures.readUser(id));
  }

  @Test
  void appliesNoOperationWhenALaterOneFails() {
    String id = fixtures.createUser(fullUser(prefix("u") + "bjensen"));
    JsonObject before = fixtures.readUser(id);

    ScimClient.Reply reply =
        scim.patch(
            "/Users/" + id,
            ACME_TOKEN,
            patchOf(
                "{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"Changed\"}",
                "{\"op\": \"add\", \"path\": \"emails\", \"value\": [{\"value\": \"new@example.com\"}]}",
                "{\"op\": \"replace\", \"path\": \"noSuchAttribute\", \"value\": \"x\"}"));

    assertScimError(reply, 400, "invalidPath");
    assertEquals(before, fixtures.readUser(id));
    assertEquals("Babs Jensen", fixtures.readUser(id).getString("displayName"));
  }

  @Test
  void refusesPatchThatWouldTakeAnotherUsersUserNameWith409() {
    String p = prefix("u");
    fixtures.createUser(minimalUser(p + "bjensen"));
    String id = fixtures.createUser(fullUser(p + "jsmith"));
    JsonObject before = fixtures.readUser(id);

    ScimClient.Reply reply =
        scim.patch(
            "/Users/" + id,
            ACME_TOKEN,
            patchOf(
                "{\"op\": \"replace\", \"path\": \"userName\", \"value\": \""
                    + p.toUpperCase(Locale.ROOT)
                    + "BJENSEN\"}"));

    assertScimError(reply, 409, "uniqueness");
    assertEquals(before, fixtures.readUser(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "PATCH"})
  void refusesBodyOverTheAdvertisedLimitWith413AndLeavesTheUserAsItWas(String method) {
    String userName = prefix("u") + "bjensen";
    String id = fixtures.createUser(fullUser(userName));
    JsonObject before = fixtures.readUser(id);
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
    assertEquals(before, fixtures.readUser(id));
  }

  @Test
  void refusesEveryRequestWithoutTokenWith401AndLeavesTheUserAsItWas() {
    String userName = prefix("u") + "bjensen";
    String id = fixtures.createUser(fullUser(userName));
    JsonObject before = fixtures.readUser(id);
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

    assertEquals(before, fixtures.readUser(id));
  }

  @Test
  void answersUnknownIdWith404ForEveryMethod() {
    String path = "/Users/" + UUID.randomUUID();

    assertScimError(scim.get(path, ACME_TOKEN), 404, null);
    assertScimError(scim.put(path, ACME_TOKEN, minimalUser(prefix("u") + "x")), 404, null);
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
    String userName = prefix("u") + "bjensen";
    String id = fixtures.createUser(fullUser(userName));
    String upper = userName.toUpperCase(Locale.ROOT);

    JsonObject patched =
        fixtures
            .patchUser(
                id,
                patchOf(
                    "{\"op\": \"replace\", \"path\": \"userName\", \"value\": \"" + upper + "\"}"))
            .json();
    assertEquals(upper, patched.getString("userName"));

    ScimClient.Reply replaced = scim.put("/Users/" + id, ACME_TOKEN, fullUser(userName));
    assertEquals(200, replaced.status(), replaced::toString);
    assertEquals(userName, fixtures.readUser(id).getString("userName"));
  }

  @Test
  void refusesReplacementThatWouldTakeAnotherUsersUserNameWith409() {
    String p = prefix("u");
    fixtures.createUser(minimalUser(p + "bjensen"));
    String id = fixtures.createUser(fullUser(p + "jsmith"));
    JsonObject before = fixtures.readUser(id);

    ScimClient.Reply reply =
        scim.put("/Users/" + id, ACME_TOKEN, fullUser(p.toUpperCase(Locale.ROOT) + "BJENSEN"));

    assertScimError(reply, 409, "uniqueness");
    assertEquals(before, fixtures.readUser(id));
  }

  @Test
  void externalIdNeedNotBeUnique() {
    String p = prefix("u");
    String externalId = "${__UUID}-" + p;
    String first =
        fixtures.createUser(
            "{\"userName\": \"" + p + "a\", \"externalId\": \"" + externalId + "\"}");
    String second =
        fixtures.createUser(
            "{\"userName\": \"" + p + "b\", \"externalId\": \"" + externalId + "\"}");

    JsonObject found = fixtures.usersWhere("externalId eq \"" + externalId + "\"");

    assertEquals(List.of(first, second), ids(found));
  }

  @Test
  void putReplacesEverythingAndIgnoresIdMetaGroupsAndUnknownAttributes() {
    String userName = prefix("u") + "bjensen";
    String id = fixtures.createUser(fullUser(userName));
    JsonObject before = fixtures.readUser(id);

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
    assertEquals(replaced, fixtures.readUser(id));
  }

  // Helpers

  /** Every id the tenant lists, page by page. */
  private List<String> allIds(String token) {
    List<String> ids = new ArrayList<>();
    long total = Long.MAX_VALUE;
    for (int start = 1; start <= total; start += 200) {
      JsonObject page = fixtures.list(token, "/Users?startIndex=" + start + "&count=200");
      total = page.getJsonNumber("totalResults").longValueExact();
      ids.addAll(ids(page));
    }
    return ids;
  }

  private static String op(String operation) {
    return patchOf(operation);
  }
}
