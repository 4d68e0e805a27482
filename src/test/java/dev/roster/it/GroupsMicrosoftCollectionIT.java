package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimJson.CORE_GROUP;
import static dev.roster.it.ScimJson.LIST_RESPONSE;
import static dev.roster.it.ScimJson.memberIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group requests of Microsoft's SCIM test collection (AzureAD/SCIMReferenceCode: the Postman
 * folders "Group tests", #19–#37, and "Group tests with garbage", #66–#71, and the Playwright
 * {@code GroupTests}), sent as the collection sends them: {@code application/json} bodies, the
 * lower-case {@code /groups} path, a create without a {@code members} key, members with {@code
 * displayName} in place of {@code display}, operations with an extra {@code name} key and a PatchOp
 * with a top-level {@code id}. Where the collection leaves the outcome open, the checks follow the
 * server's documented decisions: group PATCHes answer 204; a member's {@code displayName} is kept
 * as {@code display}; a PUT without {@code externalId} removes it; and member ids that are not
 * users or groups of the tenant (the collection's {@code "string id 1"}) are accepted but not
 * stored. The collection's global counts (an empty server) do not apply, since the tests of this
 * class share one database; names carry a random suffix instead.
 */
class GroupsMicrosoftCollectionIT extends BlackBox {

  String suffix;

  @BeforeEach
  void newSuffix() {
    suffix = UUID.randomUUID().toString().substring(0, 8);
  }

  // Create (#19, #22, #24, #66; Playwright PostEmptyGroup, PostGroup2WithMembers)

  @Test
  void createsEmptyGroupThroughTheLowerCasePath() {
    ScimClient.Reply reply =
        send(
            "POST",
            "/groups",
            """
            {"externalId":"%s","schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Group1DisplayName-%s","members":[]}
            """
                .formatted(UUID.randomUUID(), suffix));

    assertEquals(201, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject group = reply.json();
    assertFalse(group.getString("id").isBlank());
    assertEquals("Group1DisplayName-" + suffix, group.getString("displayName"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, group.getJsonArray("members"), reply::toString);
    assertEquals(List.of(CORE_GROUP), strings(group, "schemas"), reply::toString);
    assertFalse(group.getString("externalId").isBlank());
    assertEquals(scim.base() + "/Groups/" + group.getString("id"), reply.header("Location").get());

    ScimClient.Reply lowerCaseRead = send("GET", "/groups/" + group.getString("id"), null);
    assertEquals(200, lowerCaseRead.status(), lowerCaseRead::toString);
    assertEquals(group, lowerCaseRead.json());
  }

  @Test
  void createsGroupWithoutMembersKeyAndAnswersWithEmptyMembers() {
    ScimClient.Reply reply =
        send(
            "POST",
            "/Groups",
            """
            {"displayName":"Group 1 %s","externalId":"015489ea-9410-4306-b583-9f002b2446f7","schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}
            """
                .formatted(suffix));

    assertEquals(201, reply.status(), reply::toString);
    JsonObject group = reply.json();
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, group.getJsonArray("members"), reply::toString);
    assertEquals("015489ea-9410-4306-b583-9f002b2446f7", group.getString("externalId"));
    assertEquals(group, read(group.getString("id")));
  }

  @Test
  void createsFilledGroupAndKeepsTheMembersDisplay() {
    String id3 = createUser("UserName333");

    JsonObject group =
        create(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"%s","displayName":"GroupDisplayName2-%s","members":[{"value":"%s","display":"VP"}]}
            """
                .formatted(UUID.randomUUID(), suffix, id3));

    assertEquals(1, group.getJsonArray("members").size(), group::toString);
    JsonObject member = group.getJsonArray("members").getJsonObject(0);
    assertEquals(id3, member.getString("value"));
    assertEquals("VP", member.getString("display"));
    assertEquals("User", member.getString("type"));
    assertEquals(scim.base() + "/Users/" + id3, member.getString("$ref"));
    assertEquals(List.of(CORE_GROUP), strings(group, "schemas"));
    assertEquals(group, read(group.getString("id")));
  }

  // List (#23; Playwright GetGroups)

  @Test
  void listsGroupsThroughTheLowerCasePathAsAListResponse() {
    String g1 = createEmptyGroup("Group1DisplayName");
    String g2 = createEmptyGroup("GroupDisplayName2");

    ScimClient.Reply reply = send("GET", "/groups", null);

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject list = reply.json();
    assertEquals(List.of(LIST_RESPONSE), strings(list, "schemas"));
    assertEquals(1, list.getInt("startIndex"));
    assertEquals(list.getInt("itemsPerPage"), list.getJsonArray("Resources").size());
    assertTrue(list.getInt("totalResults") >= 2, list::toString);
    List<String> ids =
        list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
            .map(g -> g.getString("id"))
            .toList();
    assertTrue(ids.containsAll(List.of(g1, g2)), list::toString);
  }

  // PUT (#24–#26, #71; Playwright PutGroup3, GetGroup3, PutGroup)

  @Test
  void putWithoutExternalIdReplacesNameAndMembersAndDropsTheExternalId() {
    String id3 = createUser("UserName333");
    String id4 = createUser("UserName444");
    String groupid3 = createEmptyGroup("GroupDisplayName3");
    assertTrue(read(groupid3).containsKey("externalId"));

    ScimClient.Reply reply =
        send(
            "PUT",
            "/Groups/" + groupid3,
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"%s","displayName":"putName-%s","members":[{"value":"%s","display":"VP"},{"value":"%s","display":"SenorVP"}]}
            """
                .formatted(groupid3, suffix, id3, id4));

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject put = reply.json();
    assertEquals(groupid3, put.getString("id"));
    assertEquals("putName-" + suffix, put.getString("displayName"));
    assertFalse(put.containsKey("externalId"), reply::toString);
    assertEquals(List.of(id3, id4), memberIds(put));
    assertEquals("VP", put.getJsonArray("members").getJsonObject(0).getString("display"));
    assertEquals("SenorVP", put.getJsonArray("members").getJsonObject(1).getString("display"));

    // #26: the check sends a Content-Type header without a body
    ScimClient.Reply validate = send("GET", "/Groups/" + groupid3, null);
    assertEquals(200, validate.status(), validate::toString);
    assertEquals(put, validate.json());
    assertTrue(validate.body().contains(id3), validate::toString);
    assertFalse(validate.json().containsKey("externalId"), validate::toString);
  }

  @Test
  void putGivesGarbageGroupItsNewNameAndExternalId() {
    String id = createEmptyGroup("Group 1");

    ScimClient.Reply reply =
        send(
            "PUT",
            "/Groups/" + id,
            """
            {"id":"%s","displayName":"Tiffany Ortiz %s","externalId":"6c6b54c2-fa81-4234-ad4f-420ec6808049","schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}
            """
                .formatted(id, suffix));

    assertEquals(200, reply.status(), reply::toString);
    JsonObject group = reply.json();
    assertEquals("Tiffany Ortiz " + suffix, group.getString("displayName"));
    assertEquals("6c6b54c2-fa81-4234-ad4f-420ec6808049", group.getString("externalId"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, group.getJsonArray("members"));
    assertEquals(group, read(id));
  }

  // PATCH (#27–#32; Playwright PatchAddUser4Group1 … GetNoUsersGroup1)

  @Test
  void addWithNamedOperationKeepsTheMembersDisplayNameAsDisplay() {
    String groupid = createEmptyGroup("Group1DisplayName");
    String id4 = createUser("UserName444");

    assertEquals(204, patch(groupid, addMember(id4)).status());

    ScimClient.Reply reply = send("GET", "/Groups/" + groupid, null);
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.body().contains("new User"), reply::toString);
    JsonObject member = reply.json().getJsonArray("members").getJsonObject(0);
    assertEquals(id4, member.getString("value"));
    assertEquals("new User", member.getString("display"), reply::toString);
    assertFalse(member.containsKey("displayName"), reply::toString);
  }

  @Test
  void addThenRemoveByFilterThenAddAgainLeavesExactlyOneMember() {
    String groupid = createEmptyGroup("Group1DisplayName");
    String id4 = createUser("UserName444");

    assertEquals(204, patch(groupid, addMember(id4)).status());
    ScimClient.Reply remove =
        patch(
            groupid,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}
            """
                .formatted(id4));
    assertEquals(204, remove.status(), remove::toString);
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, read(groupid).getJsonArray("members"));
    assertEquals(204, patch(groupid, addMember(id4)).status());
    assertEquals(204, patch(groupid, addMember(id4)).status());

    JsonObject group = read(groupid);
    assertEquals(groupid, group.getString("id"));
    assertEquals(List.of(id4), memberIds(group), group::toString);
    assertTrue(group.toString().contains("new User"), group::toString);
  }

  @Test
  void removeAllUsersLeavesAnEmptyMembersList() {
    String groupid = createEmptyGroup("Group1DisplayName");
    String id3 = createUser("UserName333");
    String id4 = createUser("UserName444");
    patch(groupid, addMember(id3));
    patch(groupid, addMember(id4));
    assertEquals(2, memberIds(read(groupid)).size());

    ScimClient.Reply reply =
        patch(
            groupid,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members"}]}
            """);

    assertEquals(204, reply.status(), reply::toString);
    ScimClient.Reply get = send("GET", "/Groups/" + groupid, null);
    assertEquals(200, get.status(), get::toString);
    assertEquals(groupid, get.json().getString("id"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, get.json().getJsonArray("members"), get::toString);
    assertFalse(get.body().contains("new User"), get::toString);
  }

  // Garbage (#66–#70; Playwright PatchGroupAddJunkUsers, GetGroup, GetGroupExcludeMembers)

  @Test
  void garbageMemberIdsInBareStringAddsAnswer204ButAreNotStored() {
    String id = createEmptyGroup("Group 1");
    String before = read(id).getJsonObject("meta").getString("version");

    for (String junk : List.of("string id 1", "string id 2")) {
      ScimClient.Reply reply =
          patch(
              id,
              """
              {"id":"%s","Operations":[{"op":"add","path":"members","value":"%s"}],"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
              """
                  .formatted(id, junk));
      assertEquals(204, reply.status(), reply::toString);
      assertTrue(reply.body().isEmpty(), reply::toString);
    }

    JsonObject group = read(id);
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, group.getJsonArray("members"), group::toString);
    assertFalse(group.toString().contains("string id"), group::toString);
    assertEquals(before, group.getJsonObject("meta").getString("version"));

    ScimClient.Reply excluded = send("GET", "/Groups/" + id + "?excludedAttributes=members", null);
    assertEquals(200, excluded.status(), excluded::toString);
    assertEquals(id, excluded.json().getString("id"));
    assertEquals("Group 1 " + suffix, excluded.json().getString("displayName"));
    assertFalse(excluded.json().containsKey("members"), excluded::toString);
  }

  @Test
  void bareStringAddOfARealUserStoresThatOneMember() {
    String id = createEmptyGroup("Group 1");
    String user = createUser("OMalley");

    ScimClient.Reply reply =
        patch(
            id,
            """
            {"id":"%s","Operations":[{"op":"add","path":"members","value":"%s"}],"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
            """
                .formatted(id, user));

    assertEquals(204, reply.status(), reply::toString);
    JsonObject group = read(id);
    assertEquals(List.of(user), memberIds(group));
    assertEquals(
        Set.of("value", "$ref", "type"),
        group.getJsonArray("members").getJsonObject(0).keySet(),
        group::toString);
  }

  // Delete (#33–#37; Playwright DeleteGroup1 … DeleteUser4)

  @Test
  void deletesUsersThatAreStillMembersAndThenTheGroups() {
    String id3 = createUser("UserName333");
    String id4 = createUser("UserName444");
    String groupid2 =
        create(
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"%s","displayName":"GroupDisplayName2-%s","members":[{"value":"%s","display":"VP"}]}
                """
                    .formatted(UUID.randomUUID(), suffix, id3))
            .getString("id");
    String groupid3 = createEmptyGroup("GroupDisplayName3");
    ScimClient.Reply put =
        send(
            "PUT",
            "/Groups/" + groupid3,
            """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"%s","displayName":"putName-%s","members":[{"value":"%s","display":"VP"},{"value":"%s","display":"SenorVP"}]}
        """
                .formatted(groupid3, suffix, id3, id4));
    assertEquals(200, put.status(), put::toString);
    assertEquals(List.of(id3, id4), memberIds(read(groupid3)));

    assertEquals(204, send("DELETE", "/Users/" + id3, null).status());
    assertEquals(List.of(id4), memberIds(read(groupid3)));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, read(groupid2).getJsonArray("members"));
    assertEquals(204, send("DELETE", "/Users/" + id4, null).status());
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, read(groupid3).getJsonArray("members"));

    for (String group : List.of(groupid2, groupid3)) {
      ScimClient.Reply delete = send("DELETE", "/Groups/" + group, null);
      assertEquals(204, delete.status(), delete::toString);
      assertScimError(send("GET", "/Groups/" + group, null), 404, null);
    }
  }

  // Helpers

  /** A request as the collection sends it: application/json, also on GETs and DELETEs. */
  private ScimClient.Reply send(String method, String path, String body) {
    HttpRequest.Builder request =
        scim.request(path, ACME_TOKEN).header("Content-Type", "application/json");
    return scim.send(
        request.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  private ScimClient.Reply patch(String id, String body) {
    return send("PATCH", "/Groups/" + id, body);
  }

  private JsonObject create(String body) {
    return assertScimJson(send("POST", "/Groups", body), 201);
  }

  /** A group as #19/#24 create it: an externalId, the name with this test's suffix, no members. */
  private String createEmptyGroup(String name) {
    return create(
            """
            {"externalId":"%s","schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s %s","members":[]}
            """
                .formatted(UUID.randomUUID(), name, suffix))
        .getString("id");
  }

  private JsonObject read(String id) {
    return assertScimJson(send("GET", "/Groups/" + id, null), 200);
  }

  /** #20/#21: the enterprise and core schemas listed, no extension object. */
  private String createUser(String userName) {
    ScimClient.Reply reply =
        send(
            "POST",
            "/Users",
            """
            {"userName":"%s-%s","active":true,"displayName":"lennay","schemas":["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"%s","name":{"formatted":"Adrew Ryan","familyName":"Ryan","givenName":"Andrew"},"emails":[{"Primary":true,"type":"work","value":"testing@bob2.com"},{"Primary":false,"type":"home","value":"testinghome@bob3.com"}]}
            """
                .formatted(userName, UUID.randomUUID(), UUID.randomUUID()));
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  /** #27/#29: an operation with an extra {@code name}, a member with {@code displayName}. */
  private static String addMember(String id) {
    return """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"name":"addMember","op":"add","path":"members","value":[{"displayName":"new User","value":"%s"}]}]}
        """
        .formatted(id);
  }

  private static List<String> strings(JsonObject object, String key) {
    return object.getJsonArray(key).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }
}
