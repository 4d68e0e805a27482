package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks black-box (docs/webhooks.md), with a receiver inside the test that verifies every
 * delivery with the Standard Webhooks library and fails, stalls and recovers on purpose. The test
 * server retries after 1 second (doubling) and marks an endpoint failing after 12 seconds
 * (arquillian.xml), so that what takes hours in production takes seconds here.
 */
@ExtendWith(ArquillianExtension.class)
class WebhooksIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private String tenant;
  private String token;
  private WebhookReceiver receiver;
  private final List<String> endpoints = new ArrayList<>();

  @BeforeEach
  void aTenantAndAReceiver() throws Exception {
    tenant = "hook-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201, admin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Hooks\"}").status());
    token =
        admin("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"Entra\"}")
            .json()
            .getString("token");
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void deleteEndpointsAndCloseReceiver() {
    endpoints.forEach(id -> admin("DELETE", "/webhooks/" + id, null));
    receiver.close();
  }

  @Test
  void everyEventArrivesOnceInOrderSignedAsStandardWebhooks() throws Exception {
    JsonObject created = endpoint(receiver, tenant, null);
    String secret = created.getString("secret");
    assertTrue(secret.startsWith("whsec_"), secret);
    String id = created.getString("id");
    assertFalse(admin("GET", "/webhooks/" + id, null).json().containsKey("secret"), "shown once");

    String user = createUser("bjensen");
    deactivate(user);
    createUser("kakers");
    long latest = latest();

    waitFor(() -> receiver.received().size() >= latest, "all " + latest + " events");
    List<WebhookReceiver.Received> received = receiver.received();
    assertEquals(latest, received.size(), "each once: " + bodies(received));
    Webhook verifier = new Webhook(secret);
    for (int i = 0; i < received.size(); i++) {
      WebhookReceiver.Received r = received.get(i);
      verifier.verify(r.body(), r.headers()); // throws when the signature or timestamp is wrong
      JsonObject event = json(r.body());
      assertEquals(i + 1, event.getInt("seq"), "in the feed's order");
      assertEquals("evt_" + tenant + "_" + (i + 1), r.header("webhook-id"));
      assertEquals(event.getString("id"), r.header("webhook-id"));
      assertEquals(tenant, event.getString("tenant"));
      long timestamp = Long.parseLong(r.header("webhook-timestamp"));
      assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 120, "seconds, now");
    }
    assertEquals(
        List.of(
            "user.created",
            "department.member_added",
            "user.deactivated",
            "user.created",
            "department.member_added"),
        types(received));

    WebhookReceiver.Received tampered =
        new WebhookReceiver.Received(
            received.get(0).headers(), received.get(0).body().replace("bjensen", "mallory"), null);
    try {
      verifier.verify(tampered.body(), tampered.headers());
      throw new AssertionError("a changed body must not verify");
    } catch (WebhookVerificationException expected) {
      // the receiver library refuses it
    }

    waitFor(() -> progress(id).getInt("delivered") == latest, "the cursor at the latest event");
    JsonObject progress = progress(id);
    assertEquals(0, progress.getInt("pending"));
    assertEquals(0, progress.getInt("failures"));
    List<JsonObject> attempts = attempts(id);
    assertEquals(latest, attempts.size());
    attempts.forEach(a -> assertEquals(204, a.getInt("status"), a::toString));
  }

  /**
   * An Entra ID and an Okta lifecycle, as each sends it, to an endpoint that fails now and then:
   * what the receiver got first-time, in order, is exactly the feed read by cursor.
   */
  @Test
  void entraAndOktaLifecyclesArriveAsTheFeedHasThem() throws Exception {
    receiver.answer(n -> n % 7 == 3 ? 502 : 200);
    endpoint(receiver, tenant, null);
    long start = latest();
    ScimClient scim = new ScimClient(server);
    String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    // Entra ID: create, update with its Replace of several attributes, deactivate with "False"
    String entra =
        scim.post(
                "/Users",
                token,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                    + enterprise
                    + "\"],\"externalId\":\"0a21f0f2\",\"userName\":\"Test_User_1@contoso.com\","
                    + "\"active\":true,\"displayName\":\"Test User\",\"emails\":[{\"primary\":true,"
                    + "\"type\":\"work\",\"value\":\"Test_User_1@contoso.com\"}],"
                    + "\"name\":{\"givenName\":\"Test\",\"familyName\":\"User\"},\""
                    + enterprise
                    + "\":{\"department\":\"Sales\"}}")
            .json()
            .getString("id");
    patchOk(
        scim,
        "/Users/" + entra,
        "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Test User One\"},"
            + "{\"op\":\"Replace\",\"path\":\""
            + enterprise
            + ":department\",\"value\":\"Marketing\"}");
    patchOk(
        scim, "/Users/" + entra, "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}");
    // Okta: create, full PUT, group push with members, member removal, deactivation
    ScimClient.Reply okta =
        scim.post(
            "/Users",
            token,
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"isabella@okta.example\",\"name\":{\"givenName\":\"Isabella\","
                + "\"familyName\":\"Jones\"},\"emails\":[{\"primary\":true,\"value\":"
                + "\"isabella@okta.example\",\"type\":\"work\"}],\"active\":true}");
    String oktaId = okta.json().getString("id");
    assertEquals(
        200,
        scim.put(
                "/Users/" + oktaId,
                token,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\""
                    + oktaId
                    + "\",\"userName\":\"isabella@okta.example\",\"name\":{\"givenName\":"
                    + "\"Bella\",\"familyName\":\"Jones\"},\"emails\":[{\"primary\":true,"
                    + "\"value\":\"isabella@okta.example\",\"type\":\"work\"}],\"active\":true}")
            .status());
    String group =
        scim.post(
                "/Groups",
                token,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                    + "\"displayName\":\"Sales EMEA\",\"members\":[{\"value\":\""
                    + oktaId
                    + "\"},{\"value\":\""
                    + entra
                    + "\"}]}")
            .json()
            .getString("id");
    patchOk(
        scim,
        "/Groups/" + group,
        "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + entra + "\\\"]\"}");
    patchOk(scim, "/Users/" + oktaId, "{\"op\":\"replace\",\"value\":{\"active\":false}}");
    assertEquals(204, scim.delete("/Users/" + entra, token).status());
    long latest = latest();

    List<JsonObject> feed =
        admin("GET", "/tenants/" + tenant + "/events?limit=1000&after=" + start, null)
            .json()
            .getJsonArray("events")
            .getValuesAs(JsonObject.class);
    assertEquals(latest - start, feed.size());
    waitFor(() -> distinctSeqs(receiver.received()).size() >= feed.size(), "the whole lifecycle");
    java.util.LinkedHashMap<Long, JsonObject> firstArrivals = new java.util.LinkedHashMap<>();
    for (WebhookReceiver.Received r : receiver.received()) {
      JsonObject event = json(r.body());
      firstArrivals.putIfAbsent(event.getJsonNumber("seq").longValue(), event);
    }
    assertEquals(feed, new ArrayList<>(firstArrivals.values()), "delivered == the feed");
    assertTrue(receiver.received().size() > feed.size(), "some were retried after a 502");
    assertEquals(
        List.of(
            "user.created",
            "department.member_added",
            "user.updated",
            "department.member_removed",
            "department.member_added",
            "user.deactivated",
            "user.created",
            "user.updated",
            "group.created",
            "group.members_added",
            "group.members_removed",
            "user.deactivated",
            "user.deleted"),
        feed.stream().map(e -> e.getString("type")).toList());
  }

  private void patchOk(ScimClient scim, String path, String operations) {
    ScimClient.Reply reply =
        scim.patch(
            path,
            token,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":["
                + operations
                + "]}");
    assertTrue(reply.status() == 200 || reply.status() == 204, reply::toString);
  }

  @Test
  void aFailingEndpointIsRetriedWithBackoffWithoutLosingOrder() throws Exception {
    receiver.answer(n -> n < 3 ? 503 : 200);
    String id = endpoint(receiver, tenant, null).getString("id");
    createUser("u1");
    createUser("u2");
    long latest = latest();

    waitFor(() -> distinctSeqs(receiver.received()).size() >= latest, "every event after retries");
    List<WebhookReceiver.Received> received = receiver.received();
    assertEquals(List.of("1", "1", "1", "1"), seqs(received).subList(0, 4), "retried in place");
    List<Long> distinct = distinctSeqs(received);
    for (int i = 0; i < distinct.size(); i++) {
      assertEquals(i + 1, distinct.get(i), "in order");
    }
    // backoff: the retries come later and later
    Duration first = Duration.between(received.get(0).at(), received.get(1).at());
    Duration third = Duration.between(received.get(2).at(), received.get(3).at());
    assertTrue(third.compareTo(first) > 0, first + " then " + third);

    List<JsonObject> attempts = attempts(id);
    JsonObject failed = attempts.get(attempts.size() - 1); // oldest
    assertEquals(503, failed.getInt("status"));
    assertNotNull(failed.getString("nextAttempt"));
    assertTrue(failed.getString("error").contains("503"));
  }

  @Test
  void anEndpointGetsOnlyTheEventTypesItWants() throws Exception {
    String id = endpoint(receiver, tenant, List.of("user.deactivated", "group.*")).getString("id");
    String user = createUser("leaver");
    createUser("stayer");
    deactivate(user);
    long latest = latest();

    waitFor(() -> progress(id).getInt("delivered") == latest, "the cursor past every event");
    assertEquals(List.of("user.deactivated"), types(receiver.received()));
  }

  @Test
  void aSlowEndpointDelaysNeitherScimNorTheOtherEndpoints() throws Exception {
    try (WebhookReceiver fast = new WebhookReceiver()) {
      receiver.delay(Duration.ofSeconds(15)); // beyond Roster's 10 s for an answer
      endpoint(receiver, tenant, null);
      String fastId = endpoint(fast, tenant, null).getString("id");

      List<Duration> writes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Instant start = Instant.now();
        createUser("busy" + i);
        writes.add(Duration.between(start, Instant.now()));
      }
      long latest = latest();

      waitFor(() -> fast.received().size() >= latest, "the other endpoint's events");
      assertTrue(
          Duration.between(fast.received().get(0).at(), Instant.now()).toSeconds() < 30,
          "the fast endpoint did not wait for the slow one");
      assertEquals(latest, progress(fastId).getInt("delivered"));
      writes.forEach(d -> assertTrue(d.toMillis() < 3000, "a SCIM write took " + d));
      assertTrue(receiver.received().size() <= 2, "the slow one is still on its first event");
    }
  }

  @Test
  void anEndpointFailingLongerThanTheRetryWindowIsMarkedAndRecovers() throws Exception {
    receiver.answer(n -> 500);
    String id = endpoint(receiver, tenant, null).getString("id");
    createUser("waiting");
    long latest = latest();

    waitFor(
        () -> admin("GET", "/webhooks/" + id, null).json().getString("state").equals("failing"),
        "the failing state");
    JsonObject failing = admin("GET", "/webhooks/" + id, null).json();
    assertNotNull(failing.getString("failingSince"));
    assertEquals(0, progress(id).getInt("delivered"), "nothing was skipped");

    receiver.answer(n -> 200);
    waitFor(() -> progress(id).getInt("delivered") == latest, "delivery once it answers");
    assertEquals("active", admin("GET", "/webhooks/" + id, null).json().getString("state"));
    assertEquals(List.of(1L, 2L), distinctSeqs(receiver.received()));
  }

  @Test
  void aReplaySendsTheRangeAgainBeforeAnythingNew() throws Exception {
    String id = endpoint(receiver, tenant, null).getString("id");
    for (int i = 0; i < 3; i++) {
      createUser("r" + i);
    }
    long latest = latest();
    waitFor(() -> receiver.received().size() >= latest, "the first delivery");

    ScimClient.Reply replay =
        admin(
            "POST",
            "/webhooks/" + id + "/replay",
            "{\"tenant\":\"" + tenant + "\",\"from\":2,\"to\":3}");
    assertEquals(202, replay.status(), replay::toString);
    waitFor(() -> receiver.received().size() >= latest + 2, "the replayed events");
    List<String> seqs = seqs(receiver.received());
    assertEquals(List.of("2", "3"), seqs.subList((int) latest, (int) latest + 2));
    waitFor(() -> !progress(id).containsKey("replaying"), "the replay to be done and forgotten");

    assertScimError(
        admin(
            "POST",
            "/webhooks/" + id + "/replay",
            "{\"tenant\":\""
                + tenant
                + "\",\"from\":"
                + (latest + 5)
                + ",\"to\":"
                + (latest + 9)
                + "}"),
        400,
        "invalidValue");
  }

  @Test
  void anEndpointForAllTenantsReceivesTenantsMadeAfterIt() throws Exception {
    String id = endpoint(receiver, null, List.of("user.created")).getString("id");
    String later = "hook-later-" + UUID.randomUUID().toString().substring(0, 8);
    admin("POST", "/tenants", "{\"id\":\"" + later + "\",\"name\":\"Later\"}");
    String laterToken =
        admin("POST", "/tenants/" + later + "/tokens", "{\"label\":\"Okta\"}")
            .json()
            .getString("token");
    ScimClient.Reply created =
        new ScimClient(server).post("/Users", laterToken, "{\"userName\":\"late@example.com\"}");
    assertEquals(201, created.status());

    waitFor(
        () ->
            receiver.received().stream()
                .anyMatch(r -> json(r.body()).getString("tenant").equals(later)),
        "the later tenant's event");
    assertEquals(204, admin("DELETE", "/webhooks/" + id, null).status());
    endpoints.remove(id);
    assertScimError(admin("GET", "/webhooks/" + id, null), 404, null);
  }

  @Test
  void badEndpointsAreRefusedAndOnlyAdminsManageThem() {
    assertScimError(admin("POST", "/webhooks", "{\"url\":\"ftp://x\"}"), 400, "invalidValue");
    assertScimError(admin("POST", "/webhooks", "{}"), 400, "invalidValue");
    assertScimError(
        admin("POST", "/webhooks", "{\"url\":\"https://x.example\",\"tenant\":\"no-such\"}"),
        400,
        "invalidValue");
    assertScimError(
        admin("POST", "/webhooks", "{\"url\":\"https://x.example\",\"eventTypes\":[\"users!\"]}"),
        400,
        "invalidValue");
    assertScimError(
        admin("POST", "/webhooks", "{\"url\":\"https://x.example\",\"eventTypes\":\"*\"}"),
        400,
        "invalidValue");
    assertScimError(admin("GET", "/webhooks/" + UUID.randomUUID(), null), 404, null);
    String directoryKey =
        admin("POST", "/api-keys", "{\"label\":\"product\",\"scopes\":[\"directory\"]}")
            .json()
            .getString("key");
    assertScimError(
        new AdminApiClient(server).withKey(directoryKey, "GET", "/webhooks", null), 403, null);
  }

  // Helpers

  private JsonObject endpoint(WebhookReceiver to, String forTenant, List<String> types) {
    StringBuilder body = new StringBuilder("{\"url\":\"" + to.url() + "\"");
    if (forTenant != null) {
      body.append(",\"tenant\":\"").append(forTenant).append("\"");
    }
    if (types != null) {
      body.append(",\"eventTypes\":[");
      for (int i = 0; i < types.size(); i++) {
        body.append(i == 0 ? "" : ",").append("\"").append(types.get(i)).append("\"");
      }
      body.append("]");
    }
    ScimClient.Reply reply = admin("POST", "/webhooks", body.append("}").toString());
    assertEquals(201, reply.status(), reply::toString);
    endpoints.add(reply.json().getString("id"));
    return reply.json();
  }

  private String createUser(String name) {
    ScimClient.Reply reply =
        new ScimClient(server)
            .post(
                "/Users",
                token,
                "{\"userName\":\""
                    + name
                    + "@contoso.com\",\"active\":true,"
                    + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
                    + "{\"department\":\"Sales\"}}");
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  private void deactivate(String user) {
    ScimClient.Reply reply =
        new ScimClient(server)
            .patch(
                "/Users/" + user,
                token,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}]}");
    assertEquals(200, reply.status(), reply::toString);
  }

  private long latest() {
    return admin("GET", "/tenants/" + tenant + "/events?after=latest", null)
        .json()
        .getJsonNumber("next")
        .longValue();
  }

  private JsonObject progress(String id) {
    return admin("GET", "/webhooks/" + id, null)
        .json()
        .getJsonArray("tenants")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(t -> t.getString("tenant").equals(tenant))
        .findFirst()
        .orElseThrow();
  }

  private List<JsonObject> attempts(String id) {
    return admin("GET", "/webhooks/" + id + "/attempts?limit=500", null)
        .json()
        .getJsonArray("attempts")
        .getValuesAs(JsonObject.class);
  }

  private ScimClient.Reply admin(String method, String path, String json) {
    return new AdminApiClient(server).asAdmin(method, path, json);
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited 60 s for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static List<String> types(List<WebhookReceiver.Received> received) {
    return received.stream().map(r -> json(r.body()).getString("type")).toList();
  }

  private static List<String> seqs(List<WebhookReceiver.Received> received) {
    return received.stream().map(r -> json(r.body()).get("seq").toString()).toList();
  }

  private static List<Long> distinctSeqs(List<WebhookReceiver.Received> received) {
    return received.stream()
        .map(r -> json(r.body()).getJsonNumber("seq").longValue())
        .distinct()
        .toList();
  }

  private static String bodies(List<WebhookReceiver.Received> received) {
    return String.join("\n", received.stream().map(WebhookReceiver.Received::body).toList());
  }
}
