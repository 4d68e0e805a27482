package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.provisioning.boundary.LogQuery;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.provisioning.boundary.ProvisioningLogWriter;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /Groups} and users' {@code groups} as RFC 7643 §4.2 and RFC 7644 §3 describe them, beyond
 * what Entra ID and Okta send: tenant isolation, concurrent membership changes, a group of 10,000
 * members, nested groups, deletion, the filter grammar on groups, ETags, attribute selection, and
 * bad input, which must be refused with the RFC's keyword and change nothing.
 *
 * <p>Every test but one runs as a client over HTTP. The one that reads the provisioning log runs
 * inside the server (as {@link ProvisioningLogIT} does), which is why the deployment is testable.
 * Names carry a random prefix so that tests share the server but not their groups.
 */
@ExtendWith(ArquillianExtension.class)
class GroupsIT {

  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

  @Deployment
  static WebArchive deployment() {
    return Deployments.rosterWith(GroupsIT.class);
  }

  @ArquillianResource URL server;

  @Inject ProvisioningLogWriter logWriter;

  @Inject ProvisioningLog log;

  ScimClient scim;

  @BeforeEach
  void connect() {
    scim = new ScimClient(server);
  }

  // Representation

  @Test
  @RunAsClient
  void createAnswers201WithLocationETagAndTheRfcShape() {
    String p = prefix();
    String user = user(p + "bjensen");

    ScimClient.Reply created =
        scim.post(
            "/Groups",
            ACME_TOKEN,
            """
            {"schemas": ["%s"], "displayName": "%sTour Guides", "externalId": "ext-%s",
             "members": [{"value": "%s", "display": "Babs Jensen"}]}
            """
                .formatted(GROUP_SCHEMA, p, p, user));

    assertEquals(201, created.status(), created::toString);
    assertScimJson(created);
    JsonObject group = created.json();
    String id = group.getString("id");
    JsonObject meta = group.getJsonObject("meta");
    assertEquals(List.of(GROUP_SCHEMA), strings(group.getJsonArray("schemas")));
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
        readUser(user).getJsonObject("meta").getString("location"), member.getString("$ref"));
    assertEquals(group, readGroup(id));

