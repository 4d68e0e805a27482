package dev.roster.it;

import static dev.roster.it.Concurrently.simultaneously;
import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertOneWinner;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimFixtures.caseVariant;
import static dev.roster.it.ScimFixtures.fullUser;
import static dev.roster.it.ScimFixtures.minimalUser;
import static dev.roster.it.ScimFixtures.prefix;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.ids;
import static dev.roster.it.ScimJson.patchOf;
import static dev.roster.it.ScimJson.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent writes to {@code /Users} and their versions: simultaneous creates, renames, PATCHes
 * and deletes, ETags, {@code If-Match} and {@code If-None-Match} (RFC 7644 §3.14).
 */
class UsersConcurrencyIT extends BlackBox {

  /**
   * As many requests as one tenant may have running (8) and waiting (32) at once; one more may be
   * answered 429 when the server is slow, which is right but is not what these tests are about.
   */
  private static final int TENANT_ADMITS_AT_ONCE = 40;

  // Concurrent writes

  @Test
  void simultaneousCreatesOfOneUserNameGiveOneUserAndConflicts() throws Exception {
    String userName = prefix("u") + "race";
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < TENANT_ADMITS_AT_ONCE; i++) {
      String variant = caseVariant(userName, i);
      creates.add(() -> scim.post("/Users", ACME_TOKEN, minimalUser(variant)));
    }

    List<ScimClient.Reply> replies = simultaneously(creates);

    ScimClient.Reply created = assertOneWinner(replies, 201);
    JsonObject found =
        fixtures.list(ACME_TOKEN, "/Users?filter=" + encoded("userName eq \"" + userName + "\""));
    assertEquals(1, found.getInt("totalResults"));
    assertEquals(
        created.json().getString("id"),
        found.getJsonArray("Resources").getJsonObject(0).getString("id"));
  }

  @Test
  void simultaneousPatchesAddingDifferentEmailsAllSurvive() throws Exception {
    String id = fixtures.createUser(minimalUser(prefix("u") + "bjensen"));
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
    fixtures
        .readUser(id)
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
    String p = prefix("u");
    String target = p + "taken";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(fixtures.createUser(minimalUser(p + "user" + i)));
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

    assertOneWinner(replies, 200);
    assertEquals(1, fixtures.usersWhere("userName eq \"" + target + "\"").getInt("totalResults"));
    assertEquals(10, fixtures.usersWhere("userName sw \"" + p + "\"").getInt("totalResults"));
  }

  @Test
  void simultaneousCreatesOfDifferentUsersAllSucceed() throws Exception {
    String p = prefix("u");
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < TENANT_ADMITS_AT_ONCE; i++) {
      String userName = p + "user" + i;
      creates.add(() -> scim.post("/Users", ACME_TOKEN, fullUser(userName)));
    }

    List<ScimClient.Reply> replies = simultaneously(creates);

    for (ScimClient.Reply reply : replies) {
      assertEquals(201, reply.status(), reply::toString);
    }
    assertEquals(
        TENANT_ADMITS_AT_ONCE,
        fixtures.usersWhere("userName sw \"" + p + "\"").getInt("totalResults"));
    assertEquals(
        TENANT_ADMITS_AT_ONCE,
        fixtures
            .usersWhere("userName sw \"" + p + "\" and emails[type eq \"work\"]")
            .getInt("totalResults"));
  }

  @Test
  void simultaneousDeleteAndPatchesOfOneUserEndInSuccessOrNotFound() throws Exception {
    String id = fixtures.createUser(fullUser(prefix("u") + "bjensen"));
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
    ScimClient.Reply created =
        scim.post("/Users", ACME_TOKEN, minimalUser(prefix("u") + "bjensen"));
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
    String userName = prefix("u") + "bjensen";
    String id = fixtures.createUser(minimalUser(userName));
    fixtures.patchUser(
        id, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Tour Guide\"}"));
    JsonObject before = fixtures.readUser(id);
    String stale = "W/\"" + UUID.randomUUID() + "\"";

    ScimClient.Reply reply = scim.send(change(method, id, userName).header("If-Match", stale));

    assertScimError(reply, 412, null);
    assertEquals(before, fixtures.readUser(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
  void allowsChangeWhoseIfMatchIsTheCurrentVersionOrStar(String method) {
    String userName = prefix("u") + "bjensen";
    String current = fixtures.createUser(minimalUser(userName));
    String version = fixtures.readUser(current).getJsonObject("meta").getString("version");
    String starred = fixtures.createUser(minimalUser(userName + "2"));

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
      assertEquals("Changed", fixtures.readUser(current).getString("title"));
      assertEquals("Changed", fixtures.readUser(starred).getString("title"));
    }
  }

  @Test
  void answersIfNoneMatchOfTheCurrentVersionWith304() {
    String id = fixtures.createUser(minimalUser(prefix("u") + "bjensen"));
    String version = fixtures.readUser(id).getJsonObject("meta").getString("version");

    ScimClient.Reply unchanged =
        scim.send(scim.request("/Users/" + id, ACME_TOKEN).header("If-None-Match", version).GET());

    assertEquals(304, unchanged.status(), unchanged::toString);
    assertEquals(version, unchanged.header("ETag").orElse(null));
    assertEquals("", unchanged.body());
    ScimClient.Reply star =
        scim.send(scim.request("/Users/" + id, ACME_TOKEN).header("If-None-Match", "*").GET());
    assertEquals(304, star.status(), star::toString);

    fixtures.patchUser(
        id, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Tour Guide\"}"));
    ScimClient.Reply changed =
        scim.send(scim.request("/Users/" + id, ACME_TOKEN).header("If-None-Match", version).GET());
    assertEquals(200, changed.status(), changed::toString);
    assertEquals("Tour Guide", changed.json().getString("title"));
  }

  @Test
  void versionChangesWithEveryChangeButNotWithAPatchThatChangesNothing() {
    String userName = prefix("u") + "bjensen";
    ScimClient.Reply created = scim.post("/Users", ACME_TOKEN, minimalUser(userName));
    String id = created.json().getString("id");
    Set<String> versions = new HashSet<>();
    versions.add(created.header("ETag").orElseThrow());

    ScimClient.Reply patched =
        fixtures.patchUser(
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
        fixtures.patchUser(
            id, patchOf("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Manager\"}"));
    assertEquals(replaced.header("ETag").get(), same.header("ETag").orElse(null));
    assertEquals(replaced.json(), same.json());
    assertEquals(replaced.json(), fixtures.readUser(id));
  }

  // Helpers

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
}
