package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimFixtures.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * U+0000 is refused the same on every database (PostgreSQL's text cannot hold it): anywhere in a
 * SCIM body as 400 invalidValue, in a filter as 400 invalidFilter, in a path as 400 invalidSyntax;
 * nothing changes, and the provisioning log still records the request, with U+0000 written as
 * JSON's six-character escape, which is also how the bodies here carry it.
 */
class NulCharacterIT extends BlackBox {

  static final String NUL = "\\u0000"; // as JSON writes it

  String userId;
  String groupId;
  String userName;
  String groupName;

  @BeforeEach
  void fixtures() {
    userName = prefix("n");
    groupName = prefix("g");
    userId = fixtures.user(userName);
    groupId = fixtures.group(groupName, userId);
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST | /Users | {'userName': 'x#'}",
        "POST | /Users | {'userName': 'x', 'externalId': 'e#'}",
        "POST | /Users | {'userName': 'x', 'displayName': '#'}",
        "POST | /Users | {'userName': 'x', 'emails': [{'value': 'a#@example.com'}]}",
        "POST | /Users | {'userName': 'x', 'name': {'givenName': 'B#'}}",
        "POST | /Users | {'userName': 'x', 'urn:x#': 'y'}",
        "PUT | /Users/{user} | {'userName': '{userName}#'}",
        "PUT | /Users/{user} | {'userName': '{userName}', 'emails': [{'value': '#'}]}",
        "PATCH | /Users/{user} | {'Operations': [{'op': 'replace', 'path': 'displayName',"
            + " 'value': '#'}]}",
        "PATCH | /Users/{user} | {'Operations': [{'op': 'replace', 'path': 'displayName#',"
            + " 'value': 'x'}]}",
        "PATCH | /Users/{user} | {'Operations': [{'op': 'replace', 'value': {'externalId': '#'}}]}",
        "POST | /Groups | {'displayName': 'g#'}",
        "POST | /Groups | {'displayName': 'g', 'members': [{'value': '{user}', 'display': '#'}]}",
        "PUT | /Groups/{group} | {'displayName': '{groupName}#'}",
        "PATCH | /Groups/{group} | {'Operations': [{'op': 'replace', 'path': 'displayName',"
            + " 'value': '#'}]}",
        "PATCH | /Groups/{group} | {'Operations': [{'op': 'remove',"
            + " 'path': 'members[value eq \\'{user}#\\']'}]}",
      })
  void nulInABodyIsInvalidValueAndChangesNothing(String method, String path, String template) {
    JsonObject user = fixtures.readUser(userId);
    JsonObject group = fixtures.readGroup(groupId);
    String schemas =
        path.startsWith("/Users")
            ? "urn:ietf:params:scim:schemas:core:2.0:User"
            : "urn:ietf:params:scim:schemas:core:2.0:Group";
    String body =
        template
            .replace("{user}", userId)
            .replace("{group}", groupId)
            .replace("{userName}", userName)
            .replace("{groupName}", groupName)
            .replace("\\'", "\\\"")
            .replace('\'', '"')
            .replace("#", NUL)
            .replaceFirst(
                "^\\{",
                method.equals("PATCH")
                    ? "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"], "
                    : "{\"schemas\": [\"" + schemas + "\"], ");
    String correlation = UUID.randomUUID().toString();
    ScimClient.Reply reply =
        scim.send(
            scim.withJson(
                    method,
                    path.replace("{user}", userId).replace("{group}", groupId),
                    ACME_TOKEN,
                    body)
                .header("client-request-id", correlation));

    assertScimError(reply, 400, "invalidValue");
    assertTrue(reply.json().getString("detail").contains("U+0000"), reply::toString);
    assertEquals(user, fixtures.readUser(userId));
    assertEquals(group, fixtures.readGroup(groupId));
    JsonObject logged = logged(correlation);
    assertEquals(400, logged.getInt("status"), logged::toString);
    assertEquals("invalidValue", logged.getString("scimType"), logged::toString);
    assertTrue(logged.getString("requestBody").contains(NUL), logged::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/Users?filter=userName%20eq%20%22a%00%22",
        "/Users?filter=userName%20eq%20%22a%5Cu0000%22",
        "/Groups?filter=displayName%20eq%20%22%00%22",
        "/Groups?filter=members.value%20eq%20%22%5Cu0000%22",
      })
  void nulInAFilterIsInvalidFilter(String pathAndQuery) {
    String correlation = UUID.randomUUID().toString();
    ScimClient.Reply reply =
        scim.send(
            scim.request(pathAndQuery, ACME_TOKEN).header("client-request-id", correlation).GET());

    assertScimError(reply, 400, "invalidFilter");
    JsonObject logged = logged(correlation);
    assertEquals("invalidFilter", logged.getString("scimType"), logged::toString);
    assertTrue(logged.getString("query").startsWith("filter="), logged::toString);
    assertTrue(!logged.getString("query").contains("\0"), logged::toString);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // U+0000 in the JSON string, and a filter that escapes it itself
        "/Users/.search | {'filter': 'userName eq \\'a#\\''}",
        "/Groups/.search | {'filter': 'displayName eq \\'\\\\u0000\\''}",
      })
  void nulInASearchRequestsFilterIsInvalidFilter(String path, String template) {
    String body =
        template
            .replace("\\'", "\\\"")
            .replace('\'', '"')
            .replace("#", NUL)
            .replaceFirst(
                "^\\{",
                "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"], ");
    ScimClient.Reply reply = scim.post(path, ACME_TOKEN, body);

    assertScimError(reply, 400, "invalidFilter");
  }

  @Test
  void nulInThePathIsInvalidSyntax() {
    String correlation = UUID.randomUUID().toString();
    ScimClient.Reply reply =
        scim.send(
            scim.request("/Users/" + userId + "%00", ACME_TOKEN)
                .header("client-request-id", correlation)
                .GET());

    assertScimError(reply, 400, "invalidSyntax");
    assertEquals(400, logged(correlation).getInt("status"));
    assertEquals(200, scim.get("/Users/" + userId, ACME_TOKEN).status(), "the user is still there");
  }

  @Test
  void theAdminApiRefusesNulInWhatItStoresOrSearches() {
    ScimClient.Reply tenant =
        scim.send(
            admin("/tenants")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"" + prefix("t") + "\",\"name\":\"a" + NUL + "\"}")));
    assertScimError(tenant, 400, "invalidValue");
    ScimClient.Reply label =
        scim.send(
            admin("/tenants/acme/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + NUL + "\"}")));
    assertScimError(label, 400, "invalidValue");
    assertScimError(scim.send(admin("/log?q=a%00").GET()), 400, "invalidValue");
  }

  private HttpRequest.Builder admin(String path) {
    return HttpRequest.newBuilder(
            URI.create(server.toString().replaceAll("/+$", "") + "/api/admin/v1" + path))
        .header("Authorization", RawHttp.basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD));
  }

  /** The provisioning-log entry of the request with that correlation id, once it is written. */
  private JsonObject logged(String correlation) {
    String path = "/log?correlation=" + URLEncoder.encode(correlation, StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      ScimClient.Reply reply = scim.send(admin(path).GET());
      assertEquals(200, reply.status(), reply::toString);
      if (!reply.json().getJsonArray("entries").isEmpty()) {
        return reply.json().getJsonArray("entries").getJsonObject(0);
      }
      assertTrue(System.nanoTime() < deadline, "no log entry for " + correlation);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
