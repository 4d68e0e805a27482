package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
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
 * A tenant's own extension schema, provisioned by Entra ID's request shapes for custom attributes
 * (a URN-qualified path per attribute) and Okta's (the extension object in a PUT), and a second
 * tenant without it that is unaffected (docs/custom-attributes.md).
 */
@ExtendWith(ArquillianExtension.class)
class CustomAttributesIT {

  static final String ACME = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

  static final String DEFINITION =
      """
      {"name": "Acme", "description": "Mapped in Entra ID",
       "attributes": [
         {"name": "costCentre", "type": "string"},
         {"name": "badges", "type": "string", "multiValued": true},
         {"name": "clearance", "type": "integer"},
         {"name": "employeeCode", "type": "string", "caseExact": true}]}
      """;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private String tenant;
  private String token;
  private String other;
  private String otherToken;
  private ScimClient scim;

  @BeforeEach
  void twoTenantsOneWithTheExtension() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    tenant = "ext-" + run;
    other = "plain-" + run;
    token = tenantWithToken(tenant);
    otherToken = tenantWithToken(other);
    ScimClient.Reply defined = admin("PUT", "/tenants/" + tenant + "/schemas/" + ACME, DEFINITION);
    assertEquals(200, defined.status(), defined::toString);
    scim = new ScimClient(server);
  }

  private String tenantWithToken(String id) {
    assertEquals(
        201, admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}").status());
    return admin("POST", "/tenants/" + id + "/tokens", "{\"label\":\"Entra\"}")
        .json()
        .getString("token");
  }

  private ScimClient.Reply admin(String method, String path, String json) {
    return new AdminApiClient(server).asAdmin(method, path, json);
  }

  /** Entra ID's create with a custom attribute mapped to the tenant's extension. */
  private static String entraCreate(String userName) {
    return """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "%s"],
         "externalId": "%s", "userName": "%s", "active": true,
         "displayName": "Nancy Davolio",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Sales"},
         "%s": {"costCentre": "CC-100", "badges": ["blue", "red"], "clearance": 3}}
        """
        .formatted(ACME, userName, userName, ACME);
  }

  private static String patch(String... operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + String.join(",", operations)
        + "]}";
  }

  private static String op(String op, String attribute, String value) {
    return "{\"op\":\""
        + op
        + "\",\"path\":\""
        + ACME
        + ":"
        + attribute
        + "\""
        + (value == null ? "" : ",\"value\":" + value)
        + "}";
  }

  @Test
  void entraCreatesPatchesAndFindsByTheCustomAttribute() {
    ScimClient.Reply created = scim.post("/Users", token, entraCreate("nancy@acme.example"));
    assertEquals(201, created.status(), created::toString);
    JsonObject user = created.json();
    assertTrue(user.getJsonArray("schemas").toString().contains(ACME), user::toString);
    assertEquals("CC-100", user.getJsonObject(ACME).getString("costCentre"));
    assertEquals(3, user.getJsonObject(ACME).getInt("clearance"));
    String id = user.getString("id");

    // Entra's PATCH: Add, Replace and Remove by the attribute's URN path, as it sends them
    ScimClient.Reply patched =
        scim.patch(
            "/Users/" + id,
            token,
            patch(
                op("Replace", "costCentre", "\"CC-200\""),
                op("Add", "employeeCode", "\"Ab-7\""),
                op("Remove", "badges", null)));
    assertEquals(200, patched.status(), patched::toString);
    JsonObject acme = patched.json().getJsonObject(ACME);
    assertEquals("CC-200", acme.getString("costCentre"));
    assertEquals("Ab-7", acme.getString("employeeCode"));
    assertFalse(acme.containsKey("badges"), acme::toString);

    // filters, with the attribute's own case rules
    assertEquals(List.of(id), find(ACME + ":costCentre eq \"cc-200\""), "caseExact false");
    assertEquals(List.of(), find(ACME + ":employeeCode eq \"ab-7\""), "caseExact true");
    assertEquals(List.of(id), find(ACME + ":employeeCode eq \"Ab-7\""));
    assertEquals(List.of(id), find(ACME + ":clearance gt 2"));
    assertEquals(List.of(), find(ACME + ":costCentre eq \"CC-100\""), "the old value is gone");

    // a value of the wrong type is refused, naming the attribute
    ScimClient.Reply wrong =
        scim.patch("/Users/" + id, token, patch(op("replace", "clearance", "\"top\"")));
    JsonObject error = assertScimError(wrong, 400, "invalidValue");
    assertTrue(error.getString("detail").contains("clearance"), error::toString);

    // the product sees the values, and what changed
    JsonObject entry = admin("GET", "/tenants/" + tenant + "/users/" + id, null).json();
    assertEquals(
        "CC-200", entry.getJsonObject("extensions").getJsonObject(ACME).getString("costCentre"));
    List<JsonObject> events =
        admin("GET", "/tenants/" + tenant + "/events?after=0", null)
            .json()
            .getJsonArray("events")
            .getValuesAs(JsonObject.class);
    JsonObject updated = events.get(events.size() - 1).getJsonObject("data");
    assertTrue(updated.getJsonObject("changes").containsKey("extensions"), updated::toString);
    assertTrue(updated.getJsonArray("changedAttributes").toString().contains("costCentre"));
  }

  private List<String> find(String filter) {
    ScimClient.Reply reply =
        scim.get(
            "/Users?filter="
                + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8),
            token);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
        .map(u -> u.getString("id"))
        .toList();
  }

  @Test
  void oktaPutsTheExtensionObject() {
    String id =
        scim.post("/Users", token, "{\"userName\":\"andrew@acme.example\"}").json().getString("id");
    ScimClient.Reply put =
        scim.put(
            "/Users/" + id,
            token,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%s"], "id": "%s",
             "userName": "andrew@acme.example", "active": true, "groups": [],
             "%s": {"costCentre": "CC-300", "badges": "green"}}
            """
                .formatted(ACME, id, ACME));
    assertEquals(200, put.status(), put::toString);
    assertEquals("[\"green\"]", put.json().getJsonObject(ACME).getJsonArray("badges").toString());
  }

  @Test
  void discoveryAdvertisesTheTenantsExtensionOnlyToThatTenant() {
    JsonObject schemas = scim.get("/Schemas", token).json();
    assertTrue(schemas.toString().contains(ACME), "listed");
    JsonObject schema = scim.get("/Schemas/" + ACME, token).json();
    assertEquals("Acme", schema.getString("name"));
    JsonObject costCentre =
        schema.getJsonArray("attributes").getValuesAs(JsonObject.class).stream()
            .filter(a -> a.getString("name").equals("costCentre"))
            .findFirst()
            .orElseThrow();
    assertEquals("string", costCentre.getString("type"));
    assertEquals("readWrite", costCentre.getString("mutability"));
    JsonObject userType = scim.get("/ResourceTypes/User", token).json();
    assertTrue(userType.getJsonArray("schemaExtensions").toString().contains(ACME));

    assertFalse(scim.get("/Schemas", otherToken).json().toString().contains(ACME));
    assertEquals(404, scim.get("/Schemas/" + ACME, otherToken).status());
    assertFalse(scim.get("/ResourceTypes/User", otherToken).json().toString().contains(ACME));
  }

  @Test
  void aTenantWithoutTheExtensionIgnoresItsValuesAndTheLogSaysWhich() {
    String correlation = UUID.randomUUID().toString();
    ScimClient.Reply created =
        scim.send(
            scim.withJson("POST", "/Users", otherToken, entraCreate("nancy@plain.example"))
                .header("client-request-id", correlation));
    assertEquals(201, created.status(), "an undefined attribute fails nothing: " + created);
    assertFalse(created.json().containsKey(ACME));
    String id = created.json().getString("id");
    // Entra's PATCH of an undefined custom attribute is skipped, not failed
    ScimClient.Reply patched =
        scim.patch("/Users/" + id, otherToken, patch(op("Add", "costCentre", "\"CC-9\"")));
    assertEquals(200, patched.status(), patched::toString);
    assertFalse(patched.json().containsKey(ACME));
    // a filter on it is an error: there is nothing to compare
    assertScimError(
        scim.get(
            "/Users?filter="
                + java.net.URLEncoder.encode(
                    ACME + ":costCentre eq \"x\"", java.nio.charset.StandardCharsets.UTF_8),
            otherToken),
        400,
        "invalidFilter");

    String detail = logDetail(correlation);
    assertTrue(detail.contains(ACME + ":costCentre"), detail);
    assertTrue(detail.contains(ACME + ":badges"), detail);
  }

  /** The detail of the log entry of the request with this correlation id, once it is written. */
  private String logDetail(String correlation) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<JsonObject> entries =
          admin("GET", "/log?tenant=" + other + "&correlation=" + correlation, null)
              .json()
              .getJsonArray("entries")
              .getValuesAs(JsonObject.class);
      if (!entries.isEmpty()) {
        return entries.get(0).getString("detail", "");
      }
      PayaraMicroProcess.sleep(200);
    }
    throw new AssertionError("no log entry for " + correlation);
  }

  @Test
  void definitionsAreCheckedAndCanBeReadAndRemoved() {
    assertScimError(
        admin("PUT", "/tenants/" + tenant + "/schemas/not-a-urn", DEFINITION), 400, "invalidValue");
    assertScimError(
        admin(
            "PUT",
            "/tenants/" + tenant + "/schemas/" + ACME,
            "{\"attributes\":[{\"name\":\"1st\"}]}"),
        400,
        "invalidValue");
    assertScimError(
        admin(
            "PUT",
            "/tenants/" + tenant + "/schemas/urn:ietf:params:scim:schemas:core:2.0:User",
            DEFINITION),
        400,
        "invalidValue");
    JsonObject list = admin("GET", "/tenants/" + tenant + "/schemas", null).json();
    assertEquals(ACME, list.getJsonArray("schemas").getJsonObject(0).getString("id"));
    assertEquals(204, admin("DELETE", "/tenants/" + tenant + "/schemas/" + ACME, null).status());
    assertEquals(404, admin("DELETE", "/tenants/" + tenant + "/schemas/" + ACME, null).status());
    assertFalse(scim.get("/Schemas", token).json().toString().contains(ACME), "at once here");
  }

  @Test
  void theConsoleDefinesAnAttribute() {
    ConsoleClient browser = new ConsoleClient(server);
    assertEquals(200, browser.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD).status());
    ConsoleClient.Page page = browser.get("/admin/schemas.xhtml?id=" + other);
    assertEquals(200, page.status());
    ConsoleClient.Page added =
        browser.submit(
            "/admin/schemas.xhtml",
            "addAttribute",
            "add",
            Map.of("=id", other, "urn", ACME, "name", "costCentre", "type", "string"));
    assertTrue(added.redirected(), added::toString);
    assertTrue(added.contains("costCentre"), added.html());
    assertTrue(scim.get("/Schemas", otherToken).json().toString().contains(ACME));
    ScimClient.Reply created = scim.post("/Users", otherToken, entraCreate("x@plain.example"));
    assertEquals("CC-100", created.json().getJsonObject(ACME).getString("costCentre"));
  }
}
