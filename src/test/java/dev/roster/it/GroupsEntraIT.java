package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimJson.CORE_GROUP;
import static dev.roster.it.ScimJson.LIST_RESPONSE;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.memberIds;
import static dev.roster.it.ScimJson.patchOf;
import static dev.roster.it.ScimJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Microsoft Entra ID's provisioning of one group, replayed request by request as Entra sends it
 * (docs/request-shapes.md: #entra-group-flow, G1–G7, #entra-status-codes, Q3 and Q11): the match
 * query with {@code excludedAttributes=members}, the create from the default mapping (legacy ADSCIM
 * schema URI, {@code meta}, no members), the read without members, the membership PATCHes in both
 * of Entra's modes (capitalised {@code Add}/{@code Remove} with value lists, {@code $ref: null},
 * and the {@code members[value eq "…"]} filter), clearing and replacing the member list, renames
 * with and without a path, and the hard delete. Group PATCHes answer 204 with an ETag, as Entra's
 * documentation recommends; every change is checked by reading the group (and its users) back.
 */
class GroupsEntraIT extends BlackBox {

  /** A group as Entra knows it: the displayName and the objectId that becomes externalId. */
  record EntraGroup(String displayName, String objectId) {

    static EntraGroup random() {
      return new EntraGroup(
          "Sales Team " + UUID.randomUUID().toString().substring(0, 8),
          UUID.randomUUID().toString());
    }

    /** POST /Groups as the tutorial shows it: the legacy ADSCIM URI, meta, no members. */
    String createBody() {
      return """
          {
            "schemas": [
              "urn:ietf:params:scim:schemas:core:2.0:Group",
              "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
            "externalId": "%s",
            "displayName": "%s",
            "meta": {
              "resourceType": "Group"
            }
          }
          """
          .formatted(objectId, displayName);
    }
  }

  // Match and Test Connection

