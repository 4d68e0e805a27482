package dev.roster.it;

import static dev.roster.it.Concurrently.inParallel;
import static dev.roster.it.Concurrently.simultaneously;
import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimFixtures.addMembers;
import static dev.roster.it.ScimFixtures.prefix;
import static dev.roster.it.ScimJson.byValue;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.ids;
import static dev.roster.it.ScimJson.memberIds;
import static dev.roster.it.ScimJson.patchOf;
import static dev.roster.it.ScimJson.values;
import static dev.roster.it.ScimJson.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Members of {@code /Groups} and users' {@code groups}: concurrent member changes, a group of
 * 10,000 members, nested groups, direct and indirect groups, what a deletion removes, and member
 * lists replaced by PUT.
 */
class GroupsMembershipIT extends BlackBox {

  // Concurrency

  @Test
  void twentySimultaneousPatchesAddingDifferentMembersAllSurvive() throws Exception {
    String p = prefix("g");
    String id = fixtures.group(p + "Crowd");
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      users.add(fixtures.user(p + "user" + i));
    }
    List<Callable<ScimClient.Reply>> patches = new ArrayList<>();
    for (String user : users) {
      patches.add(() -> scim.patch("/Groups/" + id, ACME_TOKEN, patchOf(addMembers(user))));
    }

    List<ScimClient.Reply> replies = simultaneously(patches);

