package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.ADMIN_PASSWORD;
import static dev.roster.it.Deployments.ADMIN_USER;
import static dev.roster.it.ScimFixtures.groupJson;
import static dev.roster.it.ScimFixtures.minimalUser;
import static dev.roster.it.ScimFixtures.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Locations behind a reverse proxy ({@code roster.http.trusted-proxies}): a request from the
 * trusted proxy, 127.0.0.2 here, gets the URLs its {@code Forwarded} or {@code X-Forwarded-*}
 * headers state; anyone else's such headers, and malformed ones, change nothing. A client only, of
 * the shipped WAR with the setting added as the WAR's own MicroProfile Config file.
 */
@ExtendWith(ArquillianExtension.class)
class ForwardedHeadersIT {

  static final String PROXY = "127.0.0.2";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster()
        .addAsResource(
            new StringAsset("roster.http.trusted-proxies=" + PROXY + "\n"),
            "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL server;

  ScimClient scim;

  /** What locations start with when no proxy speaks: the Host the client sent. */
  String direct;

  @BeforeEach
  void connect() {
    scim = new ScimClient(server);
    direct = scim.base();
  }

  @Test
  void usersFollowForwardedFromTheTrustedProxy() {
    Map<String, String> forwarded =
        Map.of("Forwarded", "for=203.0.113.7;proto=https;host=scim.example.com");
    String base = "https://scim.example.com/scim/v2";

    RawHttp.Response created = viaProxy("POST /scim/v2/Users", forwarded, minimalUser(prefix("u")));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    assertEquals(base + "/Users/" + id, created.header("Location").orElseThrow());
    assertEquals(base + "/Users/" + id, location(created.json()));

    RawHttp.Response read = viaProxy("GET /scim/v2/Users/" + id, forwarded, null);
    assertEquals(base + "/Users/" + id, location(read.json()));
    assertEquals(base + "/Users/" + id, read.header("Location").orElseThrow());

    RawHttp.Response list =
        viaProxy("GET /scim/v2/Users?filter=" + query("id eq \"" + id + "\""), forwarded, null);
    assertEquals(base + "/Users/" + id, location(first(list.json())));

    RawHttp.Response types = viaProxy("GET /scim/v2/ResourceTypes/User", forwarded, null);
    assertEquals(base + "/ResourceTypes/User", location(types.json()));
  }

  @Test
  void groupsFollowXForwardedHeadersFromTheTrustedProxy() {
    Map<String, String> forwarded =
        Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "scim.example.com:8443");
    String base = "https://scim.example.com:8443/scim/v2";
    String userId = new ScimFixtures(scim).createUser(minimalUser(prefix("u")));

    RawHttp.Response created =
        viaProxy("POST /scim/v2/Groups", forwarded, groupJson(prefix("g"), userId));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    assertEquals(base + "/Groups/" + id, created.header("Location").orElseThrow());
    assertEquals(base + "/Groups/" + id, location(created.json()));
    assertEquals(
        base + "/Users/" + userId,
        created.json().getJsonArray("members").getJsonObject(0).getString("$ref"));

    RawHttp.Response list =
        viaProxy("GET /scim/v2/Groups?filter=" + query("id eq \"" + id + "\""), forwarded, null);
    assertEquals(base + "/Groups/" + id, location(first(list.json())));

    Map<String, String> portOnly = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Port", "9443");
    RawHttp.Response read = viaProxy("GET /scim/v2/Groups/" + id, portOnly, null);
    assertEquals(
        "https://" + server.getHost() + ":9443/scim/v2/Groups/" + id, location(read.json()));
  }

  @Test
  void anyoneElsesForwardingHeadersAreIgnored() {
    ScimClient.Reply created =
        scim.send(
            scim.withJson("POST", "/Users", ACME_TOKEN, minimalUser(prefix("u")))
                .header("Forwarded", "proto=https;host=evil.example.com")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example.com"));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    assertEquals(direct + "/Users/" + id, created.header("Location").orElseThrow());
    assertEquals(direct + "/Users/" + id, location(created.json()));

    ScimClient.Reply read =
        scim.send(
            scim.request("/Users/" + id, ACME_TOKEN)
                .header("X-Forwarded-Host", "evil.example.com")
                .GET());
    assertEquals(direct + "/Users/" + id, location(read.json()));
  }

  @Test
  void theTrustedProxySayingNothingChangesNothing() {
    RawHttp.Response created =
        viaProxy(
            "POST /scim/v2/Users",
            Map.of("X-Forwarded-For", "203.0.113.7"),
            minimalUser(prefix("u")));
    assertEquals(201, created.status(), created::toString);
    assertTrue(location(created.json()).startsWith(direct + "/Users/"), created::toString);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Forwarded | proto=https;host=\"scim.example.com",
        "Forwarded | proto=https;host=evil.example.com/x",
        "Forwarded | proto=gopher;host=scim.example.com",
        "Forwarded | proto=https;proto=http",
        "X-Forwarded-Host | evil.example.com/x?",
        "X-Forwarded-Host | scim.example.com:99999",
        "X-Forwarded-Host | user@scim.example.com",
        "X-Forwarded-Proto | javascript",
        "X-Forwarded-Port | 443x",
      })
  void malformedForwardingHeadersAreIgnored(String header, String value) {
    RawHttp.Response created =
        viaProxy("POST /scim/v2/Users", Map.of(header, value), minimalUser(prefix("u")));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    assertEquals(direct + "/Users/" + id, created.header("Location").orElseThrow());
    assertEquals(direct + "/Users/" + id, location(created.json()));
  }

