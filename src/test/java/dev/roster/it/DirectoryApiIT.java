package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The directory API black-box, as a product reads it with a directory-scoped API key after Entra ID
 * provisioned a tenant (docs/directory-api.md).
 */
@ExtendWith(ArquillianExtension.class)
class DirectoryApiIT {

  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private String tenant;
  private String token;
  private String key;

  private ScimClient.Reply read(String path) {
    return new AdminApiClient(server).withKey(key, "GET", path, null);
  }

  private ScimClient.Reply asAdmin(String method, String path, String json) {
    return new AdminApiClient(server).asAdmin(method, path, json);
  }

  @BeforeEach
  void aTenantWithATokenAndAKey() {
    tenant = "dir-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201,
        asAdmin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Directory\"}").status());
    token =
        asAdmin("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"Entra\"}")
            .json()
            .getString("token");
    key =
        asAdmin("POST", "/api-keys", "{\"label\":\"product\",\"scopes\":[\"directory\"]}")
            .json()
            .getString("key");
  }

  private String create(String json) {
    ScimClient.Reply reply = new ScimClient(server).post("/Users", token, json);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  @Test
  void usersCarryTheProductsFieldsTheirManagersNameAndTheirGroups() {
    String manager =
        create(
            "{\"userName\":\"kim@contoso.com\",\"displayName\":\"Kim Akers\","
                + "\"emails\":[{\"type\":\"work\",\"value\":\"kim.akers@contoso.com\"}]}");
    String user =
        create(
            "{\"userName\":\"bjensen@contoso.com\",\"externalId\":\"5e1f\","
                + "\"displayName\":\"Barbara Jensen\",\"title\":\"Rep\","
                + "\"name\":{\"givenName\":\"Barbara\",\"familyName\":\"Jensen\"},"
                + "\"emails\":[{\"type\":\"home\",\"value\":\"b@home.example\"},"
                + "{\"type\":\"work\",\"value\":\"barbara@contoso.com\"}],"
                + "\""
                + ENTERPRISE
                + "\":{\"department\":\"Sales\",\"manager\":{\"value\":\""
                + manager
                + "\"}}}");
    // Entra ID with an empty mail: the UPN is the email
    String upnOnly = create("{\"userName\":\"noreply@contoso.com\",\"active\":false}");
    ScimClient.Reply group =
        new ScimClient(server)
            .post(
                "/Groups",
                token,
                "{\"displayName\":\"Sales EMEA\",\"members\":[{\"value\":\"" + user + "\"}]}");
    assertEquals(201, group.status(), group::toString);

    ScimClient.Reply one = read("/tenants/" + tenant + "/users/" + user);
    assertEquals(200, one.status(), one::toString);
    JsonObject barbara = one.json();
    assertEquals("barbara@contoso.com", barbara.getString("email"));
    assertEquals("5e1f", barbara.getString("externalId"));
    assertEquals("Jensen", barbara.getString("familyName"));
    assertEquals("Sales", barbara.getString("department"));
    assertEquals("Rep", barbara.getString("title"));
    assertEquals(JsonValue.TRUE, barbara.get("active"));
    assertEquals(manager, barbara.getJsonObject("manager").getString("id"));
    assertEquals("Kim Akers", barbara.getJsonObject("manager").getString("name"));
    assertEquals(1, barbara.getJsonArray("groups").size(), barbara::toString);
    assertEquals(
        "Sales EMEA", barbara.getJsonArray("groups").getJsonObject(0).getString("displayName"));

    JsonObject noMail = read("/tenants/" + tenant + "/users/" + upnOnly).json();
    assertEquals("noreply@contoso.com", noMail.getString("email"));
    assertEquals(JsonValue.FALSE, noMail.get("active"));
    assertTrue(noMail.isNull("manager"));
    assertEquals(0, noMail.getJsonArray("groups").size());
  }

  @Test
  void pagesListEveryUserOnceInCreationOrder() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(create("{\"userName\":\"u" + i + "@contoso.com\"}"));
    }
    List<String> listed = new ArrayList<>();
    String after = "";
    for (int pages = 0; pages < 10; pages++) {
      ScimClient.Reply page =
          read(
              "/tenants/" + tenant + "/users?limit=3" + (after.isEmpty() ? "" : "&after=" + after));
      assertEquals(200, page.status(), page::toString);
      page.json().getJsonArray("users").forEach(u -> listed.add(u.asJsonObject().getString("id")));
      if (page.json().isNull("next")) {
        break;
      }
      after = page.json().getString("next");
    }
    assertEquals(created, listed);
  }

  @Test
  void unknownUsersTenantsAndParametersAreRefused() {
    String user = create("{\"userName\":\"x@contoso.com\"}");
    assertScimError(read("/tenants/" + tenant + "/users/" + UUID.randomUUID()), 404, null);
    assertScimError(read("/tenants/acme/users/" + user), 404, null);
    assertScimError(read("/tenants/no-such-tenant/users"), 404, null);
    assertScimError(read("/tenants/" + tenant + "/users?limit=0"), 400, "invalidValue");
    assertScimError(read("/tenants/" + tenant + "/users?after=x"), 400, "invalidValue");
    String adminKey =
        asAdmin("POST", "/api-keys", "{\"label\":\"ops\",\"scopes\":[\"admin\"]}")
            .json()
            .getString("key");
    assertScimError(
        new AdminApiClient(server).withKey(adminKey, "GET", "/tenants/" + tenant + "/users", null),
        403,
        null);
  }
}
