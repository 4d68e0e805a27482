package dev.roster.it;

import static dev.roster.it.Concurrently.simultaneously;
import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimAssertions.assertOneWinner;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimFixtures.addMembers;
import static dev.roster.it.ScimFixtures.caseVariant;
import static dev.roster.it.ScimFixtures.groupJson;
import static dev.roster.it.ScimFixtures.prefix;
import static dev.roster.it.ScimJson.CORE_GROUP;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.ids;
import static dev.roster.it.ScimJson.memberIds;
import static dev.roster.it.ScimJson.patchOf;
import static dev.roster.it.ScimJson.strings;
import static dev.roster.it.ScimJson.values;
import static dev.roster.it.ScimJson.version;
import static dev.roster.scim.schema.LongValues.ideographs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * {@code /Groups} as RFC 7643 §4.2 and RFC 7644 §3 describe it, beyond what Entra ID and Okta send,
 * for the resource itself: its representation, tenant isolation, a race for one displayName, ETags,
 * and bad input, which must be refused with the RFC's keyword and change nothing. {@link
 * GroupsMembershipIT} covers members and users' {@code groups}, {@link GroupsQueryIT} lists and
 * attribute selection.
 *
 * <p>Names carry a random prefix so that tests share the server but not their groups.
 */
class GroupsIT extends BlackBox {

  // Representation

  @Test
  void createAnswers201WithLocationETagAndTheRfcShape() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");

    ScimClient.Reply created =
        scim.post(
            "/Groups",
            ACME_TOKEN,
            """
            {"schemas": ["%s"], "displayName": "%sTour Guides", "externalId": "ext-%s",
             "members": [{"value": "%s", "display": "Babs Jensen"}]}
            """
                .formatted(CORE_GROUP, p, p, user));

    assertEquals(201, created.status(), created::toString);
    assertScimJson(created);
    JsonObject group = created.json();
    String id = group.getString("id");
    JsonObject meta = group.getJsonObject("meta");
    assertEquals(List.of(CORE_GROUP), strings(group.getJsonArray("schemas")));
    assertEquals(p + "Tour Guides", group.getString("displayName"));
    assertEquals("ext-" + p, group.getString("externalId"));
    assertEquals("Group", meta.getString("resourceType"));
    assertTrue(meta.getString("location").endsWith("/scim/v2/Groups/" + id), meta::toString);
    assertEquals(meta.getString("location"), created.header("Location").orElse(null));
    assertTrue(meta.getString("version").matches("W/\"\\d+\""), meta::toString);
    assertEquals(meta.getString("version"), created.header("ETag").orElse(null));
    JsonArray members = group.getJsonArray("members");
    assertEquals(1, members.size(), members::toString);
    JsonObject member = members.getJsonObject(0);
    assertEquals(user, member.getString("value"));
    assertEquals("User", member.getString("type"));
    assertEquals("Babs Jensen", member.getString("display"));
    assertEquals(
        fixtures.readUser(user).getJsonObject("meta").getString("location"),
        member.getString("$ref"));
    assertEquals(group, fixtures.readGroup(id));

    JsonObject bare = fixtures.readGroup(fixtures.group(p + "Empty"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, bare.getJsonArray("members"));
    assertFalse(bare.containsKey("externalId"), bare::toString);
  }

  @Test
  void memberWithoutDisplayHasNone() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String id = fixtures.group(p + "Staff", user);

    JsonObject member = fixtures.readGroup(id).getJsonArray("members").getJsonObject(0);

