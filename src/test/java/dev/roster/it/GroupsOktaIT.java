package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertListResponse;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimJson.CORE_GROUP;
import static dev.roster.it.ScimJson.ids;
import static dev.roster.it.ScimJson.memberIds;
import static dev.roster.it.ScimJson.patchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Okta's Push Groups with the "SCIM 2.0 Test App (Header Auth)", replayed as Okta sends it
 * (docs/request-shapes.md: O10a–O10i, #okta-status-codes, #okta-quirks): the link-by-name lookup,
 * the create with {@code members: []}, the path-less {@code {id, displayName}} replace that follows
 * every create and rename, membership deltas ({@code remove members[value eq …]} then {@code add}
 * without {@code type}), batches of a hundred members per PATCH, "Push Now" as a {@code replace} of
 * the whole list, the App Integration Wizard's PUT, the delete that leaves users alone, and the
 * import that pages through every group. Okta writes lower-case ops and sends {@code
 * application/scim+json} with its own User-Agent.
 */
class GroupsOktaIT extends BlackBox {

  /** An Okta user already pushed to the app: our id and Okta's login (sent as {@code display}). */
  record Pushed(String id, String login) {}

  // Find, link and create

  @Test
  void testApiCredentialsListsGroupsWithIntegerPaging() {
    JsonObject before = list("/Groups?startIndex=1&count=100");
    assertTrue(before.getJsonNumber("totalResults").longValueExact() >= 0);

    String id = create(randomName()).getString("id");

    JsonObject after = list("/Groups?startIndex=1&count=100");
    assertEquals(
        before.getJsonNumber("totalResults").longValueExact() + 1,
        after.getJsonNumber("totalResults").longValueExact(),
        after::toString);
    assertEquals(1, after.getInt("startIndex"));
    assertTrue(ids(after).contains(id), after::toString);
  }

  @Test
  void findsNothingByNameBeforeTheCreateAndExactlyTheGroupAfterIt() {
    String name = randomName();
    JsonObject none = list(byName(name));
    assertEquals(0, none.getInt("totalResults"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, none.getJsonArray("Resources"));

    String id = create(name).getString("id");

    JsonObject found = list(byName(name));
    assertEquals(1, found.getInt("totalResults"), found::toString);
    JsonObject group = found.getJsonArray("Resources").getJsonObject(0);
    assertEquals(id, group.getString("id"));
    assertEquals(name, group.getString("displayName"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, group.getJsonArray("members"), found::toString);
  }

  @Test
  void createsGroupWithEmptyMembersAnd201() {
    String name = randomName();

    ScimClient.Reply reply = scim.send(okta("POST", "/Groups", createBody(name)));

    assertEquals(201, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject created = reply.json();
    assertFalse(created.getString("id").isBlank());
    assertEquals(List.of(CORE_GROUP), List.of(created.getJsonArray("schemas").getString(0)));
    assertEquals(1, created.getJsonArray("schemas").size(), reply::toString);
    assertEquals(name, created.getString("displayName"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, created.getJsonArray("members"));
    assertFalse(created.containsKey("externalId"), reply::toString);
    assertEquals("Group", created.getJsonObject("meta").getString("resourceType"));
    assertEquals(created, read(created.getString("id")));
  }

  @Test
  void pushOfAnExistingNameIsRefusedWith409SoOktaLinksInstead() {
    String name = randomName();
    String id = create(name).getString("id");

    assertScimError(
        scim.send(okta("POST", "/Groups", createBody(name.toLowerCase()))), 409, "uniqueness");

    JsonObject found = list(byName(name.toUpperCase()));
    assertEquals(1, found.getInt("totalResults"));
    assertEquals(id, found.getJsonArray("Resources").getJsonObject(0).getString("id"));
  }

  // Name push

  @Test
  void acceptsTheIdAndDisplayNameReplaceRightAfterTheCreate() {
    String name = randomName();
    String id = create(name).getString("id");

    patch(id, nameBody(id, name));

    JsonObject group = read(id);
    assertEquals(name, group.getString("displayName"));
    assertEquals(id, group.getString("id"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, group.getJsonArray("members"));
  }

  @Test
  void renamesWithThePathlessIdAndDisplayNameReplace() {
    String name = randomName();
    String id = create(name).getString("id");
    Pushed user = pushUser();
    patch(id, patchOf(add(user)));
    String renamed = randomName();

    String etag = patch(id, nameBody(id, renamed));

    JsonObject group = read(id);
    assertEquals(renamed, group.getString("displayName"));
    assertEquals(etag, group.getJsonObject("meta").getString("version"));
    assertEquals(List.of(user.id()), memberIds(group));
    assertEquals(0, list(byName(name)).getInt("totalResults"));
    assertEquals(1, list(byName(renamed)).getInt("totalResults"));
    assertEquals(
        renamed, readUser(user.id()).getJsonArray("groups").getJsonObject(0).getString("display"));
  }

  // Membership

  @Test
  void appliesARemoveByFilterAndAnAddWithoutTypeInOnePatch() {
    String id = create(randomName()).getString("id");
    Pushed u1 = pushUser();
    Pushed u2 = pushUser();
    Pushed u3 = pushUser();
    patch(id, patchOf(add(u1, u2)));

    patch(id, patchOf(removeOne(u1), add(u3)));

    JsonObject group = read(id);
    assertEquals(List.of(u2.id(), u3.id()), memberIds(group), group::toString);
    Map<String, JsonObject> byId = membersById(group);
    for (Pushed user : List.of(u2, u3)) {
      JsonObject member = byId.get(user.id());
      assertEquals(user.login(), member.getString("display"), group::toString);
      assertEquals("User", member.getString("type"), group::toString);
      assertEquals(scim.base() + "/Users/" + user.id(), member.getString("$ref"), group::toString);
    }
    assertFalse(readUser(u1.id()).containsKey("groups"));
    JsonObject membership = readUser(u3.id()).getJsonArray("groups").getJsonObject(0);
    assertEquals(id, membership.getString("value"));
    assertEquals("direct", membership.getString("type"));
  }

  @Test
  void addsMembersInBatchesOfAHundred() {
    String name = randomName();
    String id = create(name).getString("id");
    List<Pushed> users = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      users.add(pushUser());
    }
    String etag = read(id).getJsonObject("meta").getString("version");

    for (int batch = 0; batch < 3; batch++) {
      List<Pushed> slice = users.subList(batch * 100, batch * 100 + 100);
      String next = patch(id, patchOf(add(slice.toArray(Pushed[]::new))));
      assertNotEquals(etag, next);
      etag = next;
      patch(id, nameBody(id, name));
    }

    JsonObject group = read(id);
    assertEquals(users.stream().map(Pushed::id).toList(), memberIds(group));
    assertEquals(
        users.get(299).login(), membersById(group).get(users.get(299).id()).getString("display"));
    JsonObject listed = list(byName(name));
    assertEquals(
        300, listed.getJsonArray("Resources").getJsonObject(0).getJsonArray("members").size());
  }

  @Test
  void pushNowReplacesTheMembersWithTheCompleteList() {
    String id = create(randomName()).getString("id");
    Pushed u1 = pushUser();
    Pushed u2 = pushUser();
    Pushed u3 = pushUser();
    Pushed u4 = pushUser();
    patch(id, patchOf(add(u1, u2, u3)));

    patch(
        id,
        patchOf(
            """
            {"op": "replace", "path": "members", "value": %s}"""
                .formatted(members(u2, u4))));

    JsonObject group = read(id);
    assertEquals(Set.of(u2.id(), u4.id()), Set.copyOf(memberIds(group)), group::toString);
    assertEquals(2, memberIds(group).size(), group::toString);
    assertEquals(u4.login(), membersById(group).get(u4.id()).getString("display"));
    assertFalse(readUser(u1.id()).containsKey("groups"));
    assertFalse(readUser(u3.id()).containsKey("groups"));
    assertTrue(readUser(u4.id()).containsKey("groups"));
  }

  @Test
  void pushNowWithTheSameListChangesNothing() {
    String id = create(randomName()).getString("id");
    Pushed u1 = pushUser();
    Pushed u2 = pushUser();
    String etag = patch(id, patchOf(add(u1, u2)));

    String again =
        patch(
            id,
            patchOf(
                """
                {"op": "replace", "path": "members", "value": %s}"""
                    .formatted(members(u2, u1))));

    assertEquals(etag, again);
    assertEquals(List.of(u1.id(), u2.id()), memberIds(read(id)));
  }

  // App Integration Wizard: PUT

  @Test
  void aiwPutReplacesNameAndMembersAndKeepingItsOwnNameIsNoConflict() {
    String name = randomName();
    String id = create(name).getString("id");
    Pushed u1 = pushUser();
    Pushed u2 = pushUser();
    Pushed u3 = pushUser();

    JsonObject first = put(id, putBody(id, name, u1, u2));
    assertEquals(name, first.getString("displayName"));
    assertEquals(List.of(u1.id(), u2.id()), memberIds(first));

    JsonObject second = put(id, putBody(id, name.toUpperCase(), u2, u3));
    assertEquals(name.toUpperCase(), second.getString("displayName"));
    assertEquals(Set.of(u2.id(), u3.id()), Set.copyOf(memberIds(second)), second::toString);
    assertEquals(2, memberIds(second).size());
    assertEquals(second, read(id));
    assertFalse(readUser(u1.id()).containsKey("groups"));

    String other = randomName();
    create(other);
    assertScimError(
        scim.send(okta("PUT", "/Groups/" + id, putBody(id, other, u3))), 409, "uniqueness");
    assertEquals(second, read(id));
  }

  // Delete

  @Test
  void deleteAnswers204AndLeavesTheUsersUntouched() {
    String name = randomName();
    String id = create(name).getString("id");
    Pushed u1 = pushUser();
    Pushed u2 = pushUser();
    patch(id, patchOf(add(u1, u2)));
    JsonObject userBefore = readUser(u1.id());
    assertEquals(1, userBefore.getJsonArray("groups").size());

    ScimClient.Reply delete = scim.send(okta("DELETE", "/Groups/" + id, null));

    assertEquals(204, delete.status(), delete::toString);
    assertScimError(scim.send(okta("GET", "/Groups/" + id, null)), 404, null);
    assertEquals(0, list(byName(name)).getInt("totalResults"));
    for (Pushed user : List.of(u1, u2)) {
      JsonObject after = readUser(user.id());
      assertEquals(user.login(), after.getString("userName"));
      assertEquals(JsonValue.TRUE, after.get("active"));
      assertFalse(after.containsKey("groups"), after::toString);
    }
  }

  // Import

  @Test
  void importPagesThroughEveryGroupExactlyOnce() {
    Set<String> mine = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      mine.add(create(randomName()).getString("id"));
    }
    long total = list("/Groups?startIndex=1&count=100").getJsonNumber("totalResults").longValue();

    List<String> seen = new ArrayList<>();
    for (int start = 1; start <= total; start += 2) {
      JsonObject page = list("/Groups?startIndex=" + start + "&count=2");
      assertEquals(start, page.getInt("startIndex"), page::toString);
      assertEquals(total, page.getJsonNumber("totalResults").longValue(), page::toString);
      assertEquals(Math.min(2, total - start + 1), page.getInt("itemsPerPage"), page::toString);
      seen.addAll(ids(page));
    }

    assertEquals(total, seen.size());
    assertEquals(seen.size(), new HashSet<>(seen).size(), seen::toString);
    assertTrue(seen.containsAll(mine), seen::toString);
  }

  /** As for users: a repeated import, and one after a delete, show every group once. */
  @Test
  void repeatedImportsAndAnImportAfterADeleteShowEveryGroupOnce() {
    for (int i = 0; i < 6; i++) {
      create(randomName());
    }
    List<String> first = importAll(4);
    assertEquals(first, importAll(4));
    String deleted = first.get(first.size() / 2);
    assertEquals(204, scim.send(okta("DELETE", "/Groups/" + deleted, null)).status());
    List<String> expected = new ArrayList<>(first);
    expected.remove(deleted);
    assertEquals(expected, importAll(4));
    assertEquals(expected, importAll(4));
  }

  private List<String> importAll(int count) {
    List<String> seen = new ArrayList<>();
    long total = Long.MAX_VALUE;
    for (int start = 1; start <= total; start += count) {
      JsonObject page = list("/Groups?startIndex=" + start + "&count=" + count);
      total = page.getJsonNumber("totalResults").longValue();
      assertEquals(Math.min(count, total - start + 1), page.getInt("itemsPerPage"), page::toString);
      seen.addAll(ids(page));
    }
    assertEquals(total, new HashSet<>(seen).size(), seen::toString);
    return seen;
  }

  // Helpers

  /**
   * A request with Okta's headers: {@code application/scim+json} with a charset, and Okta's
   * User-Agent.
   */
  private HttpRequest.Builder okta(String method, String path, String body) {
    HttpRequest.Builder request =
        scim.request(path, ACME_TOKEN)
            .header("Accept", "application/scim+json; charset=utf-8")
            .header("User-Agent", "Okta SCIM Client 1.0.0")
            .header("Content-Type", "application/scim+json; charset=utf-8");
    return body == null
        ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  private static String createBody(String name) {
    return """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "displayName": "%s",
          "members": []
        }
        """
        .formatted(name);
  }

  private JsonObject create(String name) {
    return assertScimJson(scim.send(okta("POST", "/Groups", createBody(name))), 201);
  }

  private JsonObject read(String id) {
    return assertScimJson(scim.send(okta("GET", "/Groups/" + id, null)), 200);
  }

  /** A group PATCH: 204 with the new version in the ETag, which is returned. */
  private String patch(String id, String body) {
    ScimClient.Reply reply = scim.send(okta("PATCH", "/Groups/" + id, body));
    assertEquals(204, reply.status(), reply::toString);
    assertTrue(reply.body().isEmpty(), reply::toString);
    String etag = reply.header("ETag").orElse("");
    assertTrue(etag.matches("W/\"\\d+\""), () -> "ETag of " + reply + ": " + etag);
    return etag;
  }

  private JsonObject put(String id, String body) {
    return assertScimJson(scim.send(okta("PUT", "/Groups/" + id, body)), 200);
  }

  private JsonObject list(String pathAndQuery) {
    return assertListResponse(scim.send(okta("GET", pathAndQuery, null)));
  }

  private JsonObject readUser(String id) {
    ScimClient.Reply reply = scim.send(okta("GET", "/Users/" + id, null));
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  /** Okta's link-by-name lookup, encoded as Okta encodes it. */
  private static String byName(String name) {
    return "/Groups?filter=displayName%20eq%20%22"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
        + "%22&startIndex=1&count=100";
  }

  /** A user as Okta pushed it on assignment. */
  private Pushed pushUser() {
    String login = "Runscope" + UUID.randomUUID().toString().substring(0, 8) + "Jensen@atko.com";
    ScimClient.Reply reply =
        scim.send(
            okta(
                "POST",
                "/Users",
                """
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                  "userName": "%s",
                  "name": {"givenName": "Barbara", "familyName": "Jensen"},
                  "emails": [{"primary": true, "value": "%s", "type": "work"}],
                  "displayName": "Barbara Jensen",
                  "locale": "en-US",
                  "externalId": "00u%s",
                  "groups": [],
                  "password": "1mz050nq",
                  "active": true
                }
                """
                    .formatted(
                        login,
                        login,
                        UUID.randomUUID().toString().replace("-", "").substring(0, 17))));
    assertEquals(201, reply.status(), reply::toString);
    return new Pushed(reply.json().getString("id"), login);
  }

  private static String randomName() {
    return "Okta Push " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Okta's name push: path-less replace of {id, displayName}. */
  private static String nameBody(String id, String name) {
    return patchOf(
        """
        {"op": "replace", "value": {"id": "%s", "displayName": "%s"}}"""
            .formatted(id, name));
  }

  private static String add(Pushed... users) {
    return """
        {"op": "add", "path": "members", "value": %s}"""
        .formatted(members(users));
  }

  private static String removeOne(Pushed user) {
    return """
        {"op": "remove", "path": "members[value eq \\"%s\\"]"}"""
        .formatted(user.id());
  }

  /** Members as Okta writes them: value and display (the login), no type. */
  private static String members(Pushed... users) {
    return List.of(users).stream()
        .map(u -> "{\"value\": \"" + u.id() + "\", \"display\": \"" + u.login() + "\"}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String putBody(String id, String name, Pushed... users) {
    return """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "id": "%s",
          "displayName": "%s",
          "members": %s
        }
        """
        .formatted(id, name, members(users));
  }

  private static Map<String, JsonObject> membersById(JsonObject group) {
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    group
        .getJsonArray("members")
        .getValuesAs(JsonObject.class)
        .forEach(m -> byId.put(m.getString("value"), m));
    return byId;
  }
}
