package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimFixtures.addMembers;
import static dev.roster.it.ScimFixtures.groupJson;
import static dev.roster.it.ScimFixtures.prefix;
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

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lists of {@code /Groups}: the filter grammar on groups' own attributes and on their members,
 * sorting, paging, {@code .search}, and attribute selection.
 */
class GroupsQueryIT extends BlackBox {

  // Filters, sorting, paging, .search

  @Test
  void filtersGroupsByTheirOwnAttributes() {
    String p = prefix("g");
    String tour = fixtures.createGroup(groupJson(p + "Tour Guides", "ExT-" + p, List.of()));
    String managers = fixtures.group(p + "Managers");
    String scope = "displayName sw \"" + p + "\"";

    assertEquals(
        List.of(tour),
        ids(
            fixtures.groupsWhere(
                "displayName eq \"" + p.toUpperCase(Locale.ROOT) + "TOUR GUIDES\"")));
    assertEquals(
        List.of(managers), ids(fixtures.groupsWhere(scope + " and displayName co \"ANAG\"")));
    assertEquals(List.of(tour), ids(fixtures.groupsWhere("displayName sw \"" + p + "tour\"")));
    assertEquals(List.of(tour), ids(fixtures.groupsWhere("externalId eq \"ExT-" + p + "\"")));
    assertEquals(
        0,
        fixtures.groupsWhere("externalId eq \"ext-" + p + "\"").getInt("totalResults"),
        "caseExact");
    assertEquals(List.of(tour), ids(fixtures.groupsWhere("id eq \"" + tour + "\"")));
    assertEquals(
        List.of(tour, managers),
        ids(fixtures.groupsWhere(scope + " and meta.resourceType eq \"Group\"")));
    assertEquals(
        0,
        fixtures.groupsWhere(scope + " and meta.resourceType eq \"User\"").getInt("totalResults"));
  }

  @Test
  void filtersGroupsByTheirMembers() {
    String p = prefix("g");
    String bjensen = fixtures.user(p + "bjensen");
    String jsmith = fixtures.user(p + "jsmith");
    String tour = fixtures.group(p + "Tour Guides", bjensen);
    String managers = fixtures.group(p + "Managers", bjensen, jsmith);
    String empty = fixtures.group(p + "Empty");
    String parent = fixtures.group(p + "Parent", tour);
    String scope = "displayName sw \"" + p + "\"";

    assertEquals(
        List.of(tour, managers), ids(fixtures.groupsWhere("members.value eq \"" + bjensen + "\"")));
    assertEquals(
        List.of(managers), ids(fixtures.groupsWhere("members.value eq \"" + jsmith + "\"")));
    assertEquals(List.of(managers), ids(fixtures.groupsWhere("members eq \"" + jsmith + "\"")));
    assertEquals(
        List.of(tour, managers, parent), ids(fixtures.groupsWhere(scope + " and members pr")));
    assertEquals(List.of(empty), ids(fixtures.groupsWhere(scope + " and not (members pr)")));
  }

  @Test
  void filtersMembersByTypeWhetherOrNotTheClientSentADisplay() {
    String p = prefix("g");
    String bjensen = fixtures.user(p + "bjensen");
    String jsmith = fixtures.user(p + "jsmith");
    String named =
        fixtures.createGroup(
            """
            {"displayName": "%sNamed", "members": [{"value": "%s", "display": "Babs"}]}
            """
                .formatted(p, bjensen));
    String plain = fixtures.group(p + "Plain", jsmith);
    String parent = fixtures.group(p + "Parent", plain);
    String scope = "displayName sw \"" + p + "\"";

    assertEquals(
        List.of(named, plain), ids(fixtures.groupsWhere(scope + " and members[type eq \"User\"]")));
    assertEquals(
        List.of(named, plain), ids(fixtures.groupsWhere(scope + " and members.type eq \"user\"")));
    assertEquals(
        List.of(parent), ids(fixtures.groupsWhere(scope + " and members[type eq \"Group\"]")));
    assertEquals(
        List.of(named), ids(fixtures.groupsWhere(scope + " and members.display eq \"BABS\"")));
    assertEquals(
        List.of(plain),
        ids(fixtures.groupsWhere("members[value eq \"" + jsmith + "\" and type eq \"User\"]")));
    assertEquals(
        0,
        fixtures
            .groupsWhere("members[value eq \"" + jsmith + "\" and type eq \"Group\"]")
            .getInt("totalResults"));
  }

  @Test
  void aMembershipChangeMovesLastModified() throws Exception {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String changed = fixtures.group(p + "Changed");
    String unchanged = fixtures.group(p + "Unchanged");
    JsonObject before = fixtures.readGroup(changed);
    String since = fixtures.readGroup(unchanged).getJsonObject("meta").getString("lastModified");

    fixtures.patchGroup(changed, patchOf(addMembers(user)));

    JsonObject after = fixtures.readGroup(changed);
    String lastModified = after.getJsonObject("meta").getString("lastModified");
    assertNotEquals(before.getJsonObject("meta").getString("lastModified"), lastModified);
    assertNotEquals(version(before), version(after));
    assertEquals(
        before.getJsonObject("meta").getString("created"),
        after.getJsonObject("meta").getString("created"));
    assertEquals(
        List.of(changed),
        ids(
            fixtures.groupsWhere(
                "displayName sw \"" + p + "\" and meta.lastModified gt \"" + since + "\"")));
    assertEquals(
        List.of(changed, unchanged),
        ids(
            fixtures.groupsWhere(
                "displayName sw \"" + p + "\" and meta.lastModified ge \"" + since + "\"")));
  }