    assertEquals(Set.of("value", "$ref", "type"), member.keySet());
  }

  // Tenant isolation

  @Test
  void otherTenantCannotReadReplacePatchOrDeleteAGroup() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String id = fixtures.group(p + "Tour Guides", user);
    JsonObject before = fixtures.readGroup(id);
    String path = "/Groups/" + id;

    assertScimError(scim.get(path, GLOBEX_TOKEN), 404, null);
    assertScimError(
        scim.put(path, GLOBEX_TOKEN, "{\"displayName\": \"" + p + "Taken\", \"members\": []}"),
        404,
        null);
    assertScimError(
        scim.patch(path, GLOBEX_TOKEN, patchOf("{\"op\": \"remove\", \"path\": \"members\"}")),
        404,
        null);
    assertScimError(scim.delete(path, GLOBEX_TOKEN), 404, null);

    assertEquals(before, fixtures.readGroup(id));
    JsonObject found =
        fixtures.list(GLOBEX_TOKEN, "/Groups?filter=" + encoded("id eq \"" + id + "\""));
    assertEquals(0, found.getInt("totalResults"));
  }

  @Test
  void otherTenantsUsersAreSkippedAsMembersWhetherPostedPatchedOrPut() {
    String p = prefix("g");
    String acmeUser = fixtures.user(p + "bjensen");
    String acmeGroup = fixtures.group(p + "Acme Staff", acmeUser);
    String globexUser = fixtures.user(GLOBEX_TOKEN, p + "globex");

    ScimClient.Reply posted =
        scim.post("/Groups", GLOBEX_TOKEN, groupJson(p + "Globex Staff", acmeUser, globexUser));
    assertEquals(201, posted.status(), posted::toString);
    String globexGroup = posted.json().getString("id");
    assertEquals(List.of(globexUser), memberIds(posted.json()));

    ScimClient.Reply patched =
        scim.patch("/Groups/" + globexGroup, GLOBEX_TOKEN, patchOf(addMembers(acmeUser)));
    assertEquals(204, patched.status(), patched::toString);
    ScimClient.Reply patchedToAcmeGroup =
        scim.patch("/Groups/" + globexGroup, GLOBEX_TOKEN, patchOf(addMembers(acmeGroup)));
    assertEquals(204, patchedToAcmeGroup.status(), patchedToAcmeGroup::toString);
    assertEquals(
        List.of(globexUser),
        memberIds(fixtures.ok(scim.get("/Groups/" + globexGroup, GLOBEX_TOKEN))));

    ScimClient.Reply put =
        scim.put("/Groups/" + globexGroup, GLOBEX_TOKEN, groupJson(p + "Globex Staff", acmeUser));
    assertEquals(200, put.status(), put::toString);
    assertEquals(List.of(), memberIds(put.json()));
    assertEquals(
        List.of(), memberIds(fixtures.ok(scim.get("/Groups/" + globexGroup, GLOBEX_TOKEN))));

    for (String filter :
        List.of(
            "members.value eq \"" + acmeUser + "\"",
            "members[value eq \"" + acmeUser + "\"]",
            "displayName eq \"" + p + "Acme Staff\"")) {
      JsonObject found = fixtures.list(GLOBEX_TOKEN, "/Groups?filter=" + encoded(filter));
      assertEquals(0, found.getInt("totalResults"), filter);
    }
    JsonObject acmeFound = fixtures.groupsWhere("members.value eq \"" + acmeUser + "\"");
    assertEquals(List.of(acmeGroup), ids(acmeFound));

    // acme's user shows only acme's group, though globex tried to make it a member three times
    JsonArray groups = fixtures.readUser(acmeUser).getJsonArray("groups");
    assertEquals(List.of(acmeGroup), values(groups));
    assertFalse(fixtures.readUser(acmeUser).toString().contains(globexGroup));
  }

  // Concurrency

  @Test
  void twentySimultaneousCreatesOfOneDisplayNameGiveOneGroupAndNineteenConflicts()
      throws Exception {
    String displayName = prefix("g") + "race";
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String variant = caseVariant(displayName, i);
      creates.add(() -> scim.post("/Groups", ACME_TOKEN, groupJson(variant)));
    }

    List<ScimClient.Reply> replies = simultaneously(creates);

    ScimClient.Reply created = assertOneWinner(replies, 201);
    JsonObject found = fixtures.groupsWhere("displayName eq \"" + displayName + "\"");
    assertEquals(List.of(created.json().getString("id")), ids(found));
  }

  // ETags

  @Test
  void readCarriesTheVersionAsWeakETagAndIfNoneMatchAnswers304() {
    String id = fixtures.group(prefix("g") + "Tour Guides");
    ScimClient.Reply read = scim.get("/Groups/" + id, ACME_TOKEN);
    String etag = read.header("ETag").orElseThrow();
    assertTrue(etag.matches("W/\"\\d+\""), etag);
    assertEquals(etag, version(read.json()));

    ScimClient.Reply unchanged =
        scim.send(scim.request("/Groups/" + id, ACME_TOKEN).header("If-None-Match", etag).GET());

    assertEquals(304, unchanged.status(), unchanged::toString);
    assertEquals(etag, unchanged.header("ETag").orElse(null));
    assertEquals("", unchanged.body());
    fixtures.patchGroup(
        id, patchOf("{\"op\": \"replace\", \"path\": \"externalId\", \"value\": \"e1\"}"));
    ScimClient.Reply changed =
        scim.send(scim.request("/Groups/" + id, ACME_TOKEN).header("If-None-Match", etag).GET());
    assertEquals(200, changed.status(), changed::toString);
    assertEquals("e1", changed.json().getString("externalId"));
  }

  @Test
  void refusesChangesWhoseIfMatchIsStaleWith412AndChangesNothing() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String id = fixtures.group(p + "Tour Guides", user);
    String stale = version(fixtures.readGroup(id));
    fixtures.patchGroup(
        id, patchOf("{\"op\": \"replace\", \"path\": \"externalId\", \"value\": \"e1\"}"));
    JsonObject before = fixtures.readGroup(id);
    String path = "/Groups/" + id;

    List<HttpRequest.Builder> changes =
        List.of(
            scim.withJson("PUT", path, ACME_TOKEN, groupJson(p + "Renamed")),
            scim.withJson(
                "PATCH", path, ACME_TOKEN, patchOf("{\"op\": \"remove\", \"path\": \"members\"}")),
            scim.request(path, ACME_TOKEN).DELETE());
    for (HttpRequest.Builder change : changes) {
      // RFC 7644 §3.12 has no scimType for 412; UsersConcurrencyIT expects none either.
      assertScimError(scim.send(change.header("If-Match", stale)), 412, null);
      assertEquals(before, fixtures.readGroup(id));
    }

    ScimClient.Reply current =
        scim.send(
            scim.withJson(
                    "PATCH",
                    path,
                    ACME_TOKEN,
                    patchOf("{\"op\": \"remove\", \"path\": \"members\"}"))
                .header("If-Match", version(before)));
    assertEquals(204, current.status(), current::toString);
    assertEquals(List.of(), memberIds(fixtures.readGroup(id)));
  }

  @Test
  void patchThatChangesNothingKeepsTheVersion() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String id = fixtures.group(p + "Tour Guides", user);
    JsonObject before = fixtures.readGroup(id);

    ScimClient.Reply again = scim.patch("/Groups/" + id, ACME_TOKEN, patchOf(addMembers(user)));
    ScimClient.Reply sameName =
        scim.patch(
            "/Groups/" + id,
            ACME_TOKEN,
            patchOf(
                "{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \""
                    + p
                    + "Tour Guides\"}"));

    assertEquals(204, again.status(), again::toString);
    assertEquals(version(before), again.header("ETag").orElse(null));
    assertEquals(204, sameName.status(), sameName::toString);
    assertEquals(version(before), sameName.header("ETag").orElse(null));
    assertEquals(before, fixtures.readGroup(id));

    ScimClient.Reply changed =
        scim.patch("/Groups/" + id, ACME_TOKEN, patchOf(addMembers(fixtures.user(p + "jsmith"))));
    assertEquals(204, changed.status(), changed::toString);
    assertNotEquals(version(before), changed.header("ETag").orElse(null));
    assertEquals(changed.header("ETag").orElse(null), version(fixtures.readGroup(id)));
  }

  // Errors, all or nothing

  @Test
  void refusesGroupWithoutDisplayName() {
    String user = fixtures.user(prefix("g") + "bjensen");
    assertScimError(
        scim.post("/Groups", ACME_TOKEN, "{\"schemas\": [\"" + CORE_GROUP + "\"]}"),
        400,
        "invalidValue");
    assertScimError(
        scim.post(
            "/Groups",
            ACME_TOKEN,
            "{\"externalId\": \"x\", \"members\": [{\"value\": \"" + user + "\"}]}"),
        400,
        "invalidValue");
    assertFalse(fixtures.readUser(user).containsKey("groups"), "no group was made");
  }

  /** Names are bounded in bytes of UTF-8 like every value (2,400), the same on every database. */
  @Test
  void aNameOverTheByteLimitIsRefusedOnCreateReplaceAndPatch() {
    String p = prefix("g");
    String longest = p + ideographs((2400 - p.length()) / 3);
    String id = fixtures.group(longest);
    JsonObject before = fixtures.readGroup(id);
    assertEquals(longest, before.getString("displayName"));

    String tooLong = longest + "\u00e9";
    assertScimError(scim.post("/Groups", ACME_TOKEN, groupJson(tooLong)), 400, "invalidValue");
    assertScimError(scim.put("/Groups/" + id, ACME_TOKEN, groupJson(tooLong)), 400, "invalidValue");
    assertScimError(
        scim.patch(
            "/Groups/" + id,
            ACME_TOKEN,
            patchOf(
                "{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \""
                    + tooLong
                    + "\"}")),
        400,
        "invalidValue");
    assertEquals(before, fixtures.readGroup(id));
    assertEquals(
        0,
        scim.get("/Groups?filter=" + encoded("displayName eq \"" + tooLong + "\""), ACME_TOKEN)
            .json()
            .getInt("totalResults"));
  }

  @Test
  void replacementMayKeepItsOwnNameButNotTakeAnothersWith409() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    fixtures.group(p + "Managers");
    String id = fixtures.group(p + "Tour Guides", user);
    JsonObject before = fixtures.readGroup(id);

    ScimClient.Reply taken =
        scim.put("/Groups/" + id, ACME_TOKEN, groupJson(p.toUpperCase(Locale.ROOT) + "MANAGERS"));
    assertScimError(taken, 409, "uniqueness");
    assertEquals(before, fixtures.readGroup(id));

    ScimClient.Reply same =
        scim.put("/Groups/" + id, ACME_TOKEN, groupJson(p + "Tour Guides", user));
    assertEquals(200, same.status(), same::toString);
    assertEquals(before, same.json(), "nothing changed, not even the version");
    ScimClient.Reply recased =
        scim.put("/Groups/" + id, ACME_TOKEN, groupJson(p + "TOUR GUIDES", user));
    assertEquals(200, recased.status(), recased::toString);
    assertEquals(p + "TOUR GUIDES", fixtures.readGroup(id).getString("displayName"));
  }

  @Test
  void patchThatRenamesToAnotherGroupsNameIsRefusedWith409AndAddsNoMember() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    fixtures.group(p + "Managers");
    String id = fixtures.group(p + "Tour Guides");
    JsonObject before = fixtures.readGroup(id);

    ScimClient.Reply reply =
        scim.patch(
            "/Groups/" + id,
            ACME_TOKEN,
            patchOf(
                addMembers(user),
                "{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \""
                    + p
                    + "managers\"}"));

    assertScimError(reply, 409, "uniqueness");
    assertEquals(before, fixtures.readGroup(id));
  }

  @Test
  void patchWhoseLaterOperationFailsAppliesNone() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String member = fixtures.user(p + "jsmith");
    String id = fixtures.group(p + "Tour Guides", member);
    JsonObject before = fixtures.readGroup(id);

    Map<String, String> failures =
        Map.of(
            "{\"op\": \"replace\", \"path\": \"members[value eq \\\""
                + member
                + "\\\"].display\", \"value\": \"x\"}",
            "mutability",
            "{\"op\": \"remove\", \"path\": \"displayName\"}",
            "invalidValue",
            // passes parsing, fails when the member changes are applied, after the add
            "{\"op\": \"remove\", \"path\": \"members[$ref eq \\\"x\\\"]\"}",
            "invalidFilter",
            "{\"op\": \"add\", \"path\": \"members\", \"value\": [{\"value\": 42}]}",
            "invalidValue",
            "{\"op\": \"replace\", \"path\": \"noSuchAttribute\", \"value\": \"x\"}",
            "invalidPath");
    for (Map.Entry<String, String> failure : failures.entrySet()) {
      ScimClient.Reply reply =
          scim.patch(
              "/Groups/" + id,
              ACME_TOKEN,
              patchOf(
                  addMembers(user),
                  "{\"op\": \"replace\", \"path\": \"externalId\", \"value\": \"changed\"}",
                  failure.getKey()));

      assertScimError(reply, 400, failure.getValue());
      assertEquals(before, fixtures.readGroup(id), failure.getKey());
    }
    assertFalse(fixtures.readUser(user).containsKey("groups"));
  }

  @Test
  void refusesMalformedMembersWithInvalidValueAndChangesNothing() {
    String p = prefix("g");
    String member = fixtures.user(p + "bjensen");
    String id = fixtures.group(p + "Tour Guides", member);
    JsonObject before = fixtures.readGroup(id);

    for (String members :
        List.of(
            "[{\"display\": \"x\"}]",
            "[{\"value\": 42}]",
            "[{\"value\": \"\"}]",
            "[{\"value\": \"" + member + "\", \"display\": 7}]",
            "[42]",
            "{\"value\": null}")) {
      String body = "{\"displayName\": \"" + p + "Other\", \"members\": " + members + "}";
      assertScimError(scim.post("/Groups", ACME_TOKEN, body), 400, "invalidValue");
      assertScimError(scim.put("/Groups/" + id, ACME_TOKEN, body), 400, "invalidValue");
      assertScimError(
          scim.patch(
              "/Groups/" + id,
              ACME_TOKEN,
              patchOf("{\"op\": \"add\", \"path\": \"members\", \"value\": " + members + "}")),
          400,
          "invalidValue");
      assertEquals(before, fixtures.readGroup(id), members);
    }
    assertEquals(
        0, fixtures.groupsWhere("displayName eq \"" + p + "Other\"").getInt("totalResults"));
  }
}