    for (ScimClient.Reply reply : replies) {
      assertEquals(204, reply.status(), reply::toString);
      assertTrue(reply.header("ETag").isPresent(), reply::toString);
    }
    List<String> members = memberIds(fixtures.readGroup(id));
    assertEquals(20, members.size(), members::toString);
    assertEquals(new HashSet<>(users), new HashSet<>(members));
    Set<String> etags = new HashSet<>();
    replies.forEach(r -> etags.add(r.header("ETag").orElseThrow()));
    assertEquals(20, etags.size(), () -> "each PATCH made its own version: " + etags);
  }

  // Size

  @Test
  void aGroupOfTenThousandMembersIsReadWholeAndChangedByOneMember() throws Exception {
    int size = 10_000;
    String p = prefix("g");
    long start = System.nanoTime();
    List<String> users = fixtures.createUsers(p, size);
    long usersDone = System.nanoTime();
    String id = fixtures.group(p + "Everyone");
    List<Callable<ScimClient.Reply>> batches = new ArrayList<>();
    for (int from = 0; from < size; from += 100) {
      String op = addMembers(users.subList(from, from + 100).toArray(String[]::new));
      batches.add(() -> scim.patch("/Groups/" + id, ACME_TOKEN, patchOf(op)));
    }
    for (ScimClient.Reply reply : inParallel(batches, 4)) {
      assertEquals(204, reply.status(), reply::toString);
    }
    long membersDone = System.nanoTime();

    JsonObject whole = fixtures.readGroup(id);
    long readDone = System.nanoTime();
    List<String> members = memberIds(whole);
    assertEquals(size, members.size());
    assertEquals(size, new HashSet<>(members).size(), "no member twice");
    assertEquals(new HashSet<>(users), new HashSet<>(members));
    System.out.printf(
        "GroupsMembershipIT: %d users created in %d ms, added in %d ms, group read in %d ms%n",
        size,
        (usersDone - start) / 1_000_000,
        (membersDone - usersDone) / 1_000_000,
        (readDone - membersDone) / 1_000_000);

    JsonObject head =
        fixtures.ok(scim.get("/Groups/" + id + "?excludedAttributes=members", ACME_TOKEN));
    assertFalse(head.containsKey("members"), head::toString);
    assertEquals(whole.getJsonObject("meta"), head.getJsonObject("meta"));
    JsonObject listed =
        fixtures.list(
            ACME_TOKEN,
            "/Groups?excludedAttributes=members&filter="
                + encoded("displayName eq \"" + p + "everyone\""));
    assertEquals(1, listed.getInt("totalResults"));
    assertFalse(listed.getJsonArray("Resources").getJsonObject(0).containsKey("members"));
    assertEquals(
        List.of(id), ids(fixtures.groupsWhere("members.value eq \"" + users.get(4321) + "\"")));

    String newcomer = fixtures.user(p + "newcomer");
    String leaver = users.get(777);
    fixtures.patchGroup(
        id,
        patchOf(
            addMembers(newcomer),
            "{\"op\": \"remove\", \"path\": \"members[value eq \\\"" + leaver + "\\\"]\"}"));

    List<String> after = memberIds(fixtures.readGroup(id));
    assertEquals(size, after.size());
    assertEquals(size, new HashSet<>(after).size());
    assertTrue(after.contains(newcomer), "the newcomer is a member");
    assertFalse(after.contains(leaver), "the leaver is not");
    assertEquals(
        0, fixtures.groupsWhere("members.value eq \"" + leaver + "\"").getInt("totalResults"));
  }

  // Users' groups

  @Test
  void userShowsItsDirectAndIndirectGroups() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String a = fixtures.group(p + "Tour Guides", user);
    String b = fixtures.group(p + "Staff");
    fixtures.patchGroup(b, patchOf(addMembers(a)));

    JsonObject read = fixtures.readUser(user);

    JsonArray groups = read.getJsonArray("groups");
    assertEquals(2, groups.size(), groups::toString);
    Map<String, JsonObject> byValue = byValue(groups);
    assertEquals(groupRef(a, p + "Tour Guides", "direct"), byValue.get(a));
    assertEquals(groupRef(b, p + "Staff", "indirect"), byValue.get(b));
    JsonObject listed =
        fixtures
            .list(ACME_TOKEN, "/Users?filter=" + encoded("userName eq \"" + p + "bjensen\""))
            .getJsonArray("Resources")
            .getJsonObject(0);
    assertEquals(groups, listed.getJsonArray("groups"));

    JsonObject slim = fixtures.ok(scim.get("/Users/" + user + "?attributes=userName", ACME_TOKEN));
    assertFalse(slim.containsKey("groups"), slim::toString);
    assertEquals(p + "bjensen", slim.getString("userName"));
    JsonObject slimListed =
        fixtures
            .list(
                ACME_TOKEN,
                "/Users?attributes=userName&filter=" + encoded("userName eq \"" + p + "bjensen\""))
            .getJsonArray("Resources")
            .getJsonObject(0);
    assertFalse(slimListed.containsKey("groups"), slimListed::toString);

    JsonObject nested = byValue(fixtures.readGroup(b).getJsonArray("members")).get(a);
    assertEquals("Group", nested.getString("type"));
    assertEquals(
        fixtures.readGroup(a).getJsonObject("meta").getString("location"),
        nested.getString("$ref"));
  }

  @Test
  void filtersUsersByTheGroupsTheyAreDirectlyIn() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String other = fixtures.user(p + "jsmith");
    String a = fixtures.group(p + "Tour Guides", user);
    String b = fixtures.group(p + "Staff", other);
    fixtures.patchGroup(b, patchOf(addMembers(a)));

    assertEquals(List.of(user), ids(fixtures.usersWhere("groups.value eq \"" + a + "\"")));
    assertEquals(
        List.of(other),
        ids(fixtures.usersWhere("groups.value eq \"" + b + "\"")),
        "direct members only");
    assertEquals(
        List.of(user),
        ids(
            fixtures.usersWhere(
                "groups.display eq \"" + (p + "TOUR GUIDES").toLowerCase(Locale.ROOT) + "\"")));
    assertEquals(
        List.of(user),
        ids(
            fixtures.usersWhere(
                "groups.display eq \"" + p.toUpperCase(Locale.ROOT) + "TOUR GUIDES\"")));
    assertEquals(
        List.of(user),
        ids(fixtures.usersWhere("userName sw \"" + p + "\" and groups[value eq \"" + a + "\"]")));
  }

  // Deletion

  @Test
  void deletingAUserRemovesItFromEveryGroup() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String stays = fixtures.user(p + "jsmith");
    String first = fixtures.group(p + "Tour Guides", user, stays);
    String second = fixtures.group(p + "Staff", user);
    String firstVersion = version(fixtures.readGroup(first));
    String secondVersion = version(fixtures.readGroup(second));

    assertEquals(204, scim.delete("/Users/" + user, ACME_TOKEN).status());

    assertEquals(List.of(stays), memberIds(fixtures.readGroup(first)));
    assertEquals(List.of(), memberIds(fixtures.readGroup(second)));
    assertEquals(
        0, fixtures.groupsWhere("members.value eq \"" + user + "\"").getInt("totalResults"));
    assertNotEquals(firstVersion, version(fixtures.readGroup(first)));
    assertNotEquals(secondVersion, version(fixtures.readGroup(second)));
    assertScimError(scim.get("/Users/" + user, ACME_TOKEN), 404, null);
  }

  @Test
  void deletingAGroupRemovesItFromItsParentsAndFromItsUsersGroups() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String a = fixtures.group(p + "Tour Guides", user);
    String b = fixtures.group(p + "Staff", user);
    fixtures.patchGroup(b, patchOf(addMembers(a)));
    String bVersion = version(fixtures.readGroup(b));

    ScimClient.Reply deleted = scim.delete("/Groups/" + a, ACME_TOKEN);

    assertEquals(204, deleted.status(), deleted::toString);
    assertEquals("", deleted.body());
    assertEquals(List.of(user), memberIds(fixtures.readGroup(b)));
    assertNotEquals(bVersion, version(fixtures.readGroup(b)));
    JsonArray groups = fixtures.readUser(user).getJsonArray("groups");
    assertEquals(List.of(b), values(groups));
    assertEquals("direct", groups.getJsonObject(0).getString("type"));
    assertScimError(scim.get("/Groups/" + a, ACME_TOKEN), 404, null);
    assertScimError(scim.delete("/Groups/" + a, ACME_TOKEN), 404, null);
    assertEquals(0, fixtures.groupsWhere("members.value eq \"" + a + "\"").getInt("totalResults"));

    assertEquals(204, scim.delete("/Groups/" + b, ACME_TOKEN).status());
    assertFalse(fixtures.readUser(user).containsKey("groups"), "a user in no group has no groups");
  }

  // Member lists

  @Test
  void putMakesTheMembersExactlyTheListAndKeepsThoseWhoStay() {
    String p = prefix("g");
    String stays = fixtures.user(p + "stays");
    String leaves = fixtures.user(p + "leaves");
    String joins = fixtures.user(p + "joins");
    String id =
        fixtures.createGroup(
            """
            {"displayName": "%sStaff", "members": [{"value": "%s", "display": "Stays"},
                                                  {"value": "%s"}]}
            """
                .formatted(p, stays, leaves));
    String before = version(fixtures.readGroup(id));

    ScimClient.Reply put =
        scim.put(
            "/Groups/" + id,
            ACME_TOKEN,
            """
            {"displayName": "%sStaff", "members": [{"value": "%s"}, {"value": "%s"}]}
            """
                .formatted(p, joins, stays));

    assertEquals(200, put.status(), put::toString);
    assertEquals(put.json(), fixtures.readGroup(id));
    assertEquals(List.of(stays, joins), memberIds(put.json()), "who stays keeps its place");
    assertEquals("Stays", put.json().getJsonArray("members").getJsonObject(0).getString("display"));
    assertNotEquals(before, version(put.json()));
    assertEquals(put.header("ETag").orElse(null), version(put.json()));
    assertFalse(fixtures.readUser(leaves).containsKey("groups"));

    ScimClient.Reply emptied =
        scim.put("/Groups/" + id, ACME_TOKEN, "{\"displayName\": \"" + p + "Staff\"}");
    assertEquals(200, emptied.status(), emptied::toString);
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, fixtures.readGroup(id).getJsonArray("members"));
  }

  @Test
  void aGroupIsNotItsOwnMemberAndCyclicNestingEnds() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String a = fixtures.group(p + "A", user);
    String b = fixtures.group(p + "B", a);
    String aVersion = version(fixtures.readGroup(a));

    ScimClient.Reply self = scim.patch("/Groups/" + a, ACME_TOKEN, patchOf(addMembers(a)));
    assertEquals(204, self.status(), self::toString);
    assertEquals(aVersion, self.header("ETag").orElse(null));
    assertEquals(List.of(user), memberIds(fixtures.readGroup(a)));

    fixtures.patchGroup(a, patchOf(addMembers(b)));
    assertEquals(List.of(user, b), memberIds(fixtures.readGroup(a)));
    JsonArray groups = fixtures.readUser(user).getJsonArray("groups");
    assertEquals(2, groups.size(), groups::toString);
    assertEquals("direct", byValue(groups).get(a).getString("type"));
    assertEquals("indirect", byValue(groups).get(b).getString("type"));
    assertEquals(List.of(user), ids(fixtures.usersWhere("groups.value eq \"" + a + "\"")));
  }

  // Helpers

  /** The {@code groups} entry a user should show for a group. */
  private JsonObject groupRef(String id, String displayName, String type) {
    return Json.createObjectBuilder()
        .add("value", id)
        .add("$ref", fixtures.readGroup(id).getJsonObject("meta").getString("location"))
        .add("display", displayName)
        .add("type", type)
        .build();
  }
}
