package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.ADMIN_PASSWORD;
import static dev.roster.it.Deployments.ADMIN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that Payara's HTTP layer used to answer itself, before Roster saw them: every one under
 * {@code /scim/v2} gets an RFC 7644 §3.12 error and a provisioning-log record, and one without a
 * valid token gets 401 and nothing more. Sent byte for byte over a socket; the log is read through
 * the admin API, by each request's correlation id.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerEdgeIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  WireHttp raw;

  @BeforeEach
  void connect() {
    raw = new WireHttp(server.getPort());
  }

  // Paths the container cannot decode or would resolve

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/scim/v2/Users/%00",
        "/scim/v2/Users/%ED%A0%80",
        "/scim/v2/Users/%c3%28",
        "/scim/v2/Users/%zz",
        "/scim/v2/Users/%",
        "/scim/v2/Users/%u0041",
        "/scim/v2/Users/a\\b",
        "/scim/v2/Users/%5C",
        "/scim/v2/Users/{x}",
        "/scim/v2/Users/2819c223-7f76-453a-919d-413861904646/..",
        "/scim/v2/Users/%2e%2e",
        "/scim/v2/../admin/",
        "//scim/v2/Users/%zz",
      })
  void answersAPathTheContainerCannotReadWith400InvalidSyntax(String path) {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply = raw.send(request("DELETE", path, id, ACME_TOKEN));
    assertScimError(reply, 400, "invalidSyntax");
    JsonObject record = logged(id);
    assertEquals(400, record.getInt("status"));
    assertEquals("DELETE", record.getString("method"));
    assertEquals(path, record.getString("path"), "the path as sent");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/scim/v2/Users/%00",
        "/scim/v2/Users/%c3%28",
        "/scim/v2/Users/%zz",
        "/scim/v2/Users/%"
      })
  void refusesAPathTheContainerCannotReadWith401WithoutAToken(String path) {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply = raw.send(request("DELETE", path, id, null));
    assertScimError(reply, 401, null);
    assertEquals(401, logged(id).getInt("status"));
  }

  @Test
  void answersARawNonAsciiByteInThePathWith400() {
    String id = UUID.randomUUID().toString();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("GET /scim/v2/Users/".getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes("é".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(
        request("", "", id, ACME_TOKEN).substring(1).getBytes(StandardCharsets.ISO_8859_1));
    assertScimError(raw.send(bytes.toByteArray()), 400, "invalidSyntax");
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void stillReadsPathsThatAreFine() {
    String id = UUID.randomUUID().toString();
    assertScimError(
        raw.send(request("GET", "/scim/v2/Users/%2F%C3%A9", id, ACME_TOKEN)), 404, null);
    WireHttp.Reply schema =
        raw.send(
            request(
                "GET",
                "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
                UUID.randomUUID().toString(),
                ACME_TOKEN));
    assertEquals(200, schema.status(), schema::toString);
  }

  // Host

  @ParameterizedTest
  @ValueSource(strings = {"a:notaport", "", "{x}", "a:99999"})
  void answersAHostThatIsNotAHostWith400InvalidSyntax(String host) {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            request("GET", "/scim/v2/Users", id, ACME_TOKEN)
                .replace("Host: localhost", "Host: " + host));
    assertScimError(reply, 400, "invalidSyntax");
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void answersTwoHostHeadersWith400InvalidSyntax() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            request("GET", "/scim/v2/Users", id, ACME_TOKEN)
                .replace("Host: localhost", "Host: localhost\r\nHost: elsewhere"));
    assertScimError(reply, 400, "invalidSyntax");
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void answersABadPathWithABadHostWith400InvalidSyntax() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            request("GET", "/scim/v2/Users/%zz", id, ACME_TOKEN)
                .replace("Host: localhost", "Host: a:notaport"));
    assertScimError(reply, 400, "invalidSyntax");
    assertEquals(400, logged(id).getInt("status"));
  }

  // Methods

  @Test
  void answersTraceWith405AndAllow() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply = raw.send(request("TRACE", "/scim/v2/Users", id, ACME_TOKEN));
    assertScimError(reply, 405, null);
    assertTrue(reply.header("Allow").orElse("").contains("GET"), reply::toString);
    assertTrue(reply.json().getString("detail").contains("TRACE /scim/v2/Users"), reply::toString);
    JsonObject record = logged(id);
    assertEquals(405, record.getInt("status"));
    assertEquals("TRACE", record.getString("method"));
  }

  @Test
  void answersTraceWithoutATokenWith401() {
    String id = UUID.randomUUID().toString();
    assertScimError(raw.send(request("TRACE", "/scim/v2/Users/x", id, null)), 401, null);
    assertEquals(401, logged(id).getInt("status"));
  }

  @Test
  void traceOutsideScimStillEchoesNothing() {
    WireHttp.Reply reply =
        raw.send(
            request("TRACE", "/admin/", UUID.randomUUID().toString(), null)
                .replace(
                    "Connection: close", "Cookie: JSESSIONID=secret-session\r\nConnection: close"));
    assertEquals(405, reply.status(), reply::toString);
    assertFalse(reply.body().contains("secret-session"), reply::toString);
  }

  @Test
  void answersConnectWith405AtOnceAndClosesTheConnection() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply = raw.send(request("CONNECT", "/scim/v2/Users", id, ACME_TOKEN));
    assertScimError(reply, 405, null);
    assertTrue(reply.contentLength() > 0, "a length, not a body until the connection closes");
    assertTrue(reply.millis() < 10_000, "answered in " + reply.millis() + " ms");
    assertEquals("CONNECT", logged(id).getString("method"));
  }

  @Test
  void ignoresAnUpgradeNoOneTakes() {
    WireHttp.Reply reply =
        raw.send(
            request(
                    "GET",
                    "/scim/v2/ServiceProviderConfig",
                    UUID.randomUUID().toString(),
                    ACME_TOKEN)
                .replace("Connection: close", "Connection: Upgrade\r\nUpgrade: websocket"));
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.millis() < 5_000, "answered in " + reply.millis() + " ms");
  }

  @Test
  void answersAnUpgradeWithABodyWith400InvalidSyntax() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            withBody("POST", "/scim/v2/Users", id, ACME_TOKEN, "application/scim+json")
                .replace("Connection: close", "Connection: Upgrade\r\nUpgrade: foo"));
    assertScimError(reply, 400, "invalidSyntax");
    assertTrue(reply.millis() < 5_000, "answered in " + reply.millis() + " ms");
    assertEquals(400, logged(id).getInt("status"));
  }

  // Content-Type, Transfer-Encoding and bodies

  @ParameterizedTest
  @ValueSource(
      strings = {";;;", "application/", "application/json; charset=", "application/json; a"})
  void answersAContentTypeThatCannotBeParsedWith400InvalidSyntax(String contentType) {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(withBody("POST", "/scim/v2/Users", id, ACME_TOKEN, contentType));
    assertScimError(reply, 400, "invalidSyntax");
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void refusesAContentTypeThatCannotBeParsedWith401WithoutAToken() {
    String id = UUID.randomUUID().toString();
    assertScimError(raw.send(withBody("POST", "/scim/v2/Users", id, null, ";;;")), 401, null);
    assertEquals(401, logged(id).getInt("status"));
  }

  @Test
  void aBodyOnAGetGetsTheListenersBare400AndIsLogged() {
    // payara-config changes one attribute of the listener only (its comment says why); the one
    // that would let a body on a GET through is not it.
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(withBody("GET", "/scim/v2/Users", id, ACME_TOKEN, "application/json"));
    assertEquals(400, reply.status(), reply::toString);
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void answersATransferCodingThatIsNotChunkedWith400() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            request("POST", "/scim/v2/Users", id, ACME_TOKEN)
                    .replace("Connection: close", "Transfer-Encoding: gzip\r\nConnection: close")
                + "{}");
    assertScimError(reply, 400, "invalidSyntax");
    assertEquals("close", reply.header("Connection").orElse(""));
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void answersATransferCodingBeforeChunkedWith501() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            request("POST", "/scim/v2/Users", id, ACME_TOKEN)
                    .replace(
                        "Connection: close",
                        "Transfer-Encoding: gzip, chunked\r\nConnection: close")
                + "2\r\n{}\r\n0\r\n\r\n");
    assertScimError(reply, 501, null);
    assertEquals(501, logged(id).getInt("status"));
  }

  // Sizes

  @Test
  void answersAUriOverTheLimitWith414() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(request("GET", "/scim/v2/Users?x=" + "y".repeat(20_000), id, ACME_TOKEN));
    assertScimError(reply, 414, null);
    assertEquals(414, logged(id).getInt("status"));
  }

  /**
   * Over cleartext HTTP/2, a URI over Roster's limit is a 414 like over HTTP/1.1, and the
   * connection goes on: at Payara's default header-list size, the next request on it got 431
   * (payara-config/pre-boot-commands.asadmin). Java's HttpClient upgrades to h2c by itself.
   */
  @Test
  void overHttp2ALongUriIsA414AndSpoilsNothing() throws Exception {
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    URI base = URI.create(server.toString().replaceAll("/$", "") + "/scim/v2/Users");
    HttpResponse<String> tooLong =
        http2.send(
            HttpRequest.newBuilder(URI.create(base + "?x=" + "y".repeat(12_000)))
                .header("Authorization", "Bearer " + ACME_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(414, tooLong.statusCode(), tooLong::body);
    assertEquals(HttpClient.Version.HTTP_2, tooLong.version(), "h2c is on");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> next =
          http2.send(
              HttpRequest.newBuilder(URI.create(base + "?count=1"))
                  .header("Authorization", "Bearer " + ACME_TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, next.statusCode(), next::body);
    }
  }

  @Test
  void answersHeadersOverTheLimitWith431() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply = raw.send(withHeaders(id, "X-Big: " + "y".repeat(20_000) + "\r\n"));
    assertScimError(reply, 431, null);
    assertEquals(431, logged(id).getInt("status"));
  }

  @Test
  void moreHeaderFieldsThanTheListenerTakesGetItsBare400AndAreLogged() {
    String id = UUID.randomUUID().toString();
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      fields.append("X-Field-").append(i).append(": v\r\n");
    }
    WireHttp.Reply reply = raw.send(withHeaders(id, fields.toString()));
    assertEquals(400, reply.status(), reply::toString);
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void headersBeyondWhatTheListenerReadsGetItsBare400AndAreLogged() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply = raw.send(withHeaders(id, "X-Big: " + "y".repeat(70_000) + "\r\n"));
    assertEquals(400, reply.status(), reply::toString);
    JsonObject record = logged(id);
    assertEquals(400, record.getInt("status"));
    assertEquals("/scim/v2/Users", record.getString("path"));
  }

  // Framing the listener refuses before there is a request to hand on: logged

  @Test
  void aContentLengthWithTransferEncodingIsRefusedAndLogged() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            request("POST", "/scim/v2/Users", id, ACME_TOKEN)
                    .replace(
                        "Connection: close",
                        "Transfer-Encoding: chunked\r\nContent-Length: 2\r\nConnection: close")
                + "2\r\n{}\r\n0\r\n\r\n");
    assertEquals(400, reply.status(), reply::toString);
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void aBrokenChunkedBodyIsRefusedAndLogged() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(
            request("POST", "/scim/v2/Users", id, ACME_TOKEN)
                    .replace("Connection: close", "Transfer-Encoding: chunked\r\nConnection: close")
                + "zz\r\n{}\r\n0\r\n\r\n");
    assertEquals(400, reply.status(), reply::toString);
    assertEquals(400, logged(id).getInt("status"));
  }

  @Test
  void anUnknownHttpVersionIsRefusedAndLogged() {
    String id = UUID.randomUUID().toString();
    WireHttp.Reply reply =
        raw.send(request("GET", "/scim/v2/Users", id, ACME_TOKEN).replace("HTTP/1.1", "HTTP/9.9"));
    assertEquals(505, reply.status(), reply::toString);
    assertEquals(505, logged(id).getInt("status"));
  }

  // Helpers

  /** A request without a body; {@code token} null sends none. */
  private static String request(String method, String target, String id, String token) {
    return method
        + " "
        + target
        + " HTTP/1.1\r\nHost: localhost\r\nclient-request-id: "
        + id
        + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Connection: close\r\n\r\n";
  }

  private static String withBody(
      String method, String target, String id, String token, String contentType) {
    return request(method, target, id, token)
            .replace(
                "Connection: close",
                "Content-Type: " + contentType + "\r\nContent-Length: 2\r\nConnection: close")
        + "{}";
  }

  /** GET /Users with more header fields, after the correlation id (so that it is read first). */
  private static String withHeaders(String id, String fields) {
    return request("GET", "/scim/v2/Users", id, ACME_TOKEN)
        .replace("Connection: close\r\n", fields + "Connection: close\r\n");
  }

  private static void assertScimError(WireHttp.Reply reply, int status, String scimType) {
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(
        reply.header("Content-Type").orElse("").startsWith("application/scim+json"),
        reply::toString);
    JsonObject error = reply.json();
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:Error",
        error.getJsonArray("schemas").getString(0),
        reply::toString);
    assertEquals(Integer.toString(status), error.getString("status"), reply::toString);
    assertEquals(scimType, error.getString("scimType", null), reply::toString);
    assertFalse(error.getString("detail", "").isBlank(), reply::toString);
  }

  /** The one provisioning-log record of the request with that correlation id, once written. */
  private JsonObject logged(String correlationId) {
    String basic =
        Base64.getEncoder()
            .encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    URI uri = URI.create(server + "api/admin/v1/log?correlation=" + correlationId);
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
          JsonArray entries = reader.readObject().getJsonArray("entries");
          if (!entries.isEmpty() || System.currentTimeMillis() > deadline) {
            assertEquals(1, entries.size(), "log records of " + correlationId + ": " + entries);
            return entries.getJsonObject(0);
          }
        }
        Thread.sleep(100);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