    JsonObject bare = readGroup(group(p + "Empty"));
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, bare.getJsonArray("members"));
    assertFalse(bare.containsKey("externalId"), bare::toString);
  }

  @Test
  @RunAsClient
  void memberWithoutDisplayHasNone() {
    String p = prefix();
    String user = user(p + "bjensen");
    String id = group(p + "Staff", user);

    JsonObject member = readGroup(id).getJsonArray("members").getJsonObject(0);

    assertEquals(Set.of("value", "$ref", "type"), member.keySet());
  }

  // Tenant isolation

  @Test
  @RunAsClient
  void otherTenantCannotReadReplacePatchOrDeleteAGroup() {
    String p = prefix();
    String user = user(p + "bjensen");
    String id = group(p + "Tour Guides", user);
    JsonObject before = readGroup(id);
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

    assertEquals(before, readGroup(id));
    JsonObject found = list(GLOBEX_TOKEN, "/Groups?filter=" + encoded("id eq \"" + id + "\""));
    assertEquals(0, found.getInt("totalResults"));
  }

  @Test
  @RunAsClient
  void otherTenantsUsersAreSkippedAsMembersWhetherPostedPatchedOrPut() {
    String p = prefix();
    String acmeUser = user(p + "bjensen");
    String acmeGroup = group(p + "Acme Staff", acmeUser);
    String globexUser = user(GLOBEX_TOKEN, p + "globex");

    ScimClient.Reply posted =
        scim.post("/Groups", GLOBEX_TOKEN, groupJson(p + "Globex Staff", acmeUser, globexUser));
    assertEquals(201, posted.status(), posted::toString);
    String globexGroup = posted.json().getString("id");
    assertEquals(List.of(globexUser), memberValues(posted.json()));

    ScimClient.Reply patched =
        scim.patch("/Groups/" + globexGroup, GLOBEX_TOKEN, patchOf(addMembers(acmeUser)));
    assertEquals(204, patched.status(), patched::toString);
    ScimClient.Reply patchedToAcmeGroup =
        scim.patch("/Groups/" + globexGroup, GLOBEX_TOKEN, patchOf(addMembers(acmeGroup)));
    assertEquals(204, patchedToAcmeGroup.status(), patchedToAcmeGroup::toString);
    assertEquals(
        List.of(globexUser),
        memberValues(okJson(scim.get("/Groups/" + globexGroup, GLOBEX_TOKEN))));

    ScimClient.Reply put =
        scim.put("/Groups/" + globexGroup, GLOBEX_TOKEN, groupJson(p + "Globex Staff", acmeUser));
    assertEquals(200, put.status(), put::toString);
    assertEquals(List.of(), memberValues(put.json()));
    assertEquals(List.of(), memberValues(okJson(scim.get("/Groups/" + globexGroup, GLOBEX_TOKEN))));

    for (String filter :
        List.of(
            "members.value eq \"" + acmeUser + "\"",
            "members[value eq \"" + acmeUser + "\"]",
            "displayName eq \"" + p + "Acme Staff\"")) {
      JsonObject found = list(GLOBEX_TOKEN, "/Groups?filter=" + encoded(filter));
      assertEquals(0, found.getInt("totalResults"), filter);
    }
    JsonObject acmeFound = groupsWhere("members.value eq \"" + acmeUser + "\"");
    assertEquals(List.of(acmeGroup), ids(acmeFound));

    // acme's user shows only acme's group, though globex tried to make it a member three times
    JsonArray groups = readUser(acmeUser).getJsonArray("groups");
    assertEquals(List.of(acmeGroup), values(groups));
    assertFalse(readUser(acmeUser).toString().contains(globexGroup));
  }

  // Concurrency

  @Test
  @RunAsClient
  void twentySimultaneousPatchesAddingDifferentMembersAllSurvive() throws Exception {
    String p = prefix();
    String id = group(p + "Crowd");
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      users.add(user(p + "user" + i));
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
    List<String> members = memberValues(readGroup(id));
    assertEquals(20, members.size(), members::toString);
    assertEquals(new HashSet<>(users), new HashSet<>(members));
    Set<String> etags = new HashSet<>();
    replies.forEach(r -> etags.add(r.header("ETag").orElseThrow()));
    assertEquals(20, etags.size(), () -> "each PATCH made its own version: " + etags);
  }

  @Test
  @RunAsClient
  void twentySimultaneousCreatesOfOneDisplayNameGiveOneGroupAndNineteenConflicts()
      throws Exception {
    String displayName = prefix() + "race";
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String variant = caseVariant(displayName, i);
      creates.add(() -> scim.post("/Groups", ACME_TOKEN, groupJson(variant)));
    }

    List<ScimClient.Reply> replies = simultaneously(creates);

    List<ScimClient.Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
    assertEquals(1, created.size(), () -> "201s: " + created + "\nall: " + statuses(replies));
    for (ScimClient.Reply reply : replies) {
      if (reply.status() != 201) {
        assertScimError(reply, 409, "uniqueness");
      }
    }
    JsonObject found = groupsWhere("displayName eq \"" + displayName + "\"");
    assertEquals(List.of(created.get(0).json().getString("id")), ids(found));
  }

  // Size

  @Test
  @RunAsClient
  void aGroupOfTenThousandMembersIsReadWholeAndChangedByOneMember() throws Exception {
    int size = 10_000;
    String p = prefix();
    long start = System.nanoTime();
    List<String> users = createUsers(p, size);
    long usersDone = System.nanoTime();
    String id = group(p + "Everyone");
    List<Callable<ScimClient.Reply>> batches = new ArrayList<>();
    for (int from = 0; from < size; from += 100) {
      String op = addMembers(users.subList(from, from + 100).toArray(String[]::new));
      batches.add(() -> scim.patch("/Groups/" + id, ACME_TOKEN, patchOf(op)));
    }
    for (ScimClient.Reply reply : inParallel(batches, 4)) {
      assertEquals(204, reply.status(), reply::toString);
    }
    long membersDone = System.nanoTime();

    JsonObject whole = readGroup(id);
    long readDone = System.nanoTime();
    List<String> members = memberValues(whole);
    assertEquals(size, members.size());
    assertEquals(size, new HashSet<>(members).size(), "no member twice");
    assertEquals(new HashSet<>(users), new HashSet<>(members));
    System.out.printf(
        "GroupsIT: %d users created in %d ms, added in %d ms, group read in %d ms%n",
        size,
        (usersDone - start) / 1_000_000,
        (membersDone - usersDone) / 1_000_000,
        (readDone - membersDone) / 1_000_000);

    JsonObject head = okJson(scim.get("/Groups/" + id + "?excludedAttributes=members", ACME_TOKEN));
    assertFalse(head.containsKey("members"), head::toString);
    assertEquals(whole.getJsonObject("meta"), head.getJsonObject("meta"));
    JsonObject listed =
        list(
            ACME_TOKEN,
            "/Groups?excludedAttributes=members&filter="
                + encoded("displayName eq \"" + p + "everyone\""));
    assertEquals(1, listed.getInt("totalResults"));
    assertFalse(listed.getJsonArray("Resources").getJsonObject(0).containsKey("members"));
    assertEquals(List.of(id), ids(groupsWhere("members.value eq \"" + users.get(4321) + "\"")));

    String newcomer = user(p + "newcomer");
    String leaver = users.get(777);
    patchOk(
        id,
        patchOf(
            addMembers(newcomer),
            "{\"op\": \"remove\", \"path\": \"members[value eq \\\"" + leaver + "\\\"]\"}"));

    List<String> after = memberValues(readGroup(id));
    assertEquals(size, after.size());
    assertEquals(size, new HashSet<>(after).size());
    assertTrue(after.contains(newcomer), "the newcomer is a member");
    assertFalse(after.contains(leaver), "the leaver is not");
    assertEquals(0, groupsWhere("members.value eq \"" + leaver + "\"").getInt("totalResults"));
  }

  // Users' groups

  @Test
  @RunAsClient
  void userShowsItsDirectAndIndirectGroups() {
    String p = prefix();
    String user = user(p + "bjensen");
    String a = group(p + "Tour Guides", user);
    String b = group(p + "Staff");
    patchOk(b, patchOf(addMembers(a)));

    JsonObject read = readUser(user);

    JsonArray groups = read.getJsonArray("groups");
    assertEquals(2, groups.size(), groups::toString);
    Map<String, JsonObject> byValue = byValue(groups);
    assertEquals(groupRef(a, p + "Tour Guides", "direct"), byValue.get(a));
    assertEquals(groupRef(b, p + "Staff", "indirect"), byValue.get(b));
    JsonObject listed =
        list(ACME_TOKEN, "/Users?filter=" + encoded("userName eq \"" + p + "bjensen\""))
            .getJsonArray("Resources")
            .getJsonObject(0);
    assertEquals(groups, listed.getJsonArray("groups"));

    JsonObject slim = okJson(scim.get("/Users/" + user + "?attributes=userName", ACME_TOKEN));
    assertFalse(slim.containsKey("groups"), slim::toString);
    assertEquals(p + "bjensen", slim.getString("userName"));
    JsonObject slimListed =
        list(
                ACME_TOKEN,
                "/Users?attributes=userName&filter=" + encoded("userName eq \"" + p + "bjensen\""))
            .getJsonArray("Resources")
            .getJsonObject(0);
    assertFalse(slimListed.containsKey("groups"), slimListed::toString);

    JsonObject nested = byValue(readGroup(b).getJsonArray("members")).get(a);
    assertEquals("Group", nested.getString("type"));
    assertEquals(
        readGroup(a).getJsonObject("meta").getString("location"), nested.getString("$ref"));
  }

  @Test
  @RunAsClient
  void filtersUsersByTheGroupsTheyAreDirectlyIn() {
    String p = prefix();
    String user = user(p + "bjensen");
    String other = user(p + "jsmith");
    String a = group(p + "Tour Guides", user);
    String b = group(p + "Staff", other);
    patchOk(b, patchOf(addMembers(a)));

    assertEquals(List.of(user), ids(usersWhere("groups.value eq \"" + a + "\"")));
    assertEquals(
        List.of(other), ids(usersWhere("groups.value eq \"" + b + "\"")), "direct members only");
    assertEquals(
        List.of(user),
        ids(
            usersWhere(
                "groups.display eq \"" + (p + "TOUR GUIDES").toLowerCase(Locale.ROOT) + "\"")));
    assertEquals(
        List.of(user),
        ids(usersWhere("groups.display eq \"" + p.toUpperCase(Locale.ROOT) + "TOUR GUIDES\"")));
    assertEquals(
        List.of(user),
        ids(usersWhere("userName sw \"" + p + "\" and groups[value eq \"" + a + "\"]")));
  }

  // Deletion

  @Test
  @RunAsClient
  void deletingAUserRemovesItFromEveryGroup() {
    String p = prefix();
    String user = user(p + "bjensen");
    String stays = user(p + "jsmith");
    String first = group(p + "Tour Guides", user, stays);
    String second = group(p + "Staff", user);
    String firstVersion = version(readGroup(first));
    String secondVersion = version(readGroup(second));

    assertEquals(204, scim.delete("/Users/" + user, ACME_TOKEN).status());

    assertEquals(List.of(stays), memberValues(readGroup(first)));
    assertEquals(List.of(), memberValues(readGroup(second)));
    assertEquals(0, groupsWhere("members.value eq \"" + user + "\"").getInt("totalResults"));
    assertNotEquals(firstVersion, version(readGroup(first)));
    assertNotEquals(secondVersion, version(readGroup(second)));
    assertScimError(scim.get("/Users/" + user, ACME_TOKEN), 404, null);
  }

  @Test
  @RunAsClient
  void deletingAGroupRemovesItFromItsParentsAndFromItsUsersGroups() {
    String p = prefix();
    String user = user(p + "bjensen");
    String a = group(p + "Tour Guides", user);
    String b = group(p + "Staff", user);
    patchOk(b, patchOf(addMembers(a)));
    String bVersion = version(readGroup(b));

    ScimClient.Reply deleted = scim.delete("/Groups/" + a, ACME_TOKEN);

    assertEquals(204, deleted.status(), deleted::toString);
    assertEquals("", deleted.body());
    assertEquals(List.of(user), memberValues(readGroup(b)));
    assertNotEquals(bVersion, version(readGroup(b)));
    JsonArray groups = readUser(user).getJsonArray("groups");
    assertEquals(List.of(b), values(groups));
    assertEquals("direct", groups.getJsonObject(0).getString("type"));
    assertScimError(scim.get("/Groups/" + a, ACME_TOKEN), 404, null);
    assertScimError(scim.delete("/Groups/" + a, ACME_TOKEN), 404, null);
    assertEquals(0, groupsWhere("members.value eq \"" + a + "\"").getInt("totalResults"));

    assertEquals(204, scim.delete("/Groups/" + b, ACME_TOKEN).status());
    assertFalse(readUser(user).containsKey("groups"), "a user in no group has no groups");
  }

  // Member lists

  @Test
  @RunAsClient
  void putMakesTheMembersExactlyTheListAndKeepsThoseWhoStay() {
    String p = prefix();
    String stays = user(p + "stays");
    String leaves = user(p + "leaves");
    String joins = user(p + "joins");
    String id =
        create(
            """
            {"displayName": "%sStaff", "members": [{"value": "%s", "display": "Stays"},
                                                  {"value": "%s"}]}
            """
                .formatted(p, stays, leaves));
    String before = version(readGroup(id));

    ScimClient.Reply put =
        scim.put(
            "/Groups/" + id,
            ACME_TOKEN,
            """
            {"displayName": "%sStaff", "members": [{"value": "%s"}, {"value": "%s"}]}
            """
                .formatted(p, joins, stays));

    assertEquals(200, put.status(), put::toString);
    assertEquals(put.json(), readGroup(id));
    assertEquals(List.of(stays, joins), memberValues(put.json()), "who stays keeps its place");
    assertEquals("Stays", put.json().getJsonArray("members").getJsonObject(0).getString("display"));
    assertNotEquals(before, version(put.json()));
    assertEquals(put.header("ETag").orElse(null), version(put.json()));
    assertFalse(readUser(leaves).containsKey("groups"));

    ScimClient.Reply emptied =
        scim.put("/Groups/" + id, ACME_TOKEN, "{\"displayName\": \"" + p + "Staff\"}");
    assertEquals(200, emptied.status(), emptied::toString);
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, readGroup(id).getJsonArray("members"));
  }

  @Test
  @RunAsClient
  void aGroupIsNotItsOwnMemberAndCyclicNestingEnds() {
    String p = prefix();
    String user = user(p + "bjensen");
    String a = group(p + "A", user);
    String b = group(p + "B", a);
    String aVersion = version(readGroup(a));

    ScimClient.Reply self = scim.patch("/Groups/" + a, ACME_TOKEN, patchOf(addMembers(a)));
    assertEquals(204, self.status(), self::toString);
    assertEquals(aVersion, self.header("ETag").orElse(null));
    assertEquals(List.of(user), memberValues(readGroup(a)));

    patchOk(a, patchOf(addMembers(b)));
    assertEquals(List.of(user, b), memberValues(readGroup(a)));
    JsonArray groups = readUser(user).getJsonArray("groups");
    assertEquals(2, groups.size(), groups::toString);
    assertEquals("direct", byValue(groups).get(a).getString("type"));
    assertEquals("indirect", byValue(groups).get(b).getString("type"));
    assertEquals(List.of(user), ids(usersWhere("groups.value eq \"" + a + "\"")));
  }

  // Filters, sorting, paging, .search

  @Test
  @RunAsClient
  void filtersGroupsByTheirOwnAttributes() {
    String p = prefix();
    String tour = create(groupJson(p + "Tour Guides", "ExT-" + p, List.of()));
    String managers = group(p + "Managers");
    String scope = "displayName sw \"" + p + "\"";

    assertEquals(
        List.of(tour),
        ids(groupsWhere("displayName eq \"" + p.toUpperCase(Locale.ROOT) + "TOUR GUIDES\"")));
    assertEquals(List.of(managers), ids(groupsWhere(scope + " and displayName co \"ANAG\"")));
    assertEquals(List.of(tour), ids(groupsWhere("displayName sw \"" + p + "tour\"")));
    assertEquals(List.of(tour), ids(groupsWhere("externalId eq \"ExT-" + p + "\"")));
    assertEquals(
        0, groupsWhere("externalId eq \"ext-" + p + "\"").getInt("totalResults"), "caseExact");
    assertEquals(List.of(tour), ids(groupsWhere("id eq \"" + tour + "\"")));
    assertEquals(
        List.of(tour, managers), ids(groupsWhere(scope + " and meta.resourceType eq \"Group\"")));
    assertEquals(
        0, groupsWhere(scope + " and meta.resourceType eq \"User\"").getInt("totalResults"));
  }

  @Test
  @RunAsClient
  void filtersGroupsByTheirMembers() {
    String p = prefix();
    String bjensen = user(p + "bjensen");
    String jsmith = user(p + "jsmith");
    String tour = group(p + "Tour Guides", bjensen);
    String managers = group(p + "Managers", bjensen, jsmith);
    String empty = group(p + "Empty");
    String parent = group(p + "Parent", tour);
    String scope = "displayName sw \"" + p + "\"";

    assertEquals(List.of(tour, managers), ids(groupsWhere("members.value eq \"" + bjensen + "\"")));
    assertEquals(List.of(managers), ids(groupsWhere("members.value eq \"" + jsmith + "\"")));
    assertEquals(List.of(managers), ids(groupsWhere("members eq \"" + jsmith + "\"")));
    assertEquals(List.of(tour, managers, parent), ids(groupsWhere(scope + " and members pr")));
    assertEquals(List.of(empty), ids(groupsWhere(scope + " and not (members pr)")));
  }

  @Test
  @RunAsClient
  void filtersMembersByTypeWhetherOrNotTheClientSentADisplay() {
    String p = prefix();
    String bjensen = user(p + "bjensen");
    String jsmith = user(p + "jsmith");
    String named =
        create(
            """
            {"displayName": "%sNamed", "members": [{"value": "%s", "display": "Babs"}]}
            """
                .formatted(p, bjensen));
    String plain = group(p + "Plain", jsmith);
    String parent = group(p + "Parent", plain);
    String scope = "displayName sw \"" + p + "\"";

    assertEquals(List.of(named, plain), ids(groupsWhere(scope + " and members[type eq \"User\"]")));
    assertEquals(List.of(named, plain), ids(groupsWhere(scope + " and members.type eq \"user\"")));
    assertEquals(List.of(parent), ids(groupsWhere(scope + " and members[type eq \"Group\"]")));
    assertEquals(List.of(named), ids(groupsWhere(scope + " and members.display eq \"BABS\"")));
    assertEquals(
        List.of(plain),
        ids(groupsWhere("members[value eq \"" + jsmith + "\" and type eq \"User\"]")));
    assertEquals(
        0,
        groupsWhere("members[value eq \"" + jsmith + "\" and type eq \"Group\"]")
            .getInt("totalResults"));
  }

  @Test
  @RunAsClient
  void aMembershipChangeMovesLastModified() throws Exception {
    String p = prefix();
    String user = user(p + "bjensen");
    String changed = group(p + "Changed");
    String unchanged = group(p + "Unchanged");
    JsonObject before = readGroup(changed);
    String since = readGroup(unchanged).getJsonObject("meta").getString("lastModified");
    Thread.sleep(20);

    patchOk(changed, patchOf(addMembers(user)));

    JsonObject after = readGroup(changed);
    String lastModified = after.getJsonObject("meta").getString("lastModified");
    assertNotEquals(before.getJsonObject("meta").getString("lastModified"), lastModified);
    assertNotEquals(version(before), version(after));
    assertEquals(
        before.getJsonObject("meta").getString("created"),
        after.getJsonObject("meta").getString("created"));
    assertEquals(
        List.of(changed),
        ids(
            groupsWhere(
                "displayName sw \"" + p + "\" and meta.lastModified gt \"" + since + "\"")));
    assertEquals(
        List.of(changed, unchanged),
        ids(
            groupsWhere(
                "displayName sw \"" + p + "\" and meta.lastModified ge \"" + since + "\"")));
  }

  @Test
  @RunAsClient
  void sortsByDisplayNameWithoutRegardToCaseAndPages() {
    String p = prefix();
    String beta = group(p + "b-Beta");
    String alpha = group(p + "a-alpha");
    String gamma = group(p + "C-gamma");
    String scope = "/Groups?filter=" + encoded("displayName sw \"" + p + "\"");

    assertEquals(List.of(beta, alpha, gamma), ids(list(ACME_TOKEN, scope)), "creation order");
    assertEquals(List.of(alpha, beta, gamma), ids(list(ACME_TOKEN, scope + "&sortBy=displayName")));
    assertEquals(
        List.of(gamma, beta, alpha),
        ids(list(ACME_TOKEN, scope + "&sortBy=displayName&sortOrder=descending")));
    JsonObject second = list(ACME_TOKEN, scope + "&sortBy=displayName&startIndex=2&count=1");
    assertEquals(List.of(beta), ids(second));
    assertEquals(3, second.getInt("totalResults"));
    assertEquals(2, second.getInt("startIndex"));
    assertEquals(1, second.getInt("itemsPerPage"));
    JsonObject last =
        list(ACME_TOKEN, scope + "&sortBy=displayName&sortOrder=descending&startIndex=3&count=5");
    assertEquals(List.of(alpha), ids(last));
    assertEquals(3, last.getInt("totalResults"));
    JsonObject none = list(ACME_TOKEN, scope + "&count=0");
    assertEquals(3, none.getInt("totalResults"));
    assertEquals(List.of(), ids(none));
  }

  @Test
  @RunAsClient
  void searchRequestAnswersLikeTheEquivalentGet() {
    String p = prefix();
    String user = user(p + "bjensen");
    group(p + "b-Beta", user);
    group(p + "a-alpha", user);
    group(p + "C-gamma");

    JsonObject get =
        list(
            ACME_TOKEN,
            "/Groups?filter="
                + encoded("displayName sw \"" + p + "\"")
                + "&sortBy=displayName&sortOrder=descending&attributes=displayName,members"
                + "&startIndex=2&count=2");
    ScimClient.Reply search =
        scim.post(
            "/Groups/.search",
            ACME_TOKEN,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
              "filter": "displayName sw \\"%s\\"",
              "sortBy": "displayName",
              "sortOrder": "descending",
              "attributes": ["displayName", "members"],
              "startIndex": 2,
              "count": 2
            }
            """
                .formatted(p));

    assertEquals(get, okJson(search));
    assertEquals(3, get.getInt("totalResults"));
    assertEquals(
        List.of(p + "b-Beta", p + "a-alpha"),
        get.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
            .map(g -> g.getString("displayName"))
            .toList());
    assertEquals(List.of(user), memberValues(get.getJsonArray("Resources").getJsonObject(0)));
  }

  @Test
  @RunAsClient
  void refusesUnparseableFiltersAndUnknownAttributesWithInvalidFilter() {
    for (String filter :
        List.of(
            "displayName eq",
            "displayName eq \"x\" and",
            "displayName xx \"x\"",
            "(displayName eq \"x\"",
            "members[value eq \"x\"",
            "noSuchAttribute eq \"x\"",
            "members.noSuch eq \"x\"",
            "members[noSuch eq \"x\"]",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"")) {
      ScimClient.Reply reply = scim.get("/Groups?filter=" + encoded(filter), ACME_TOKEN);
      assertScimError(reply, 400, "invalidFilter");
    }
    ScimClient.Reply search =
        scim.post(
            "/Groups/.search",
            ACME_TOKEN,
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
             "filter": "noSuchAttribute eq \\"x\\""}
            """);
    assertScimError(search, 400, "invalidFilter");
  }

  // ETags

  @Test
  @RunAsClient
  void readCarriesTheVersionAsWeakETagAndIfNoneMatchAnswers304() {
    String id = group(prefix() + "Tour Guides");
    ScimClient.Reply read = scim.get("/Groups/" + id, ACME_TOKEN);
    String etag = read.header("ETag").orElseThrow();
    assertTrue(etag.matches("W/\"\\d+\""), etag);
    assertEquals(etag, version(read.json()));

    ScimClient.Reply unchanged =
        scim.send(scim.request("/Groups/" + id, ACME_TOKEN).header("If-None-Match", etag).GET());

    assertEquals(304, unchanged.status(), unchanged::toString);
    assertEquals(etag, unchanged.header("ETag").orElse(null));
    assertEquals("", unchanged.body());
    patchOk(id, patchOf("{\"op\": \"replace\", \"path\": \"externalId\", \"value\": \"e1\"}"));
    ScimClient.Reply changed =
        scim.send(scim.request("/Groups/" + id, ACME_TOKEN).header("If-None-Match", etag).GET());
    assertEquals(200, changed.status(), changed::toString);
    assertEquals("e1", changed.json().getString("externalId"));
  }

  @Test
  @RunAsClient
  void refusesChangesWhoseIfMatchIsStaleWith412AndChangesNothing() {
    String p = prefix();
    String user = user(p + "bjensen");
    String id = group(p + "Tour Guides", user);
    String stale = version(readGroup(id));
    patchOk(id, patchOf("{\"op\": \"replace\", \"path\": \"externalId\", \"value\": \"e1\"}"));
    JsonObject before = readGroup(id);
    String path = "/Groups/" + id;

    List<HttpRequest.Builder> changes =
        List.of(
            scim.withJson("PUT", path, ACME_TOKEN, groupJson(p + "Renamed")),
            scim.withJson(
                "PATCH", path, ACME_TOKEN, patchOf("{\"op\": \"remove\", \"path\": \"members\"}")),
            scim.request(path, ACME_TOKEN).DELETE());
    for (HttpRequest.Builder change : changes) {
      // RFC 7644 §3.12 has no scimType for 412; the project's UsersIT expects none either.
      assertScimError(scim.send(change.header("If-Match", stale)), 412, null);
      assertEquals(before, readGroup(id));
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
    assertEquals(List.of(), memberValues(readGroup(id)));
  }

  @Test
  @RunAsClient
  void patchThatChangesNothingKeepsTheVersion() {
    String p = prefix();
    String user = user(p + "bjensen");
    String id = group(p + "Tour Guides", user);
    JsonObject before = readGroup(id);

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
    assertEquals(before, readGroup(id));

    ScimClient.Reply changed =
        scim.patch("/Groups/" + id, ACME_TOKEN, patchOf(addMembers(user(p + "jsmith"))));
    assertEquals(204, changed.status(), changed::toString);
    assertNotEquals(version(before), changed.header("ETag").orElse(null));
    assertEquals(changed.header("ETag").orElse(null), version(readGroup(id)));
  }

  // attributes and excludedAttributes

  @Test
  @RunAsClient
  void attributesSelectTheGroupsAndTheMembersSubAttributes() {
    String p = prefix();
    String user = user(p + "bjensen");
    String id = create(groupJson(p + "Tour Guides", "ext-" + p, List.of(user)));

    JsonObject named = okJson(scim.get("/Groups/" + id + "?attributes=displayName", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "displayName"), named.keySet());

    JsonObject members = okJson(scim.get("/Groups/" + id + "?attributes=members", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "members"), members.keySet());
    assertEquals(readGroup(id).getJsonArray("members"), members.getJsonArray("members"));

    JsonObject values = okJson(scim.get("/Groups/" + id + "?attributes=members.value", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "members"), values.keySet());
    assertEquals(1, values.getJsonArray("members").size());
    assertEquals(Set.of("value"), values.getJsonArray("members").getJsonObject(0).keySet());
    assertEquals(user, values.getJsonArray("members").getJsonObject(0).getString("value"));

    JsonObject listed =
        list(
                ACME_TOKEN,
                "/Groups?attributes=members.value,displayName&filter="
                    + encoded("id eq \"" + id + "\""))
            .getJsonArray("Resources")
            .getJsonObject(0);
    assertEquals(Set.of("schemas", "id", "displayName", "members"), listed.keySet());
    assertEquals(Set.of("value"), listed.getJsonArray("members").getJsonObject(0).keySet());
  }

  @Test
  @RunAsClient
  void excludedMembersAreLeftOutOfEveryKindOfResponse() {
    String p = prefix();
    String user = user(p + "bjensen");

    ScimClient.Reply posted =
        scim.post("/Groups?excludedAttributes=members", ACME_TOKEN, groupJson(p + "Staff", user));
    assertEquals(201, posted.status(), posted::toString);
    assertFalse(posted.json().containsKey("members"), posted::toString);
    String id = posted.json().getString("id");
    assertEquals(List.of(user), memberValues(readGroup(id)), "the members were stored");

    JsonObject got = okJson(scim.get("/Groups/" + id + "?excludedAttributes=members", ACME_TOKEN));
    assertFalse(got.containsKey("members"), got::toString);
    assertEquals(p + "Staff", got.getString("displayName"));
    assertTrue(got.containsKey("meta"));
    JsonObject withoutRef =
        okJson(scim.get("/Groups/" + id + "?excludedAttributes=members.$ref", ACME_TOKEN));
    assertTrue(withoutRef.containsKey("members"), withoutRef::toString);
    assertEquals(List.of(user), memberValues(withoutRef));
    assertEquals(
        Set.of("value", "type"), withoutRef.getJsonArray("members").getJsonObject(0).keySet());

    JsonObject listed =
        list(
            ACME_TOKEN,
            "/Groups?excludedAttributes=members&filter=" + encoded("id eq \"" + id + "\""));
    assertFalse(listed.getJsonArray("Resources").getJsonObject(0).containsKey("members"));

    ScimClient.Reply put =
        scim.put(
            "/Groups/" + id + "?excludedAttributes=members",
            ACME_TOKEN,
            groupJson(p + "Staff", user));
    assertEquals(200, put.status(), put::toString);
    assertFalse(put.json().containsKey("members"), put::toString);

    String other = user(p + "jsmith");
    ScimClient.Reply patched =
        scim.patch(
            "/Groups/" + id + "?excludedAttributes=members",
            ACME_TOKEN,
            patchOf(addMembers(other)));
    assertEquals(200, patched.status(), patched::toString);
    assertFalse(patched.json().containsKey("members"), patched::toString);
    assertEquals(patched.header("ETag").orElse(null), version(patched.json()));
    assertEquals(List.of(user, other), memberValues(readGroup(id)));
  }

  // Errors, all or nothing

  @Test
  @RunAsClient
  void refusesGroupWithoutDisplayName() {
    String user = user(prefix() + "bjensen");
    assertScimError(
        scim.post("/Groups", ACME_TOKEN, "{\"schemas\": [\"" + GROUP_SCHEMA + "\"]}"),
        400,
        "invalidValue");
    assertScimError(
        scim.post(
            "/Groups",
            ACME_TOKEN,
            "{\"externalId\": \"x\", \"members\": [{\"value\": \"" + user + "\"}]}"),
        400,
        "invalidValue");
    assertFalse(readUser(user).containsKey("groups"), "no group was made");
  }

  @Test
  @RunAsClient
  void replacementMayKeepItsOwnNameButNotTakeAnothersWith409() {
    String p = prefix();
    String user = user(p + "bjensen");
    group(p + "Managers");
    String id = group(p + "Tour Guides", user);
    JsonObject before = readGroup(id);

    ScimClient.Reply taken =
        scim.put("/Groups/" + id, ACME_TOKEN, groupJson(p.toUpperCase(Locale.ROOT) + "MANAGERS"));
    assertScimError(taken, 409, "uniqueness");
    assertEquals(before, readGroup(id));

    ScimClient.Reply same =
        scim.put("/Groups/" + id, ACME_TOKEN, groupJson(p + "Tour Guides", user));
    assertEquals(200, same.status(), same::toString);
    assertEquals(before, same.json(), "nothing changed, not even the version");
    ScimClient.Reply recased =
        scim.put("/Groups/" + id, ACME_TOKEN, groupJson(p + "TOUR GUIDES", user));
    assertEquals(200, recased.status(), recased::toString);
    assertEquals(p + "TOUR GUIDES", readGroup(id).getString("displayName"));
  }

  @Test
  @RunAsClient
  void patchThatRenamesToAnotherGroupsNameIsRefusedWith409AndAddsNoMember() {
    String p = prefix();
    String user = user(p + "bjensen");
    group(p + "Managers");
    String id = group(p + "Tour Guides");
    JsonObject before = readGroup(id);

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
    assertEquals(before, readGroup(id));
  }

  @Test
  @RunAsClient
  void patchWhoseLaterOperationFailsAppliesNone() {
    String p = prefix();
    String user = user(p + "bjensen");
    String member = user(p + "jsmith");
    String id = group(p + "Tour Guides", member);
    JsonObject before = readGroup(id);

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
      assertEquals(before, readGroup(id), failure.getKey());
    }
    assertFalse(readUser(user).containsKey("groups"));
  }

  @Test
  @RunAsClient
  void refusesMalformedMembersWithInvalidValueAndChangesNothing() {
    String p = prefix();
    String member = user(p + "bjensen");
    String id = group(p + "Tour Guides", member);
    JsonObject before = readGroup(id);

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
      assertEquals(before, readGroup(id), members);
    }
    assertEquals(0, groupsWhere("displayName eq \"" + p + "Other\"").getInt("totalResults"));
  }

  // Provisioning log (runs inside the server)

  @Test
  void logNamesTheMemberIdsAWriteSkipped() {
    String p = prefix();
    String user = user(p + "bjensen");
    String garbage = "no-such-member-" + UUID.randomUUID();
    String created = UUID.randomUUID().toString();
    String patched = UUID.randomUUID().toString();

    ScimClient.Reply post =
        scim.send(
            scim.withJson("POST", "/Groups", ACME_TOKEN, groupJson(p + "Staff", garbage))
                .header("client-request-id", created));
    assertEquals(201, post.status(), post::toString);
    String id = post.json().getString("id");
    ScimClient.Reply patch =
        scim.send(
            scim.withJson("PATCH", "/Groups/" + id, ACME_TOKEN, patchOf(addMembers(user, garbage)))
                .header("client-request-id", patched));
    assertEquals(204, patch.status(), patch::toString);
    assertEquals(List.of(user), memberValues(readGroup(id)));

    for (String correlationId : List.of(created, patched)) {
      LogRecord record = recordOf(correlationId);
      assertTrue(record.getStatus() == 201 || record.getStatus() == 204, record::getDetail);
      String detail = String.valueOf(record.getDetail());
      assertTrue(detail.contains(garbage), detail);
      assertFalse(detail.contains(user), detail);
    }
  }

  private LogRecord recordOf(String correlationId) {
    logWriter.drain();
    List<LogRecord> records =
        log.search(LogQuery.builder().correlationId(correlationId).build()).records();
    assertEquals(1, records.size(), "records of " + correlationId);
    return records.get(0);
  }

  // Helpers

  private static String prefix() {
    return "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private String user(String userName) {
    return user(ACME_TOKEN, userName);
  }

  private String user(String token, String userName) {
    ScimClient.Reply reply = scim.post("/Users", token, "{\"userName\": \"" + userName + "\"}");
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  /** Creates a group of acme with these members and answers its id. */
  private String group(String displayName, String... memberIds) {
    return create(groupJson(displayName, memberIds));
  }

  private String create(String body) {
    ScimClient.Reply reply = scim.post("/Groups", ACME_TOKEN, body);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  private static String groupJson(String displayName, String... memberIds) {
    return groupJson(displayName, null, Arrays.asList(memberIds));
  }

  private static String groupJson(String displayName, String externalId, List<String> memberIds) {
    String members =
        memberIds.stream()
            .map(id -> "{\"value\": \"" + id + "\"}")
            .collect(Collectors.joining(", ", "[", "]"));
    return """
        {"schemas": ["%s"], "displayName": "%s",%s "members": %s}
        """
        .formatted(
            GROUP_SCHEMA,
            displayName,
            externalId == null ? "" : " \"externalId\": \"" + externalId + "\",",
            members);
  }

  /** An operation adding these ids to {@code members}. */
  private static String addMembers(String... ids) {
    return Arrays.stream(ids)
        .map(id -> "{\"value\": \"" + id + "\"}")
        .collect(
            Collectors.joining(
                ", ", "{\"op\": \"add\", \"path\": \"members\", \"value\": [", "]}"));
  }

  private static String patchOf(String... operations) {
    return """
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [%s]}
        """
        .formatted(String.join(",", operations));
  }

  private void patchOk(String id, String body) {
    ScimClient.Reply reply = scim.patch("/Groups/" + id, ACME_TOKEN, body);
    assertEquals(204, reply.status(), reply::toString);
    assertEquals("", reply.body());
    assertTrue(reply.header("ETag").orElse("").matches("W/\"\\d+\""), reply::toString);
  }

  private JsonObject readGroup(String id) {
    return okJson(scim.get("/Groups/" + id, ACME_TOKEN));
  }

  private JsonObject readUser(String id) {
    return okJson(scim.get("/Users/" + id, ACME_TOKEN));
  }

  private JsonObject okJson(ScimClient.Reply reply) {
    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    return reply.json();
  }

  private JsonObject list(String token, String pathAndQuery) {
    JsonObject list = okJson(scim.get(pathAndQuery, token));
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0));
    assertEquals(list.getInt("itemsPerPage"), list.getJsonArray("Resources").size());
    return list;
  }

  private JsonObject groupsWhere(String filter) {
    return list(ACME_TOKEN, "/Groups?filter=" + encoded(filter));
  }

  private JsonObject usersWhere(String filter) {
    return list(ACME_TOKEN, "/Users?filter=" + encoded(filter));
  }

  /** The {@code groups} entry a user should show for a group. */
  private JsonObject groupRef(String id, String displayName, String type) {
    return Json.createObjectBuilder()
        .add("value", id)
        .add("$ref", readGroup(id).getJsonObject("meta").getString("location"))
        .add("display", displayName)
        .add("type", type)
        .build();
  }

  private static String version(JsonObject resource) {
    return resource.getJsonObject("meta").getString("version");
  }

  private static List<String> ids(JsonObject list) {
    return list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
        .map(r -> r.getString("id"))
        .toList();
  }

  private static List<String> memberValues(JsonObject group) {
    return values(group.getJsonArray("members"));
  }

  private static List<String> values(JsonArray multiValued) {
    return multiValued.getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("value"))
        .toList();
  }

  private static Map<String, JsonObject> byValue(JsonArray multiValued) {
    return multiValued.getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(m -> m.getString("value"), m -> m));
  }

  private static List<String> strings(JsonArray array) {
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  /** Creates {@code n} users on 8 threads and answers their ids, in order. */
  private List<String> createUsers(String prefix, int n) throws Exception {
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String body = "{\"userName\": \"" + prefix + "user" + i + "\"}";
      creates.add(() -> scim.post("/Users", ACME_TOKEN, body));
    }
    List<String> ids = new ArrayList<>();
    for (ScimClient.Reply reply : inParallel(creates, 8)) {
      assertEquals(201, reply.status(), reply::toString);
      ids.add(reply.json().getString("id"));
    }
    return ids;
  }

  /** Runs the calls on a pool of that many threads and answers the replies in call order. */
  private static List<ScimClient.Reply> inParallel(
      List<Callable<ScimClient.Reply>> calls, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<ScimClient.Reply> replies = new ArrayList<>();
      for (Future<ScimClient.Reply> future : pool.invokeAll(calls)) {
        replies.add(future.get());
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
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

  /** The name with its letters' case flipped by the bits of {@code n}. */
  private static String caseVariant(String name, int n) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (((n >> (i % 6)) & 1) == 1) {
        chars[i] = Character.toUpperCase(chars[i]);
      }
    }
    return new String(chars);
  }

  private static String statuses(List<ScimClient.Reply> replies) {
    return Arrays.toString(replies.stream().mapToInt(ScimClient.Reply::status).toArray());
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
