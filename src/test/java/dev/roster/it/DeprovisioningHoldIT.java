package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A mass deprovisioning is held until a person confirms it (docs/deprovisioning-hold.md): Entra
 * ID's and Okta's requests are answered as always, and the product does not lose its users until an
 * admin releases them.
 */
@ExtendWith(ArquillianExtension.class)
class DeprovisioningHoldIT {

  /** Entra ID's soft delete (reference P11: the string "False"). */
  private static final String ENTRA_DEACTIVATE =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}";

  private static final String ENTRA_REACTIVATE = ENTRA_DEACTIVATE.replace("False", "True");

  /** Okta's deactivation: a path-less replace. */
  private static final String OKTA_DEACTIVATE =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private String tenant;
  private String token;
  private ScimClient scim;

  @BeforeEach
  void aTenantWithAToken() {
    tenant = "hold-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201, admin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Hold\"}").status());
    token =
        admin("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"Entra\"}")
            .json()
            .getString("token");
    scim = new ScimClient(server);
  }

  private ScimClient.Reply admin(String method, String path, String json) {
    return new AdminApiClient(server).asAdmin(method, path, json);
  }

  private void threshold(String json) {
    ScimClient.Reply reply =
        admin("PATCH", "/tenants/" + tenant, "{\"deprovisioningHold\":" + json + "}");
    assertEquals(200, reply.status(), reply::toString);
  }

  private List<String> users(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ScimClient.Reply reply =
          scim.post(
              "/Users",
              token,
              "{\"userName\":\"user"
                  + i
                  + "@contoso.example\",\"active\":true,"
                  + "\"displayName\":\"User "
                  + i
                  + "\"}");
      assertEquals(201, reply.status(), reply::toString);
      ids.add(reply.json().getString("id"));
    }
    return ids;
  }

  private void deactivate(String id, String body) {
    ScimClient.Reply reply = scim.patch("/Users/" + id, token, body);
    assertEquals(200, reply.status(), "answered as always: " + reply);
    assertFalse(reply.json().getBoolean("active"), "the identity provider sees what it asked");
  }

  private JsonObject held(String state) {
    ScimClient.Reply reply =
        admin("GET", "/tenants/" + tenant + "/deprovisionings?limit=1000&state=" + state, null);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private JsonObject directoryUser(String id) {
    ScimClient.Reply reply = admin("GET", "/tenants/" + tenant + "/users/" + id, null);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private List<JsonObject> events() {
    List<JsonObject> all = new ArrayList<>();
    long after = 0;
    while (true) {
      ScimClient.Reply reply =
          admin("GET", "/tenants/" + tenant + "/events?limit=1000&after=" + after, null);
      List<JsonObject> page = reply.json().getJsonArray("events").getValuesAs(JsonObject.class);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      after = reply.json().getJsonNumber("next").longValue();
    }
  }

  private long count(List<JsonObject> events, String type) {
    return events.stream().filter(e -> e.getString("type").equals(type)).count();
  }

  private ScimClient.Reply decide(String action, String body) {
    return admin("POST", "/tenants/" + tenant + "/deprovisionings/" + action, body);
  }

  @Test
  void anEntraCycleThatDeactivates60PercentIsHeldAndThenReleased() {
    threshold("{\"minimum\": 10}"); // 10% of 50 is 5: the minimum of 10 decides
    List<String> ids = users(50);
    for (String id : ids.subList(0, 30)) {
      deactivate(id, ENTRA_DEACTIVATE);
    }
    JsonObject held = held("held");
    assertEquals(20, held.getInt("held"), held::toString);
    JsonObject first = held.getJsonArray("deprovisionings").getJsonObject(19);
    assertEquals(ids.get(10), first.getString("userId"), "the 11th is the first held");
    assertEquals("deactivate", first.getString("kind"));
    assertEquals("PATCH /Users/" + ids.get(10), first.getString("request"));
    assertEquals("user10@contoso.example", first.getJsonObject("user").getString("userName"));

    // the product: ten deactivated, the rest still active and marked held; one announcement
    List<JsonObject> events = events();
    assertEquals(10, count(events, "user.deactivated"));
    assertEquals(1, count(events, "deprovisioning.held"));
    JsonObject heldUser = directoryUser(ids.get(29));
    assertTrue(heldUser.getBoolean("active"), heldUser::toString);
    assertEquals("held", heldUser.getJsonObject("hold").getString("state"));
    assertFalse(directoryUser(ids.get(9)).getBoolean("active"));
    // SCIM stays as the identity provider left it
    assertFalse(scim.get("/Users/" + ids.get(29), token).json().getBoolean("active"));

    // release some, then all
    String someId = held.getJsonArray("deprovisionings").getJsonObject(0).getString("id");
    JsonObject some = decide("release", "{\"ids\":[\"" + someId + "\"]}").json();
    assertEquals(1, some.getInt("decided"), some::toString);
    assertEquals(19, some.getInt("held"));
    JsonObject all = decide("release", "{\"all\":true}").json();
    assertEquals(19, all.getInt("decided"), all::toString);
    assertEquals(0, all.getInt("held"));

    events = events();
    assertEquals(30, count(events, "user.deactivated"), "every deactivation reached the feed");
    assertEquals(2, count(events, "deprovisioning.released"));
    JsonObject released = held("released").getJsonArray("deprovisionings").getJsonObject(0);
    assertEquals(Deployments.ADMIN_USER, released.getString("decidedBy"));
    JsonObject nowInactive = directoryUser(ids.get(29));
    assertFalse(nowInactive.getBoolean("active"));
    assertTrue(nowInactive.isNull("hold"));
  }

  @Test
  void whereThePercentDecidesTheTenantsActiveUsersAreCountedExactly() {
    threshold("{\"percent\": 20, \"minimum\": 2}");
    List<String> ids = users(40);
    for (int i = 0; i < 5; i++) { // inactive users do not count: 20% of 45 would let a 9th pass
      ScimClient.Reply reply =
          scim.post(
              "/Users", token, "{\"userName\":\"gone" + i + "@contoso.example\",\"active\":false}");
      assertEquals(201, reply.status(), reply::toString);
    }
    for (String id : ids.subList(0, 10)) {
      deactivate(id, ENTRA_DEACTIVATE); // 20% of 40 (the 32 still active and the 8 before)
    }
    JsonObject held = held("held");
    assertEquals(2, held.getInt("held"), held::toString);
    JsonObject first = held.getJsonArray("deprovisionings").getJsonObject(1);
    assertEquals(ids.get(8), first.getString("userId"), "the 9th is the first held");
  }

  @Test
  void underTheThresholdEverythingPassesStraightThrough() {
    List<String> ids = users(30);
    for (String id : ids.subList(0, 25)) {
      deactivate(id, OKTA_DEACTIVATE); // 25 of 30, but the default minimum is 50
    }
    assertEquals(204, scim.delete("/Users/" + ids.get(0), token).status());
    assertEquals(0, held("held").getInt("held"));
    List<JsonObject> events = events();
    assertEquals(25, count(events, "user.deactivated"));
    assertEquals(1, count(events, "user.deleted"));
    assertEquals(0, count(events, "deprovisioning.held"));
  }

  @Test
  void switchedOffNothingIsHeld() {
    threshold("{\"enabled\": false, \"minimum\": 0, \"percent\": 0}");
    List<String> ids = users(3);
    ids.forEach(id -> deactivate(id, ENTRA_DEACTIVATE));
    assertEquals(0, held("held").getInt("held"));
    assertEquals(3, count(events(), "user.deactivated"));
  }

  @Test
  void aRejectedDeactivationKeepsTheUserUntilTheIdentityProviderTakesItBack() {
    threshold("{\"minimum\": 0, \"percent\": 0}"); // every deprovisioning is held
    List<String> ids = users(2);
    deactivate(ids.get(0), ENTRA_DEACTIVATE);
    String holdId = held("held").getJsonArray("deprovisionings").getJsonObject(0).getString("id");
    JsonObject rejected = decide("reject", "{\"ids\":[\"" + holdId + "\"]}").json();
    assertEquals(1, rejected.getInt("decided"));
    JsonObject kept = directoryUser(ids.get(0));
    assertTrue(kept.getBoolean("active"));
    assertEquals("kept", kept.getJsonObject("hold").getString("state"));
    List<JsonObject> events = events();
    assertEquals(0, count(events, "user.deactivated"), "the held event was dropped");
    assertEquals(1, count(events, "deprovisioning.rejected"));

    // the identity provider takes it back: the hold resolves itself
    ScimClient.Reply back = scim.patch("/Users/" + ids.get(0), token, ENTRA_REACTIVATE);
    assertEquals(200, back.status());
    JsonObject resolved = held("resolved").getJsonArray("deprovisionings").getJsonObject(0);
    assertEquals(holdId, resolved.getString("id"));
    assertTrue(directoryUser(ids.get(0)).isNull("hold"));
    assertEquals(0, count(events(), "user.reactivated"), "the product never saw it inactive");

    // a held deactivation the identity provider takes back before anyone decides
    deactivate(ids.get(1), ENTRA_DEACTIVATE);
    assertEquals(1, held("held").getInt("held"));
    scim.patch("/Users/" + ids.get(1), token, ENTRA_REACTIVATE);
    assertEquals(0, held("held").getInt("held"));
  }

  @Test
  void aHeldDeletionKeepsTheUserForTheProductUntilReleased() {
    threshold("{\"minimum\": 0, \"percent\": 0}");
    List<String> ids = users(2);
    // Okta: deactivate, then delete; Entra: straight delete
    deactivate(ids.get(0), OKTA_DEACTIVATE);
    assertEquals(204, scim.delete("/Users/" + ids.get(0), token).status());
    assertEquals(204, scim.delete("/Users/" + ids.get(1), token).status());
    assertEquals(404, scim.get("/Users/" + ids.get(0), token).status(), "gone for SCIM");
    JsonObject held = held("held");
    assertEquals(2, held.getInt("held"), "the deletion joined the deactivation's hold");
    JsonObject kept = directoryUser(ids.get(0));
    assertTrue(kept.getBoolean("active"));
    assertEquals("delete", kept.getJsonObject("hold").getString("kind"));
    assertEquals(0, count(events(), "user.deleted"));

    decide("release", "{\"all\":true}");
    List<JsonObject> events = events();
    assertEquals(2, count(events, "user.deleted"));
    assertEquals(1, count(events, "user.deactivated"), "in their order, before the deletion");
    assertEquals(404, admin("GET", "/tenants/" + tenant + "/users/" + ids.get(0), null).status());
  }

  @Test
  void badSettingsAndDecisionsAreRefused() {
    assertScimError(
        admin("PATCH", "/tenants/" + tenant, "{\"deprovisioningHold\":{\"percent\":101}}"),
        400,
        "invalidValue");
    assertScimError(
        admin("PATCH", "/tenants/" + tenant, "{\"deprovisioningHold\":{\"minimum\":\"50\"}}"),
        400,
        "invalidValue");
    assertScimError(decide("release", "{\"ids\":\"x\"}"), 400, "invalidValue");
    assertScimError(
        admin("GET", "/tenants/" + tenant + "/deprovisionings?state=maybe", null),
        400,
        "invalidValue");
    assertEquals(0, decide("reject", "{\"ids\":[\"no-such-hold\"]}").json().getInt("decided"));
    JsonObject tenantJson = admin("GET", "/tenants/" + tenant, null).json();
    assertEquals(
        "{\"enabled\":true,\"percent\":10,\"minimum\":50}",
        tenantJson.getJsonObject("deprovisioningHold").toString());
  }

  @Test
  void theConsoleShowsWhatIsHeldAndTakesTheDecisions() {
    ConsoleClient browser = new ConsoleClient(server);
    assertEquals(200, browser.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD).status());
    // the threshold, set on the tenant's page
    browser.get("/admin/tenant.xhtml?id=" + tenant);
    ConsoleClient.Page saved =
        browser.submit(
            "/admin/tenant.xhtml",
            "deprovisioningHold",
            "saveHold",
            Map.of("=id", tenant, "enabled", "true", "percent", "0", "minimum", "1"));
    assertTrue(saved.redirected(), saved::toString);
    assertEquals(
        "{\"enabled\":true,\"percent\":0,\"minimum\":1}",
        admin("GET", "/tenants/" + tenant, null)
            .json()
            .getJsonObject("deprovisioningHold")
            .toString());

    List<String> ids = users(3);
    ids.forEach(id -> deactivate(id, ENTRA_DEACTIVATE)); // the first passes, two are held
    assertTrue(browser.get("/admin/index.xhtml").contains("2 deprovisionings await review"));
    assertTrue(
        browser.get("/admin/tenant.xhtml?id=" + tenant).contains("holds.xhtml?id=" + tenant));

    ConsoleClient.Page page = browser.get("/admin/holds.xhtml?id=" + tenant);
    assertTrue(page.contains("User 1"), page.html());
    assertTrue(page.contains("PATCH /Users/" + ids.get(2)));
    String first = held("held").getJsonArray("deprovisionings").getJsonObject(0).getString("id");
    ConsoleClient.Page released =
        browser.submit(
            "/admin/holds.xhtml",
            "decide",
            "releaseSelected",
            Map.of("=id", tenant, "=hold", first));
    assertTrue(released.redirected(), released::toString);
    assertTrue(released.contains("1 released"), released.html());
    ConsoleClient.Page rejected =
        browser.submit("/admin/holds.xhtml", "decide", "rejectAll", Map.of("=id", tenant));
    assertTrue(rejected.contains("1 rejected"), rejected.html());
    assertTrue(rejected.contains("Nothing is held."));
    assertTrue(rejected.contains(Deployments.ADMIN_USER), "who decided is shown");
    assertFalse(browser.get("/admin/index.xhtml").contains("await review"));
    assertEquals(404, browser.get("/admin/holds.xhtml?id=no-such-tenant").status());
  }
}