  @Test
  void sortsByDisplayNameWithoutRegardToCaseAndPages() {
    String p = prefix("g");
    String beta = fixtures.group(p + "b-Beta");
    String alpha = fixtures.group(p + "a-alpha");
    String gamma = fixtures.group(p + "C-gamma");
    String scope = "/Groups?filter=" + encoded("displayName sw \"" + p + "\"");

    assertEquals(
        List.of(beta, alpha, gamma), ids(fixtures.list(ACME_TOKEN, scope)), "creation order");
    assertEquals(
        List.of(alpha, beta, gamma), ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=displayName")));
    assertEquals(
        List.of(gamma, beta, alpha),
        ids(fixtures.list(ACME_TOKEN, scope + "&sortBy=displayName&sortOrder=descending")));
    JsonObject second =
        fixtures.list(ACME_TOKEN, scope + "&sortBy=displayName&startIndex=2&count=1");
    assertEquals(List.of(beta), ids(second));
    assertEquals(3, second.getInt("totalResults"));
    assertEquals(2, second.getInt("startIndex"));
    assertEquals(1, second.getInt("itemsPerPage"));
    JsonObject last =
        fixtures.list(
            ACME_TOKEN, scope + "&sortBy=displayName&sortOrder=descending&startIndex=3&count=5");
    assertEquals(List.of(alpha), ids(last));
    assertEquals(3, last.getInt("totalResults"));
    JsonObject none = fixtures.list(ACME_TOKEN, scope + "&count=0");
    assertEquals(3, none.getInt("totalResults"));
    assertEquals(List.of(), ids(none));
  }

  @Test
  void searchRequestAnswersLikeTheEquivalentGet() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    fixtures.group(p + "b-Beta", user);
    fixtures.group(p + "a-alpha", user);
    fixtures.group(p + "C-gamma");

    JsonObject get =
        fixtures.list(
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

    assertEquals(get, fixtures.ok(search));
    assertEquals(3, get.getInt("totalResults"));
    assertEquals(
        List.of(p + "b-Beta", p + "a-alpha"),
        get.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
            .map(g -> g.getString("displayName"))
            .toList());
    assertEquals(List.of(user), memberIds(get.getJsonArray("Resources").getJsonObject(0)));
  }

  @Test
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

  // attributes and excludedAttributes

  @Test
  void attributesSelectTheGroupsAndTheMembersSubAttributes() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String id = fixtures.createGroup(groupJson(p + "Tour Guides", "ext-" + p, List.of(user)));

    JsonObject named =
        fixtures.ok(scim.get("/Groups/" + id + "?attributes=displayName", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "displayName"), named.keySet());

    JsonObject members = fixtures.ok(scim.get("/Groups/" + id + "?attributes=members", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "members"), members.keySet());
    assertEquals(fixtures.readGroup(id).getJsonArray("members"), members.getJsonArray("members"));

    JsonObject values =
        fixtures.ok(scim.get("/Groups/" + id + "?attributes=members.value", ACME_TOKEN));
    assertEquals(Set.of("schemas", "id", "members"), values.keySet());
    assertEquals(1, values.getJsonArray("members").size());
    assertEquals(Set.of("value"), values.getJsonArray("members").getJsonObject(0).keySet());
    assertEquals(user, values.getJsonArray("members").getJsonObject(0).getString("value"));

    JsonObject listed =
        fixtures
            .list(
                ACME_TOKEN,
                "/Groups?attributes=members.value,displayName&filter="
                    + encoded("id eq \"" + id + "\""))
            .getJsonArray("Resources")
            .getJsonObject(0);
    assertEquals(Set.of("schemas", "id", "displayName", "members"), listed.keySet());
    assertEquals(Set.of("value"), listed.getJsonArray("members").getJsonObject(0).keySet());
  }

  @Test
  void excludedMembersAreLeftOutOfEveryKindOfResponse() {
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");

    ScimClient.Reply posted =
        scim.post("/Groups?excludedAttributes=members", ACME_TOKEN, groupJson(p + "Staff", user));
    assertEquals(201, posted.status(), posted::toString);
    assertFalse(posted.json().containsKey("members"), posted::toString);
    String id = posted.json().getString("id");
    assertEquals(List.of(user), memberIds(fixtures.readGroup(id)), "the members were stored");

    JsonObject got =
        fixtures.ok(scim.get("/Groups/" + id + "?excludedAttributes=members", ACME_TOKEN));
    assertFalse(got.containsKey("members"), got::toString);
    assertEquals(p + "Staff", got.getString("displayName"));
    assertTrue(got.containsKey("meta"));
    JsonObject withoutRef =
        fixtures.ok(scim.get("/Groups/" + id + "?excludedAttributes=members.$ref", ACME_TOKEN));
    assertTrue(withoutRef.containsKey("members"), withoutRef::toString);
    assertEquals(List.of(user), memberIds(withoutRef));
    assertEquals(
        Set.of("value", "type"), withoutRef.getJsonArray("members").getJsonObject(0).keySet());

    JsonObject listed =
        fixtures.list(
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

    String other = fixtures.user(p + "jsmith");
    ScimClient.Reply patched =
        scim.patch(
            "/Groups/" + id + "?excludedAttributes=members",
            ACME_TOKEN,
            patchOf(addMembers(other)));
    assertEquals(200, patched.status(), patched::toString);
    assertFalse(patched.json().containsKey("members"), patched::toString);
    assertEquals(patched.header("ETag").orElse(null), version(patched.json()));
    assertEquals(List.of(user, other), memberIds(fixtures.readGroup(id)));
  }
}
