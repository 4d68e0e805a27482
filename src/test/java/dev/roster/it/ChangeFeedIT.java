package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.events.boundary.ChangeFeed;
import dev.roster.events.boundary.FeedWaiters;
import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.Tenants;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change feed as a product reads it: Entra ID's and Okta's request shapes over HTTP (from
 * docs/request-shapes.md), and the events they leave, read through the admin API. Runs in the
 * server so that it can also purge events and call the waiters directly.
 */
@ExtendWith(ArquillianExtension.class)
class ChangeFeedIT {

  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Deployment
  static WebArchive deployment() {
    return Deployments.rosterWith(ChangeFeedIT.class);
  }

  @ArquillianResource URL server;

  @Inject Tenants tenants;

  @Inject ChangeFeed feed;

  @Inject FeedWaiters waiters;

  /** A new tenant and a token for it. */
  private record Tenant(String id, String token) {}

  private Tenant newTenant() {
    String id = "feed-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.createTenant(id, "Feed " + id);
    return new Tenant(id, tenants.issueToken(id, "test", null).plaintext());
  }

  private ScimClient scim() {
    return new ScimClient(server);
  }

  private ScimClient.Reply events(String tenant, String query) {
    String root = server.toString().replaceAll("/+$", "");
    return scim()
        .send(
            HttpRequest.newBuilder(
                    URI.create(root + "/api/admin/v1/tenants/" + tenant + "/events" + query))
                .timeout(Duration.ofSeconds(60))
                .header(
                    "Authorization",
                    ScimClient.basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD))
                .GET());
  }

  /** Every event of the tenant, read in pages of two so that paging is exercised. */
  private List<JsonObject> allEvents(String tenant) {
    List<JsonObject> all = new ArrayList<>();
    long after = 0;
    while (true) {
      ScimClient.Reply reply = events(tenant, "?limit=2&after=" + after);
      assertEquals(200, reply.status(), reply::toString);
      JsonArray page = reply.json().getJsonArray("events");
      page.getValuesAs(JsonObject.class).forEach(all::add);
      if (page.isEmpty()) {
        assertEquals(after, reply.json().getJsonNumber("latest").longValue());
        return all;
      }
      after = reply.json().getJsonNumber("next").longValue();
    }
  }

  private static List<String> types(List<JsonObject> events) {
    return events.stream().map(e -> e.getString("type")).toList();
  }

  private static void assertNumberedFromOne(List<JsonObject> events, String tenant) {
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).getJsonNumber("seq").longValue(), events::toString);
      assertEquals("evt_" + tenant + "_" + (i + 1), events.get(i).getString("id"));
      assertEquals(tenant, events.get(i).getString("tenant"));
    }
  }

  private static String patch(String operations) {
    return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations + "]}";
  }

  private String created(ScimClient.Reply reply) {
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  private void ok(ScimClient.Reply reply) {
    assertTrue(reply.status() == 200 || reply.status() == 204, reply::toString);
  }

  @Test
  void entraUsersLifeIsFollowedEventByEventAndItsNoOpPatchesMakeNone() {
    Tenant t = newTenant();
    ScimClient scim = scim();
    assertEquals(
        0,
        scim.get("/Users?filter=userName+eq+%22Test_User_1%40contoso.com%22", t.token())
            .json()
            .getInt("totalResults"));
    String id =
        created(
            scim.post(
                "/Users",
                t.token(),
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
                    + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0User\"],"
                    + "\"externalId\":\"5e1f\",\"userName\":\"Test_User_1@contoso.com\","
                    + "\"active\":true,\"displayName\":\"Barbara Jensen\","
                    + "\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"bjensen@contoso.com\"}],"
                    + "\"meta\":{\"resourceType\":\"User\"},\"name\":{\"formatted\":\"Barbara Jensen\","
                    + "\"familyName\":\"Jensen\",\"givenName\":\"Barbara\"},\"addresses\":null,"
                    + "\"title\":null,\"roles\":[]}"));
    // Entra's update: the department by URN, then the same values again (no change)
    ok(
        scim.patch(
            "/Users/" + id,
            t.token(),
            patch(
                "{\"op\":\"Add\",\"path\":\""
                    + ENTERPRISE
                    + ":department\",\"value\":\"Sales\"}")));
    ok(
        scim.patch(
            "/Users/" + id,
            t.token(),
            patch(
                "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Barbara Jensen\"},"
                    + "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}")));
    // manager as a bare id (P6), disable (P8), enable, delete
    ok(
        scim.patch(
            "/Users/" + id,
            t.token(),
            patch(
                "{\"op\":\"Add\",\"path\":\""
                    + ENTERPRISE
                    + ":manager\",\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\"}")));
    ok(
        scim.patch(
            "/Users/" + id,
            t.token(),
            patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")));
    ok(
        scim.patch(
            "/Users/" + id,
            t.token(),
            patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}")));
    assertEquals(204, scim.delete("/Users/" + id, t.token()).status());

    List<JsonObject> all = allEvents(t.id());
    assertEquals(
        List.of(
            "user.created",
            "user.updated",
            "department.member_added",
            "user.updated",
            "user.deactivated",
            "user.reactivated",
            "user.deleted"),
        types(all));
    assertNumberedFromOne(all, t.id());
    assertEquals(
        "Sales", all.get(2).getJsonObject("data").getJsonObject("department").getString("name"));
    List<JsonObject> events =
        all.stream().filter(e -> e.getString("type").startsWith("user.")).toList();
    events.forEach(e -> assertEquals(id, e.getString("resourceId")));
    JsonObject user = events.get(0).getJsonObject("data").getJsonObject("user");
    assertEquals("bjensen@contoso.com", user.getString("email"));
    assertEquals("5e1f", user.getString("externalId"));
    assertEquals("Barbara", user.getString("givenName"));
    assertEquals(JsonValue.TRUE, user.get("active"));
    assertEquals(
        "Sales",
        events
            .get(1)
            .getJsonObject("data")
            .getJsonObject("changes")
            .getJsonObject("department")
            .getString("new"));
    assertEquals(
        "26118915-6090-4610-87e4-49d8ca9f808d",
        events.get(2).getJsonObject("data").getJsonObject("user").getString("managerId"));
    assertEquals(
        JsonValue.FALSE, events.get(3).getJsonObject("data").getJsonObject("user").get("active"));
    Instant.parse(events.get(5).getString("occurred"));
  }

  @Test
  void oktasPasswordSyncAndProfilePushOfTheSameValuesMakeNoEvent() {
    Tenant t = newTenant();
    ScimClient scim = scim();
    ScimClient.Reply create =
        scim.post(
            "/Users",
            t.token(),
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"barbara.jensen@example.com\",\"name\":{\"givenName\":\"Barbara\","
                + "\"familyName\":\"Jensen\"},\"emails\":[{\"primary\":true,\"value\":"
                + "\"barbara.jensen@example.com\",\"type\":\"work\"}],\"displayName\":\"Barbara Jensen\","
                + "\"locale\":\"en-US\",\"externalId\":\"00u1\",\"groups\":[],\"password\":\"x1!Aa\","
                + "\"active\":true}");
    String id = created(create);
    // O4: the whole user back as Okta sees it, read-only attributes included
    ok(scim.put("/Users/" + id, t.token(), create.body()));
    // O7: password sync
    ok(
        scim.patch(
            "/Users/" + id,
            t.token(),
            patch("{\"op\":\"replace\",\"value\":{\"password\":\"n3w!Pass\"}}")));
    // O5, O6
    ok(
        scim.patch(
            "/Users/" + id, t.token(), patch("{\"op\":\"replace\",\"value\":{\"active\":false}}")));
    ok(
        scim.patch(
            "/Users/" + id, t.token(), patch("{\"op\":\"replace\",\"value\":{\"active\":true}}")));
    assertEquals(
        List.of("user.created", "user.deactivated", "user.reactivated"), types(allEvents(t.id())));
  }

  @Test
  void entraGroupsLifeNamesEachMemberAddedAndRemoved() {
    Tenant t = newTenant();
    ScimClient scim = scim();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      users.add(created(scim.post("/Users", t.token(), "{\"userName\":\"u" + i + "\"}")));
    }
    String group =
        created(
            scim.post(
                "/Groups",
                t.token(),
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\","
                    + "\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
                    + "\"externalId\":\"8aa1\",\"displayName\":\"Sales Team\","
                    + "\"meta\":{\"resourceType\":\"Group\"}}"));
    // G1, G2, G6
    ok(
        scim.patch(
            "/Groups/" + group,
            t.token(),
            patch(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + users.get(0)
                    + "\"},{\"value\":\""
                    + users.get(1)
                    + "\"}]}")));
    ok(
        scim.patch(
            "/Groups/" + group,
            t.token(),
            patch(
                "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + users.get(1)
                    + "\"},{\"value\":\""
                    + users.get(2)
                    + "\"}]}")));
    ok(
        scim.patch(
            "/Groups/" + group,
            t.token(),
            patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Sales EMEA\"}")));
    assertEquals(204, scim.delete("/Groups/" + group, t.token()).status());

    List<JsonObject> events = allEvents(t.id());
    assertNumberedFromOne(events, t.id());
    List<JsonObject> ofGroup =
        events.stream().filter(e -> e.getString("resourceId").equals(group)).toList();
    assertEquals(
        List.of(
            "group.created",
            "group.members_added",
            "group.members_removed",
            "group.renamed",
            "group.deleted"),
        types(ofGroup));
    assertEquals(List.of(users.get(0), users.get(1)), memberIds(ofGroup.get(1)));
    assertEquals(List.of(users.get(1)), memberIds(ofGroup.get(2)));
    assertEquals(
        "8aa1",
        ofGroup.get(0).getJsonObject("data").getJsonObject("group").getString("externalId"));
  }

  @Test
  void concurrentWritersLeaveEveryNumberOnceAndEveryChangeItsEvent() throws Exception {
    Tenant t = newTenant();
    ScimClient scim = scim();
    String group = created(scim.post("/Groups", t.token(), "{\"displayName\":\"All\"}"));
    List<Callable<List<String>>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      int writer = w;
      writers.add(
          () -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
              String id =
                  created(
                      scim.post(
                          "/Users", t.token(), "{\"userName\":\"w" + writer + "-" + i + "\"}"));
              ids.add(id);
              ok(
                  scim.patch(
                      "/Groups/" + group,
                      t.token(),
                      patch(
                          "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                              + id
                              + "\"}]}")));
              // a conflict in between takes no number
              assertEquals(
                  409,
                  scim.post("/Users", t.token(), "{\"userName\":\"W" + writer + "-" + i + "\"}")
                      .status());
            }
            return ids;
          });
    }
    Set<String> users = new HashSet<>();
    Concurrently.simultaneously(writers).forEach(users::addAll);

    List<JsonObject> events = allEvents(t.id());
    assertNumberedFromOne(events, t.id());
    assertEquals(1 + 80 + 80, events.size());
    Set<String> createdUsers = new HashSet<>();
    Set<String> added = new HashSet<>();
    for (JsonObject event : events) {
      switch (event.getString("type")) {
        case "user.created" -> createdUsers.add(event.getString("resourceId"));
        case "group.members_added" -> added.addAll(memberIds(event));
        default -> assertEquals("group.created", event.getString("type"));
      }
    }
    assertEquals(users, createdUsers);
    assertEquals(users, added);
  }

  @Test
  void aReaderThatWaitsGetsTheNextEventAsSoonAsItCommits() throws Exception {
    Tenant t = newTenant();
    ScimClient scim = scim();
    created(scim.post("/Users", t.token(), "{\"userName\":\"first\"}"));
    long start = System.nanoTime();
    CompletableFuture<ScimClient.Reply> waiting =
        CompletableFuture.supplyAsync(() -> events(t.id(), "?after=1&wait=20"));
    Thread.sleep(1500);
    assertTrue(!waiting.isDone(), "an up-to-date reader waits");
    String second = created(scim.post("/Users", t.token(), "{\"userName\":\"second\"}"));
    ScimClient.Reply reply = waiting.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, reply.status(), reply::toString);
    JsonArray events = reply.json().getJsonArray("events");
    assertEquals(1, events.size(), reply::toString);
    assertEquals(second, events.getJsonObject(0).getString("resourceId"));
    assertEquals(2, reply.json().getJsonNumber("next").longValue());
    assertTrue(millis < 10_000, "answered " + millis + " ms after it asked");

    // nothing new: the wait ends empty, with the cursor unchanged
    ScimClient.Reply empty = events(t.id(), "?after=2&wait=1");
    assertEquals(0, empty.json().getJsonArray("events").size());
    assertEquals(2, empty.json().getJsonNumber("next").longValue());
  }

  @Test
  void tooManyWaitersAreTurnedAwayAtOnceWithRetryAfter() throws Exception {
    Tenant t = newTenant();
    List<Callable<String>> readers = new ArrayList<>();
    for (int i = 0; i < 72; i++) {
      readers.add(
          () -> {
            try {
              waiters.read(t.id(), 0, 10, Duration.ofSeconds(4));
              return "waited";
            } catch (ScimException e) {
              return e.status() + " " + e.retryAfter().map(Duration::toSeconds).orElse(-1L);
            }
          });
    }
    List<String> outcomes = Concurrently.simultaneously(readers);
    assertEquals(64, outcomes.stream().filter("waited"::equals).count(), outcomes::toString);
    assertEquals(8, outcomes.stream().filter("503 5"::equals).count(), outcomes::toString);
  }

  @Test
  void aCursorOlderThanWhatIsKeptIsGoneAndBadParametersAreRefused() {
    Tenant t = newTenant();
    ScimClient scim = scim();
    created(scim.post("/Users", t.token(), "{\"userName\":\"a\"}"));
    created(scim.post("/Users", t.token(), "{\"userName\":\"b\"}"));
    // everything that exists now is older than a minute from now
    while (feed.purgeOlderThan(Instant.now().plusSeconds(60), 5000) > 0) {
      // purge in chunks, as retention does
    }
    ScimClient.Reply gone = events(t.id(), "?after=0");
    ScimAssertions.assertScimError(gone, 410, null);
    assertTrue(gone.json().getString("detail").contains("after=2"), gone::toString);
    ScimClient.Reply upToDate = events(t.id(), "?after=2");
    assertEquals(200, upToDate.status(), upToDate::toString);
    // where to start following, without 410
    ScimClient.Reply latest = events(t.id(), "?after=latest");
    assertEquals(200, latest.status(), latest::toString);
    assertEquals(2, latest.json().getJsonNumber("next").longValue());
    assertEquals(0, latest.json().getJsonArray("events").size());
    created(scim.post("/Users", t.token(), "{\"userName\":\"c\"}"));
    JsonArray next = events(t.id(), "?after=2").json().getJsonArray("events");
    assertEquals(3, next.getJsonObject(0).getJsonNumber("seq").longValue());

    for (String bad :
        List.of("?after=-1", "?after=x", "?limit=0", "?limit=1001", "?wait=26", "?after=4")) {
      ScimAssertions.assertScimError(events(t.id(), bad), 400, "invalidValue");
    }
    ScimAssertions.assertScimError(events("no-such-tenant", ""), 404, null);
    ScimClient.Reply anonymous =
        scim()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            server.toString().replaceAll("/+$", "")
                                + "/api/admin/v1/tenants/"
                                + t.id()
                                + "/events"))
                    .GET());
    ScimAssertions.assertScimError(anonymous, 401, null);
  }

  private static List<String> memberIds(JsonObject event) {
    return event.getJsonObject("data").getJsonArray("memberIds").getValuesAs(JsonString::getString);
  }
}