  @Test
  void theConsoleGivesTheForwardedBaseUrl() {
    ConsoleClient console = new ConsoleClient(server);
    console.signIn(ADMIN_USER, ADMIN_PASSWORD);
    Map<String, String> headers = new HashMap<>();
    headers.put("Cookie", console.cookieHeader());
    headers.put("X-Forwarded-Proto", "https");
    headers.put("X-Forwarded-Host", "scim.example.com");

    RawHttp.Response guide =
        RawHttp.send(server, PROXY, "GET /admin/guide-entra.xhtml?tenant=acme", headers);
    assertEquals(200, guide.status(), guide::toString);
    assertTrue(guide.body().contains(">https://scim.example.com/scim/v2<"), guide::toString);
    assertFalse(guide.body().contains(direct), guide::toString);

    RawHttp.Response tenant =
        RawHttp.send(server, PROXY, "GET /admin/tenant.xhtml?id=acme", headers);
    assertTrue(tenant.body().contains("https://scim.example.com/scim/v2<"), tenant::toString);

    // the same headers from anyone else
    RawHttp.Response direct =
        RawHttp.send(server, "127.0.0.1", "GET /admin/guide-entra.xhtml?tenant=acme", headers);
    assertTrue(direct.body().contains(">" + this.direct + "<"), direct::toString);
  }

  @Test
  void theSignInRedirectStaysOnTheForwardedOrigin() {
    Map<String, String> headers =
        Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "scim.example.com");
    RawHttp.Response signIn = RawHttp.send(server, PROXY, "GET /admin/tenants.xhtml", headers);
    assertEquals(302, signIn.status(), signIn::toString);
    String location = signIn.header("Location").orElseThrow();
    assertTrue(location.startsWith("https://scim.example.com/login.xhtml?next="), location);

    RawHttp.Response direct =
        RawHttp.send(server, "127.0.0.1", "GET /admin/tenants.xhtml", headers);
    assertTrue(
        direct.header("Location").orElseThrow().startsWith(this.direct.replace("/scim/v2", "")),
        direct::toString);
  }

  @Test
  void anIssuedTokenComesWithTheForwardedBaseUrl() {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", RawHttp.basic(ADMIN_USER, ADMIN_PASSWORD));
    headers.put("Content-Type", "application/json");
    headers.put("Forwarded", "proto=https;host=admin.example.com");
    RawHttp.Response issued =
        RawHttp.send(
            server,
            PROXY,
            "POST /api/admin/v1/tenants/acme/tokens",
            headers,
            "{\"label\":\"behind a proxy\"}");
    assertEquals(201, issued.status(), issued::toString);
    assertEquals("https://admin.example.com/scim/v2", issued.json().getString("scimBaseUrl"));
    assertTrue(
        issued
            .header("Location")
            .orElseThrow()
            .startsWith("https://admin.example.com/api/admin/v1/tenants/acme/tokens/"),
        issued::toString);
  }

  /** A request from the trusted proxy, as acme, with a SCIM JSON body when one is given. */
  private RawHttp.Response viaProxy(String requestLine, Map<String, String> headers, String body) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("Authorization", "Bearer " + ACME_TOKEN);
    if (body != null) {
      all.put("Content-Type", "application/scim+json");
    }
    return RawHttp.send(server, PROXY, requestLine, all, body);
  }

  private static String location(JsonObject resource) {
    return resource.getJsonObject("meta").getString("location");
  }

  private static JsonObject first(JsonObject list) {
    assertEquals(1, list.getInt("totalResults"), list::toString);
    return list.getJsonArray("Resources").getJsonObject(0);
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
