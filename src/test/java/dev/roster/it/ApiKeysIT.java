package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys over HTTP, as the product uses them (docs/api-keys.md): issued by an admin account,
 * shown once and stored hashed, accepted as a bearer token for what their scopes allow and refused
 * (403) for the rest, never for managing keys or the console, and refused (401) at once when
 * revoked or expired. Runs in the server to move its clock and read its tables.
 */
@ExtendWith(ArquillianExtension.class)
class ApiKeysIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.rosterWith(ApiKeysIT.class, MovableClock.class, ConsoleClient.class);
  }

  @ArquillianResource URL server;

  @Inject MovableClock clock;

  @PersistenceContext EntityManager em;

  @AfterEach
  void backToTheSystemsTime() {
    clock.reset();
  }

  private String root() {
    return server.toString().replaceAll("/+$", "");
  }

  private ScimClient.Reply call(String authorization, String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root() + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return new ScimClient(server).send(request);
  }

  private ScimClient.Reply asAdmin(String method, String path, String json) {
    return call(
        ScimClient.basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD),
        method,
        "/api/admin/v1" + path,
        json);
  }

  private ScimClient.Reply withKey(String key, String method, String path, String json) {
    return call("Bearer " + key, method, "/api/admin/v1" + path, json);
  }

  private JsonObject issue(String body) {
    ScimClient.Reply reply = asAdmin("POST", "/api-keys", body);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  private String newTenant() {
    String id = "keys-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201,
        asAdmin("POST", "/tenants", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}").status());
    return id;
  }

  @Test
  void aKeyIsShownOnceStoredHashedAndListedWithoutItsSecret() {
    JsonObject issued = issue("{\"label\":\"Training platform\",\"scopes\":[\"directory\"]}");
    String key = issued.getString("key");
    assertTrue(key.matches("rk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}"), key);
    assertEquals(key.substring(0, 11), issued.getString("prefix"));
    assertEquals(
        List.of("directory"),
        issued.getJsonArray("scopes").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals("active", issued.getString("status"));
    assertEquals(Deployments.ADMIN_USER, issued.getString("createdBy"));

    // rk_<8>_<secret>: the secret itself may hold '_', so cut after the prefix
    String secret = key.substring(issued.getString("prefix").length() + 1);
    ScimClient.Reply list = asAdmin("GET", "/api-keys", null);
    assertEquals(200, list.status(), list::toString);
    assertTrue(list.body().contains(issued.getString("id")));
    assertFalse(list.body().contains(secret), "the list shows no secret");
    assertFalse(
        asAdmin("GET", "/api-keys/" + issued.getString("id"), null).body().contains(secret));
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT * FROM API_KEY").getResultList();
    for (Object[] row : rows) {
      for (Object column : row) {
        assertFalse(String.valueOf(column).contains(secret), "the secret is stored");
      }
    }
  }

  @Test
  void aDirectoryKeyReadsTheFeedAndNothingElse() {
    String tenant = newTenant();
    String key = issue("{\"label\":\"feed\",\"scopes\":[\"directory\"]}").getString("key");
    ScimClient.Reply feed = withKey(key, "GET", "/tenants/" + tenant + "/events", null);
    assertEquals(200, feed.status(), feed::toString);
    assertScimError(withKey(key, "GET", "/tenants", null), 403, null);
    assertScimError(withKey(key, "GET", "/log", null), 403, null);
    assertScimError(
        withKey(key, "POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"x\"}"), 403, null);
    assertScimError(withKey(key, "GET", "/api-keys", null), 403, null);
    assertScimError(withKey(key, "POST", "/api-keys", "{\"scopes\":[\"admin\"]}"), 403, null);
  }

  @Test
  void anAdminKeyManagesTenantsAndTokensButNotKeysAndReadsNoFeed() {
    String key = issue("{\"label\":\"provisioning\",\"scopes\":[\"admin\"]}").getString("key");
    ScimClient.Reply created = withKey(key, "POST", "/tenants", "{\"name\":\"Made by a key\"}");
    assertEquals(201, created.status(), created::toString);
    String tenant = created.json().getString("id");
    ScimClient.Reply token =
        withKey(key, "POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"Entra ID\"}");
    assertEquals(201, token.status(), token::toString);
    assertEquals(200, withKey(key, "GET", "/log?limit=1", null).status());
    assertScimError(withKey(key, "GET", "/tenants/" + tenant + "/events", null), 403, null);
    assertScimError(withKey(key, "GET", "/api-keys", null), 403, null);

    String both =
        issue("{\"label\":\"both\",\"scopes\":[\"admin\",\"directory\"]}").getString("key");
    assertEquals(200, withKey(both, "GET", "/tenants/" + tenant + "/events", null).status());
    assertEquals(200, withKey(both, "GET", "/tenants", null).status());
    assertScimError(withKey(both, "DELETE", "/api-keys/" + UUID.randomUUID(), null), 403, null);
  }

  @Test
  void aRevokedOrExpiredKeyIsRefusedAtOnce() {
    JsonObject issued =
        issue(
            "{\"label\":\"short\",\"scopes\":[\"admin\"],\"expiresAt\":\""
                + Instant.now().plus(Duration.ofDays(1))
                + "\"}");
    String key = issued.getString("key");
    assertEquals(200, withKey(key, "GET", "/tenants", null).status());
    clock.advance(Duration.ofDays(2));
    ScimClient.Reply expired = withKey(key, "GET", "/tenants", null);
    assertScimError(expired, 401, null);
    assertTrue(expired.header("WWW-Authenticate").orElse("").contains("Bearer"), expired::toString);
    assertEquals(
        "expired",
        asAdmin("GET", "/api-keys/" + issued.getString("id"), null).json().getString("status"));
    clock.reset();

    String other = issue("{\"label\":\"revoked\",\"scopes\":[\"admin\"]}").getString("key");
    JsonObject otherKey = withKey(other, "GET", "/tenants", null).json();
    assertTrue(otherKey.containsKey("tenants"), otherKey::toString);
    String id =
        asAdmin("GET", "/api-keys", null).json().getJsonArray("apiKeys").stream()
            .map(v -> v.asJsonObject())
            .filter(k -> other.startsWith(k.getString("prefix")))
            .findFirst()
            .orElseThrow()
            .getString("id");
    JsonObject revoked = asAdmin("DELETE", "/api-keys/" + id, null).json();
    assertEquals("revoked", revoked.getString("status"));
    assertTrue(revoked.containsKey("revokedAt"));
    assertScimError(withKey(other, "GET", "/tenants", null), 401, null);
  }

  @Test
  void aKeyRecordsItsLastUseAtMostOnceAMinute() {
    JsonObject issued = issue("{\"label\":\"used\",\"scopes\":[\"admin\"]}");
    String id = issued.getString("id");
    assertFalse(issued.containsKey("lastUsed"));
    withKey(issued.getString("key"), "GET", "/tenants", null);
    String first = asAdmin("GET", "/api-keys/" + id, null).json().getString("lastUsed");
    withKey(issued.getString("key"), "GET", "/tenants", null);
    assertEquals(first, asAdmin("GET", "/api-keys/" + id, null).json().getString("lastUsed"));
    clock.advance(Duration.ofMinutes(2));
    withKey(issued.getString("key"), "GET", "/tenants", null);
    assertTrue(
        Instant.parse(asAdmin("GET", "/api-keys/" + id, null).json().getString("lastUsed"))
            .isAfter(Instant.parse(first).plus(Duration.ofMinutes(1))));
  }

  @Test
  void badRequestsForKeysAreRefusedWithTheReason() {
    for (String body :
        List.of(
            "{\"label\":\"none\"}",
            "{\"scopes\":[]}",
            "{\"scopes\":[\"read\"]}",
            "{\"scopes\":\"directory\"}",
            "{\"scopes\":[\"admin\"],\"label\":\"" + "x".repeat(201) + "\"}",
            "{\"scopes\":[\"admin\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}")) {
      assertScimError(asAdmin("POST", "/api-keys", body), 400, "invalidValue");
    }
    assertScimError(asAdmin("GET", "/api-keys/" + UUID.randomUUID(), null), 404, null);
  }

  @Test
  void keysAndScimTokensAreNeverTakenForEachOther() {
    String key = issue("{\"label\":\"k\",\"scopes\":[\"admin\",\"directory\"]}").getString("key");
    assertEquals(401, new ScimClient(server).get("/Users", key).status());
    assertScimError(withKey(Deployments.ACME_TOKEN, "GET", "/tenants", null), 401, null);
    assertScimError(withKey("rk_aaaaaaaa_" + "A".repeat(43), "GET", "/tenants", null), 401, null);
    // the console is for admin accounts: a key gets the sign-in page, not a console page
    ScimClient.Reply console = call("Bearer " + key, "GET", "/admin/tenants.xhtml", null);
    assertTrue(console.status() == 302 || console.status() == 303, console::toString);
    assertTrue(console.header("Location").orElse("").contains("login"), console::toString);
  }

  @Test
  void theConsoleIssuesAKeyOnceAndRevokesIt() {
    ConsoleClient browser = new ConsoleClient(server);
    browser.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD);
    assertTrue(browser.get("/admin/").contains("api-keys.xhtml"), "in the navigation");
    browser.get("/admin/api-keys.xhtml");
    ConsoleClient.Page issued =
        browser.submit(
            "/admin/api-keys.xhtml",
            "issueKey",
            "issue",
            java.util.Map.of("label", "Console key", "scopes", "admin", "expires", ""));
    assertTrue(issued.redirected(), "Post/Redirect/Get");
    String key = issued.textOf("issuedKey");
    assertTrue(key.startsWith("rk_"), issued::html);
    assertTrue(issued.contains("will not be shown again"));
    assertEquals(200, withKey(key, "GET", "/tenants", null).status(), "the key works at once");
    assertScimError(withKey(key, "GET", "/api-keys", null), 403, null);

    String prefix = key.substring(0, 11);
    ConsoleClient.Page reloaded = browser.get("/admin/api-keys.xhtml");
    assertFalse(reloaded.contains(key.substring(12)), "the plaintext is shown once only");
    assertTrue(reloaded.contains("<code>" + prefix + "</code>"), reloaded::html);
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile(
                "<code>"
                    + prefix
                    + "</code>(?:(?!</tr>).)*?<form id=\"([^\"]+)\"(?:(?!</form>).)*?name=\"key\""
                    + " value=\"([^\"]+)\"",
                java.util.regex.Pattern.DOTALL)
            .matcher(reloaded.html());
    assertTrue(row.find(), reloaded::html);
    ConsoleClient.Page revoked =
        browser.submit(
            "/admin/api-keys.xhtml",
            row.group(1),
            "revoke",
            java.util.Map.of("=key", row.group(2)));
    assertTrue(revoked.contains("API key " + prefix + " revoked"), revoked::html);
    assertScimError(withKey(key, "GET", "/tenants", null), 401, null);

    ConsoleClient.Page none =
        browser.submit(
            "/admin/api-keys.xhtml",
            "issueKey",
            "issue",
            java.util.Map.of("label", "No scope", "expires", ""));
    assertTrue(none.contains("Choose at least one scope."), none::html);
  }
}