  @Test
  void matchQueryForUnknownGroupAnswersEmptyListResponse() {
    ScimClient.Reply reply =
        scim.get(
            "/Groups?excludedAttributes=members&filter=displayName+eq+%22"
                + UUID.randomUUID()
                + "%22",
            ACME_TOKEN);

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject list = reply.json();
    assertEquals(List.of(LIST_RESPONSE), strings(list.getJsonArray("schemas")), reply::toString);
    assertEquals(0, list.getJsonNumber("totalResults").intValueExact(), reply::toString);
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, list.getJsonArray("Resources"), reply::toString);
  }

  @Test
  void matchQueryFindsTheGroupWithoutMembersEvenWhenItHasMembers() {
    EntraGroup group = EntraGroup.random();
    assertEquals(0, match(group.displayName()).getInt("totalResults"));
    String id = create(group.createBody()).getString("id");
    String u1 = createUser();
    String u2 = createUser();
    patch(id, patchOf(membersOperation("Add", u1, u2)));

    JsonObject list = match(group.displayName());

    assertEquals(1, list.getInt("totalResults"), list::toString);
    assertEquals(1, list.getJsonArray("Resources").size(), list::toString);
    JsonObject found = list.getJsonArray("Resources").getJsonObject(0);
    assertEquals(id, found.getString("id"));
    assertEquals(group.displayName(), found.getString("displayName"));
    assertEquals(group.objectId(), found.getString("externalId"));
    assertFalse(found.containsKey("members"), () -> "members in " + list);
    assertFalse(list.toString().contains(u1), list::toString);
    // without the exclusion, the same query shows both members
    JsonObject withMembers =
        listOf("/Groups?filter=displayName+eq+%22" + encoded(group.displayName()) + "%22");
    assertEquals(
        List.of(u1, u2),
        memberIds(withMembers.getJsonArray("Resources").getJsonObject(0)),
        withMembers::toString);
  }

  @Test
  void matchQueryIgnoresCaseOfDisplayNameAndAlsoMatchesExternalId() {
    EntraGroup group = EntraGroup.random();
    String id = create(group.createBody()).getString("id");

    for (String name :
        List.of(group.displayName().toUpperCase(), group.displayName().toLowerCase())) {
      JsonObject list = match(name);
      assertEquals(1, list.getInt("totalResults"), name);
      assertEquals(id, list.getJsonArray("Resources").getJsonObject(0).getString("id"), name);
    }
    JsonObject byObjectId =
        listOf(
            "/Groups?excludedAttributes=members&filter=externalId+eq+%22"
                + group.objectId()
                + "%22");
    assertEquals(1, byObjectId.getInt("totalResults"), byObjectId::toString);
    assertEquals(id, byObjectId.getJsonArray("Resources").getJsonObject(0).getString("id"));
    assertFalse(
        byObjectId.getJsonArray("Resources").getJsonObject(0).containsKey("members"),
        byObjectId::toString);
  }

  // Create and read

  @Test
  void createsGroupFromEntrasBodyWith201IgnoringLegacySchemaAndMeta() {
    EntraGroup group = EntraGroup.random();

    ScimClient.Reply reply = scim.post("/Groups", ACME_TOKEN, group.createBody());

    assertEquals(201, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject created = reply.json();
    String id = created.getString("id");
    assertFalse(id.isBlank());
    assertEquals(List.of(CORE_GROUP), strings(created.getJsonArray("schemas")), reply::toString);
    assertFalse(reply.body().contains("ADSCIM"), reply::toString);
    assertEquals(group.displayName(), created.getString("displayName"));
    assertEquals(group.objectId(), created.getString("externalId"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, created.getJsonArray("members"), reply::toString);
    JsonObject meta = created.getJsonObject("meta");
    assertEquals("Group", meta.getString("resourceType"));
    assertFalse(meta.getString("created").isBlank());
    assertFalse(meta.getString("lastModified").isBlank());
    assertEquals(scim.base() + "/Groups/" + id, meta.getString("location"));
    assertEquals(meta.getString("location"), reply.header("Location").orElse(null));
    String etag = reply.header("ETag").orElse("");
    assertTrue(etag.matches("W/\"\\d+\""), () -> "ETag " + etag);
    assertEquals(etag, meta.getString("version"));
    assertEquals(
        Set.of("schemas", "id", "externalId", "displayName", "members", "meta"),
        created.keySet(),
        reply::toString);

    assertEquals(created, read(id));
  }

  @Test
  void readsGroupByIdWithoutMembersWhenExcluded() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String user = createUser();
    patch(id, patchOf(membersOperation("Add", user)));

    ScimClient.Reply reply = scim.get("/Groups/" + id + "?excludedAttributes=members", ACME_TOKEN);

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject group = reply.json();
    assertEquals(id, group.getString("id"));
    assertFalse(group.containsKey("members"), reply::toString);
    assertFalse(reply.body().contains(user), reply::toString);
    assertTrue(group.containsKey("displayName"), reply::toString);
    assertEquals(List.of(user), memberIds(read(id)));
  }

  @Test
  void refusesGroupWithoutDisplayNameWith400InvalidValue() {
    assertScimError(
        scim.post(
            "/Groups",
            ACME_TOKEN,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "externalId": "%s"}
            """
                .formatted(UUID.randomUUID())),
        400,
        "invalidValue");
  }

  @Test
  void refusesDuplicateDisplayNameInAnyCaseWith409Uniqueness() {
    EntraGroup group = EntraGroup.random();
    String id = create(group.createBody()).getString("id");

    assertScimError(scim.post("/Groups", ACME_TOKEN, group.createBody()), 409, "uniqueness");
    EntraGroup shouting = new EntraGroup(group.displayName().toUpperCase(), "other");
    assertScimError(scim.post("/Groups", ACME_TOKEN, shouting.createBody()), 409, "uniqueness");

    String otherId = create(EntraGroup.random().createBody()).getString("id");
    ScimClient.Reply rename =
        scim.patch(
            "/Groups/" + otherId,
            ACME_TOKEN,
            patchOf(
                """
                {"op": "Replace", "path": "displayName", "value": "%s"}"""
                    .formatted(group.displayName().toLowerCase())));
    assertScimError(rename, 409, "uniqueness");
    assertNotEquals(group.displayName().toLowerCase(), read(otherId).getString("displayName"));
    assertEquals(1, match(group.displayName()).getInt("totalResults"));
    assertEquals(
        id, match(group.displayName()).getJsonArray("Resources").getJsonObject(0).getString("id"));
  }

  // Membership (G1–G5, G7)

  @Test
  void g1AddsSeveralMembersInOneCapitalisedAddWithNullRefsAnd204() {
    EntraGroup entra = EntraGroup.random();
    JsonObject created = create(entra.createBody());
    String id = created.getString("id");
    String before = created.getJsonObject("meta").getString("version");
    String u1 = createUser();
    String u2 = createUser();
    String u3 = createUser();

    String etag =
        patch(
            id,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{
                "op": "Add",
                "path": "members",
                "value": [
                  {"$ref": null, "value": "%s"},
                  {"$ref": null, "value": "%s"},
                  {"$ref": null, "value": "%s"}
                ]
              }]
            }
            """
                .formatted(u1, u2, u3));

    assertNotEquals(before, etag);
    JsonObject group = read(id);
    assertEquals(etag, group.getJsonObject("meta").getString("version"));
    assertEquals(List.of(u1, u2, u3), memberIds(group), group::toString);
    for (JsonObject member : group.getJsonArray("members").getValuesAs(JsonObject.class)) {
      String value = member.getString("value");
      assertEquals("User", member.getString("type"), group::toString);
      assertEquals(scim.base() + "/Users/" + value, member.getString("$ref"), group::toString);
      assertFalse(member.containsKey("display"), group::toString);
    }
    for (String user : List.of(u1, u2, u3)) {
      JsonArray groups = readUser(user).getJsonArray("groups");
      assertEquals(1, groups.size(), groups::toString);
      JsonObject membership = groups.getJsonObject(0);
      assertEquals(id, membership.getString("value"));
      assertEquals(scim.base() + "/Groups/" + id, membership.getString("$ref"));
      assertEquals(entra.displayName(), membership.getString("display"));
      assertEquals("direct", membership.getString("type"));
    }
  }

  @Test
  void readdingAMemberOrRemovingANonMemberChangesNothingNotEvenTheVersion() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String u1 = createUser();
    String u2 = createUser();
    String etag = patch(id, patchOf(membersOperation("Add", u1, u2)));

    assertEquals(etag, patch(id, patchOf(membersOperation("Add", u2, u1))));
    assertEquals(etag, patch(id, patchOf(membersOperation("Remove", createUser()))));
    assertEquals(
        etag,
        patch(
            id,
            patchOf(
                """
                {"op": "remove", "path": "members[value eq \\"%s\\"]"}"""
                    .formatted(UUID.randomUUID()))));

    JsonObject group = read(id);
    assertEquals(etag, group.getJsonObject("meta").getString("version"));
    assertEquals(List.of(u1, u2), memberIds(group));
  }

  @Test
  void g2RemoveWithPathMembersAndValueListRemovesOnlyTheListedMembers() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String u1 = createUser();
    String u2 = createUser();
    String u3 = createUser();
    String u4 = createUser();
    patch(id, patchOf(membersOperation("Add", u1, u2, u3, u4)));

    patch(id, patchOf(membersOperation("Remove", u1, u3)));

    assertEquals(List.of(u2, u4), memberIds(read(id)));
    assertFalse(readUser(u1).containsKey("groups"), () -> readUser(u1).toString());
    assertEquals(id, readUser(u2).getJsonArray("groups").getJsonObject(0).getString("value"));
  }

  @Test
  void g3RemoveWithValueFilterOnMembersRemovesThatMemberOnly() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String u1 = createUser();
    String u2 = createUser();
    String u3 = createUser();
    patch(id, patchOf(membersOperation("Add", u1, u2, u3)));

    patch(
        id,
        patchOf(
            """
            {"op": "remove", "path": "members[value eq \\"%s\\"]"}"""
                .formatted(u2)));

    assertEquals(List.of(u1, u3), memberIds(read(id)));
  }

  @Test
  void g4RemoveMembersWithoutValueClearsTheGroup() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String u1 = createUser();
    String u2 = createUser();
    patch(id, patchOf(membersOperation("Add", u1, u2)));

    patch(
        id,
        patchOf(
            """
        {"op": "Remove", "path": "members"}"""));

    JsonObject group = read(id);
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, group.getJsonArray("members"), group::toString);
    assertFalse(readUser(u1).containsKey("groups"), () -> readUser(u1).toString());
    assertFalse(readUser(u2).containsKey("groups"), () -> readUser(u2).toString());
  }

  @Test
  void g5ReplaceMembersMakesTheListExactlyTheGivenOne() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String u1 = createUser();
    String u2 = createUser();
    String u3 = createUser();
    patch(id, patchOf(membersOperation("Add", u1, u2)));

    patch(id, patchOf(membersOperation("replace", u2, u3)));

    assertEquals(Set.of(u2, u3), Set.copyOf(memberIds(read(id))));
    assertEquals(2, memberIds(read(id)).size());
    assertFalse(readUser(u1).containsKey("groups"));

    patch(
        id,
        patchOf(
            """
        {"op": "replace", "path": "members", "value": []}"""));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, read(id).getJsonArray("members"));
  }

  @Test
  void g7AcceptsABareStringAsOneMemberId() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String user = createUser();

    patch(
        id,
        patchOf(
            """
            {"op": "add", "path": "members", "value": "%s"}"""
                .formatted(user)));
    patch(
        id,
        patchOf(
            """
        {"op": "add", "path": "members", "value": "string id 1"}"""));

    JsonObject group = read(id);
    assertEquals(List.of(user), memberIds(group), group::toString);
    assertFalse(group.toString().contains("string id 1"), group::toString);
  }

  @Test
  void storesNoMemberThatIsNotAUserOfTheTenant() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String user = createUser();
    String deleted = createUser();
    assertEquals(204, scim.delete("/Users/" + deleted, ACME_TOKEN).status());
    String globexUser = createUser(GLOBEX_TOKEN);

    patch(
        id,
        patchOf(membersOperation("Add", UUID.randomUUID().toString(), user, deleted, globexUser)));

    assertEquals(List.of(user), memberIds(read(id)));
    assertFalse(
        scim.get("/Users/" + globexUser, GLOBEX_TOKEN).json().containsKey("groups"),
        "another tenant's user must not be in an acme group");
  }

  // Group attributes (G6)

  @Test
  void g6RenamesWithCapitalisedReplaceOfDisplayName() {
    EntraGroup entra = EntraGroup.random();
    String id = create(entra.createBody()).getString("id");
    String user = createUser();
    patch(id, patchOf(membersOperation("Add", user)));
    String renamed = "Renamed " + UUID.randomUUID().toString().substring(0, 8);

    patch(
        id,
        patchOf(
            """
            {"op": "Replace", "path": "displayName", "value": "%s"}"""
                .formatted(renamed)));

    JsonObject group = read(id);
    assertEquals(renamed, group.getString("displayName"));
    assertEquals(entra.objectId(), group.getString("externalId"));
    assertEquals(List.of(user), memberIds(group));
    assertEquals(0, match(entra.displayName()).getInt("totalResults"));
    assertEquals(1, match(renamed).getInt("totalResults"));
    assertEquals(
        renamed, readUser(user).getJsonArray("groups").getJsonObject(0).getString("display"));
  }

  @Test
  void g6PathlessReplaceChangesDisplayNameAndExternalIdAndLeavesMembersAlone() {
    EntraGroup entra = EntraGroup.random();
    String id = create(entra.createBody()).getString("id");
    String user = createUser();
    patch(id, patchOf(membersOperation("Add", user)));
    String renamed = "Renamed " + UUID.randomUUID().toString().substring(0, 8);
    String newObjectId = UUID.randomUUID().toString();

    patch(
        id,
        patchOf(
            """
            {"op": "replace", "value": {"displayName": "%s"}}"""
                .formatted(renamed)));
    JsonObject afterRename = read(id);
    assertEquals(renamed, afterRename.getString("displayName"));
    assertEquals(entra.objectId(), afterRename.getString("externalId"));

    patch(
        id,
        patchOf(
            """
            {"op": "replace", "value": {"externalId": "%s"}}"""
                .formatted(newObjectId)));
    JsonObject group = read(id);
    assertEquals(renamed, group.getString("displayName"));
    assertEquals(newObjectId, group.getString("externalId"));
    assertEquals(List.of(user), memberIds(group));
  }

  @Test
  void patchAsksForTheResultWithExcludedAttributesAndGets200WithoutMembers() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String user = createUser();

    ScimClient.Reply reply =
        scim.patch(
            "/Groups/" + id + "?excludedAttributes=members",
            ACME_TOKEN,
            patchOf(membersOperation("Add", user)));

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject group = reply.json();
    assertEquals(id, group.getString("id"));
    assertFalse(group.containsKey("members"), reply::toString);
    assertEquals(group.getJsonObject("meta").getString("version"), reply.header("ETag").orElse(""));
    assertEquals(List.of(user), memberIds(read(id)));
  }

  @Test
  void refusesPatchOfAMembersSubAttributeAndChangesNothing() {
    String id = create(EntraGroup.random().createBody()).getString("id");
    String user = createUser();
    patch(id, patchOf(membersOperation("Add", user)));
    JsonObject before = read(id);

    ScimClient.Reply reply =
        scim.patch(
            "/Groups/" + id,
            ACME_TOKEN,
            patchOf(
                """
                {"op": "replace", "path": "members[value eq \\"%s\\"].display", "value": "x"}"""
                    .formatted(user)));

    assertEquals(400, reply.status(), reply::toString);
    JsonObject error = assertScimError(reply, 400, reply.json().getString("scimType", "(none)"));
    assertTrue(
        Set.of("invalidPath", "invalidFilter", "mutability").contains(error.getString("scimType")),
        reply::toString);
    assertEquals(before, read(id));
  }

  @Test
  void answersPatchOfUnknownGroupWith404() {
    assertScimError(
        scim.patch(
            "/Groups/" + UUID.randomUUID(),
            ACME_TOKEN,
            patchOf(membersOperation("Add", createUser()))),
        404,
        null);
  }

  // Delete

  @Test
  void deleteAnswers204ThenTheGroupIsGoneAndItsUsersRemain() {
    EntraGroup entra = EntraGroup.random();
    String id = create(entra.createBody()).getString("id");
    String user = createUser();
    patch(id, patchOf(membersOperation("Add", user)));

    ScimClient.Reply delete = scim.delete("/Groups/" + id, ACME_TOKEN);

    assertEquals(204, delete.status(), delete::toString);
    assertTrue(delete.body().isEmpty(), delete::toString);
    assertScimError(scim.get("/Groups/" + id, ACME_TOKEN), 404, null);
    assertScimError(scim.delete("/Groups/" + id, ACME_TOKEN), 404, null);
    assertEquals(0, match(entra.displayName()).getInt("totalResults"));
    JsonObject stillThere = readUser(user);
    assertFalse(stillThere.containsKey("groups"), stillThere::toString);
    // the name is free again
    create(entra.createBody());
  }

  // The whole flow

  @Test
  void provisionsRenamesRepopulatesAndDeletesOneGroupAsEntraDoes() {
    EntraGroup entra = EntraGroup.random();
    String byName = entra.displayName();
    String alice = createUser();
    String bob = createUser();
    String carol = createUser();

    assertEquals(0, match(byName).getInt("totalResults"));
    String id = create(entra.createBody()).getString("id");
    ScimClient.Reply read = scim.get("/Groups/" + id + "?excludedAttributes=members", ACME_TOKEN);
    assertEquals(200, read.status(), read::toString);
    assertFalse(read.json().containsKey("members"), read::toString);

    patch(id, patchOf(membersOperation("Add", alice, bob)));
    JsonObject matched = match(byName);
    assertEquals(1, matched.getInt("totalResults"));
    assertFalse(matched.getJsonArray("Resources").getJsonObject(0).containsKey("members"));

    patch(
        id,
        patchOf(
            membersOperation("Remove", alice),
            membersOperation("Add", carol),
            """
            {"op": "Replace", "path": "displayName", "value": "%s (EMEA)"}"""
                .formatted(byName)));
    JsonObject group = read(id);
    assertEquals(List.of(bob, carol), memberIds(group));
    assertEquals(byName + " (EMEA)", group.getString("displayName"));
    assertEquals(0, match(byName).getInt("totalResults"));

    assertEquals(204, scim.delete("/Groups/" + id, ACME_TOKEN).status());
    assertScimError(scim.get("/Groups/" + id, ACME_TOKEN), 404, null);
    assertEquals(0, match(byName + " (EMEA)").getInt("totalResults"));
    for (String user : List.of(alice, bob, carol)) {
      assertFalse(readUser(user).containsKey("groups"));
    }
  }

  // Helpers

  private JsonObject create(String body) {
    return assertScimJson(scim.post("/Groups", ACME_TOKEN, body), 201);
  }

  private JsonObject read(String id) {
    ScimClient.Reply reply = scim.get("/Groups/" + id, ACME_TOKEN);
    JsonObject group = assertScimJson(reply, 200);
    assertEquals(group.getJsonObject("meta").getString("version"), reply.header("ETag").orElse(""));
    return group;
  }

  /** A group PATCH as Entra sends it: 204, no body, the new version in the ETag (returned). */
  private String patch(String id, String body) {
    ScimClient.Reply reply = scim.patch("/Groups/" + id, ACME_TOKEN, body);
    assertEquals(204, reply.status(), reply::toString);
    assertTrue(reply.body().isEmpty(), reply::toString);
    String etag = reply.header("ETag").orElse("");
    assertTrue(etag.matches("W/\"\\d+\""), () -> "ETag of " + reply + ": " + etag);
    return etag;
  }

  /** Entra's match: GET /Groups?excludedAttributes=members&filter=displayName eq "…". */
  private JsonObject match(String displayName) {
    JsonObject list =
        listOf(
            "/Groups?excludedAttributes=members&filter=displayName+eq+%22"
                + encoded(displayName)
                + "%22");
    for (JsonObject group : list.getJsonArray("Resources").getValuesAs(JsonObject.class)) {
      assertFalse(group.containsKey("members"), () -> "members in " + list);
    }
    return list;
  }

  private JsonObject listOf(String pathAndQuery) {
    ScimClient.Reply reply = scim.get(pathAndQuery, ACME_TOKEN);
    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject list = reply.json();
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0), reply::toString);
    assertEquals(
        list.getInt("totalResults"), list.getJsonArray("Resources").size(), reply::toString);
    return list;
  }

  private JsonObject readUser(String id) {
    ScimClient.Reply reply = scim.get("/Users/" + id, ACME_TOKEN);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private String createUser() {
    return createUser(ACME_TOKEN);
  }

  /** A user from Entra's default mapping, as an earlier cycle provisioned it. */
  private String createUser(String token) {
    String n = UUID.randomUUID().toString().substring(0, 8);
    ScimClient.Reply reply =
        scim.post(
            "/Users",
            token,
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "externalId": "%s",
              "userName": "Test_User_%s@contoso.onmicrosoft.com",
              "active": true,
              "displayName": "Barbara Jensen",
              "emails": [{"primary": true, "type": "work", "value": "Test_User_%s@testuser.com"}],
              "meta": {"resourceType": "User"},
              "name": {"formatted": "Barbara Jensen", "familyName": "Jensen", "givenName": "Barbara"}
            }
            """
                .formatted(UUID.randomUUID(), n, n));
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  /** One operation on {@code members} whose value lists the ids, as Entra writes it. */
  private static String membersOperation(String op, String... ids) {
    String value =
        Arrays.stream(ids)
            .map(id -> "{\"value\": \"" + id + "\"}")
            .collect(Collectors.joining(", ", "[", "]"));
    return """
        {"op": "%s", "path": "members", "value": %s}"""
        .formatted(op, value);
  }
}
