package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SCIM protocol basics over HTTP, as a client sees them: bearer authentication, the error
 * shapes, media types and correlation ids. Black box: the WAR as built, bootstrapped with the
 * tokens of arquillian.xml.
 */
class ScimProtocolIT extends BlackBox {

  // Authentication

  @Test
  void refusesRequestWithoutTokenWithBearerChallenge() {
    ScimClient.Reply reply = scim.send(scim.request("/ServiceProviderConfig").GET());
    assertScimError(reply, 401, null);
    assertTrue(reply.header("WWW-Authenticate").orElse("").startsWith("Bearer"), reply::toString);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer not-a-token-of-this-server",
        "Bearer " + ACME_TOKEN + "x",
        "Basic YWNtZTphY21lLXRva2VuLTAxMjM0NTY3ODk=",
        "Bearer",
        "not-a-token-of-this-server-either"
      })
  void refusesUnknownOrMalformedCredentials(String authorization) {
    ScimClient.Reply reply =
        scim.send(scim.request("/Schemas").header("Authorization", authorization).GET());
    assertScimError(reply, 401, null);
    assertTrue(reply.header("WWW-Authenticate").orElse("").startsWith("Bearer"), reply::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "BeArEr   ", ""})
  void acceptsBearerSchemeInAnyCaseAndBareToken(String scheme) {
    ScimClient.Reply reply =
        scim.send(
            scim.request("/ServiceProviderConfig")
                .header("Authorization", scheme + ACME_TOKEN)
                .GET());
    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
  }

  @Test
  void acceptsEveryBootstrapToken() {
    assertEquals(200, scim.get("/ResourceTypes", ACME_TOKEN).status());
    assertEquals(200, scim.get("/ResourceTypes", GLOBEX_TOKEN).status());
  }

  @Test
  void refusesUnknownPathWithoutTokenBeforeSayingItIsUnknown() {
    assertScimError(scim.send(scim.request("/NoSuchEndpoint").GET()), 401, null);
  }

  // Error shapes

  @Test
  void answersUnknownPathWith404() {
    ScimClient.Reply reply = scim.get("/NoSuchEndpoint", ACME_TOKEN);
    assertScimError(reply, 404, null);
    assertTrue(
        reply.json().getString("detail").contains("/scim/v2/NoSuchEndpoint"), reply::toString);
  }

  @Test
  void answersUnsupportedMethodWith405AndAllowHeader() {
    ScimClient.Reply reply = scim.send(scim.request("/ServiceProviderConfig", ACME_TOKEN).DELETE());
    assertScimError(reply, 405, null);
    assertTrue(reply.header("Allow").orElse("").contains("GET"), reply::toString);
    assertTrue(reply.json().getString("detail").contains("DELETE"), reply::toString);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/json; charset=iso-8859-1"
      })
  void answersBodyThatIsNotJsonWith415(String contentType) {
    ScimClient.Reply reply = postUsers(contentType, "{\"userName\":\"bjensen\"}");
    assertScimError(reply, 415, null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/scim+json",
        "application/scim+json; charset=utf-8",
        "application/json",
        "application/json;charset=UTF-8",
        "APPLICATION/SCIM+JSON"
      })
  void admitsJsonBodiesWithOrWithoutCharset(String contentType) {
    // No endpoint takes a POST at /Users yet: admitted means it got past the body checks.
    ScimClient.Reply reply = postUsers(contentType, "{\"userName\":\"bjensen\"}");
    assertNotEquals(415, reply.status(), reply::toString);
    assertNotEquals(400, reply.status(), reply::toString);
    assertScimJson(reply);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"userName\": ", "{\"userName\" \"bjensen\"}", "[]", "\"text\"", "nope"})
  void answersMalformedJsonWith400InvalidSyntax(String body) {
    ScimClient.Reply reply = postUsers("application/scim+json", body);
    assertScimError(reply, 400, "invalidSyntax");
  }

  @Test
  void answersDeeplyNestedJsonWith400NotWith500() {
    // 200 KB of nesting: over the parser's depth limit, and large enough that the provisioning
    // log redacts it on the request thread.
    String deep = "{\"a\":".repeat(40_000) + "1" + "}".repeat(40_000);
    ScimClient.Reply reply = postUsers("application/scim+json", deep);
    assertScimError(reply, 400, "invalidSyntax");
  }

  @Test
  void answersBodyOverTheAdvertisedLimitWith413() {
    long limit = advertisedLimit();
    ScimClient.Reply reply = postOfSize(limit + 1);
    assertScimError(reply, 413, null);
  }

  @Test
  void admitsBodyExactlyAtTheAdvertisedLimit() {
    long limit = advertisedLimit();
    ScimClient.Reply reply = postOfSize(limit);
    assertNotEquals(413, reply.status(), reply::toString);
  }

  @Test
  void answersChunkedBodyOverTheLimitWith413() {
    // Without Content-Length (chunked), the limit must hold while the body is read.
    byte[] body = new byte[(int) advertisedLimit() + 1];
    Arrays.fill(body, (byte) ' ');
    ScimClient.Reply reply =
        scim.send(
            scim.request("/Users", ACME_TOKEN)
                .header("Content-Type", "application/scim+json")
                .POST(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofByteArray(body))));
    assertScimError(reply, 413, null);
  }

  // Request bodies: every shape a 400 that says why, nothing stored that the client did not send

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /Users",
        "POST /Users/.search",
        "POST /Groups",
        "PUT /Users/no-such-id",
        "PATCH /Users/no-such-id",
        "PATCH /Groups/no-such-id"
      })
  void answersAnEmptyBodyWith400WithOrWithoutContentType(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String path = request.substring(request.indexOf(' ') + 1);
    HttpRequest.Builder bare =
        scim.request(path, ACME_TOKEN).method(method, HttpRequest.BodyPublishers.noBody());
    assertScimError(scim.send(bare), 400, "invalidSyntax");
    HttpRequest.Builder typed =
        scim.request(path, ACME_TOKEN)
            .header("Content-Type", "application/scim+json")
            .method(method, HttpRequest.BodyPublishers.noBody());
    assertScimError(scim.send(typed), 400, "invalidSyntax");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {" ", "\n\t", "null", "[]", "[{\"userName\":\"x\"}]", "42", "\"x\"", "true"})
  void answersABodyThatIsNoObjectWith400WithoutContentType(String body) {
    ScimClient.Reply reply =
        scim.send(
            scim.request("/Users", ACME_TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)));
    assertScimError(reply, 400, "invalidSyntax");
  }

  /** é in Latin-1, an overlong '/', and an emoji as two surrogates (CESU-8). */
  @ParameterizedTest
  @ValueSource(strings = {"E9", "C0AF", "EDA0BDEDB880"})
  void refusesABodyThatIsNotUtf8InsteadOfStoringReplacementCharacters(String hex) {
    String userName = "utf8-" + hex;
    byte[] head = ("{\"userName\":\"" + userName).getBytes(StandardCharsets.UTF_8);
    byte[] bad = HexFormat.of().parseHex(hex);
    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bad, 0, body, head.length, bad.length);
    System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);

    ScimClient.Reply reply =
        scim.send(
            scim.request("/Users", ACME_TOKEN)
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertScimError(reply, 400, "invalidSyntax");
    assertEquals(0, countUsers("userName sw \"" + userName + "\""));
  }

  /** Three different lone surrogates came back as the same '?' (issue 12). */
  @ParameterizedTest
  @ValueSource(strings = {"\\ud800", "\\udbff", "\\udc00"})
  void refusesALoneSurrogateEscapeWith400InvalidValue(String escape) {
    ScimClient.Reply reply =
        scim.post("/Users", ACME_TOKEN, "{\"userName\":\"lone-" + escape + "\"}");
    assertScimError(reply, 400, "invalidValue");
    ScimClient.Reply filtered =
        scim.get("/Users?filter=" + encode("userName eq \"lone-" + escape + "\""), ACME_TOKEN);
    assertScimError(filtered, 400, "invalidValue");
  }

  @Test
  void countsCharactersNotUtf16UnitsAgainstTheLengthLimit() {
    // 2,048 characters in 2,148 UTF-16 units and 2,348 bytes of UTF-8: within both limits
    String longest = "\uD83D\uDE00".repeat(100) + "x".repeat(1948);
    ScimClient.Reply created =
        scim.post("/Users", ACME_TOKEN, "{\"userName\":\"" + longest + "\"}");
    assertEquals(201, created.status(), created::toString);
    assertEquals(longest, created.json().getString("userName"));
    assertEquals(204, scim.delete("/Users/" + created.json().getString("id"), ACME_TOKEN).status());

    ScimClient.Reply tooLong =
        scim.post("/Users", ACME_TOKEN, "{\"userName\":\"" + longest + "x\"}");
    assertScimError(tooLong, 400, "invalidValue");
    assertTrue(tooLong.body().contains("2048 characters"), tooLong::toString);
  }

  @Test
  void answersNestingDeeperThanTheLimitAndHugeNumbersWith400() {
    String nested = "{\"userName\":\"deep\",\"a\":" + "[".repeat(900) + "]".repeat(900) + "}";
    assertScimError(postUsers("application/scim+json", nested), 400, "invalidSyntax");
    assertScimError(
        postUsers("application/scim+json", "{\"userName\":\"huge\",\"active\":1e999999999}"),
        400,
        "invalidValue");
    assertScimError(
        postUsers(
            "application/scim+json", "{\"userName\":\"huge\",\"active\":" + "9".repeat(2000) + "}"),
        400,
        "invalidSyntax");
  }

  private long countUsers(String filter) {
    ScimClient.Reply reply = scim.get("/Users?count=0&filter=" + encode(filter), ACME_TOKEN);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonNumber("totalResults").longValue();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private ScimClient.Reply postUsers(String contentType, String body) {
    return scim.send(
        scim.request("/Users", ACME_TOKEN)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private long advertisedLimit() {
    return scim.get("/ServiceProviderConfig", ACME_TOKEN)
        .json()
        .getJsonObject("bulk")
        .getJsonNumber("maxPayloadSize")
        .longValue();
  }

  private ScimClient.Reply postOfSize(long size) {
    // A valid JSON object padded with spaces to exactly `size` bytes.
    String json = "{\"userName\":\"bjensen\"}";
    String padded = json + " ".repeat((int) (size - json.length()));
    return postUsers("application/scim+json", padded);
  }

  // Media types and correlation ids

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/scim+json", "*/*", "text/html"})
  void answersScimJsonWhateverTheClientAccepts(String accept) {
    ScimClient.Reply reply =
        scim.send(
            scim.request("/ServiceProviderConfig", ACME_TOKEN).header("Accept", accept).GET());
    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
  }

  @Test
  void echoesEntrasClientRequestIdAsRequestId() {
    String id = UUID.randomUUID().toString();
    ScimClient.Reply reply =
        scim.send(
            scim.request("/ServiceProviderConfig", ACME_TOKEN)
                .header("client-request-id", id)
                .GET());
    assertEquals(id, reply.header("X-Request-Id").orElse(null));
  }

  @Test
  void generatesRequestIdWhenClientSendsNone() {
    String first =
        scim.get("/ServiceProviderConfig", ACME_TOKEN).header("X-Request-Id").orElseThrow();
    String second =
        scim.get("/ServiceProviderConfig", ACME_TOKEN).header("X-Request-Id").orElseThrow();
    UUID.fromString(first);
    assertNotEquals(first, second);
  }

  @Test
  void replacesUnsafeClientRequestId() {
    ScimClient.Reply reply =
        scim.send(
            scim.request("/ServiceProviderConfig", ACME_TOKEN)
                .header("client-request-id", "<script>alert(1)</script>")
                .GET());
    UUID.fromString(reply.header("X-Request-Id").orElseThrow());
  }

  @Test
  void givesRequestIdToRefusedRequestsToo() {
    ScimClient.Reply reply =
        scim.send(scim.request("/Schemas").header("client-request-id", "probe-401").GET());
    assertEquals(401, reply.status());
    assertEquals("probe-401", reply.header("X-Request-Id").orElse(null));
  }
}
