package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.admin.api.AdminJsonReader;
import dev.roster.admin.control.SignInThrottle;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API at {@code /api/admin/v1}, black-box over HTTP: HTTP Basic of an admin and nothing
 * else (no session cookie), tenants and tokens, and the effect of each change on SCIM requests at
 * once.
 */
@ExtendWith(ArquillianExtension.class)
class AdminApiIT {

  private static final String ADMIN_API = "/api/admin/v1";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  // HTTP helpers

  private String root() {
    return server.toString().replaceAll("/+$", "");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(root() + ADMIN_API + path));
  }

  private static String basic(String user, String password) {
    return ScimClient.basic(user, password);
  }

  private ScimClient.Reply send(HttpRequest.Builder request) {
    return new ScimClient(server).send(request);
  }

  private ScimClient.Reply call(String method, String path, String json) {
    HttpRequest.Builder request =
        request(path)
            .header("Authorization", basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request);
  }

  private ScimClient.Reply get(String path) {
    return call("GET", path, null);
  }

  private int scimStatus(String token) {
    return new ScimClient(server).get("/Users", token).status();
  }

  private String newTenant() {
    String id = "api-" + UUID.randomUUID().toString().substring(0, 8);
    ScimClient.Reply reply =
        call("POST", "/tenants", "{\"id\":\"" + id + "\",\"name\":\"Tenant " + id + "\"}");
    assertEquals(201, reply.status(), reply::toString);
    return id;
  }

  private JsonObject issue(String tenant, String label) {
    ScimClient.Reply reply =
        call("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"" + label + "\"}");
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  // Authentication

  @Test
  void refusesRequestsWithoutCredentials() {
    ScimClient.Reply reply = send(request("/tenants").GET());
    assertScimError(reply, 401, null);
    assertTrue(reply.header("WWW-Authenticate").orElse("").startsWith("Basic "), reply.toString());
  }

  @Test
  void refusesAWrongPassword() {
    ScimClient.Reply reply =
        send(
            request("/tenants")
                .header("Authorization", basic(Deployments.ADMIN_USER, "not-the-password"))
                .GET());
    assertScimError(reply, 401, null);
    assertFalse(reply.body().contains("tenants"), reply::toString);
  }

  @Test
  void refusesABearerToken() {
    ScimClient.Reply reply =
        send(request("/tenants").header("Authorization", "Bearer " + Deployments.ACME_TOKEN));
    assertScimError(reply, 401, null);
  }

  @Test
  void ignoresTheSessionCookieOfASignedInConsole() {
    ConsoleClient browser = new ConsoleClient(server);
    browser.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD);
    ConsoleClient.Page console = browser.get("/admin/tenants.xhtml");
    assertEquals(200, console.status(), console::toString);
    assertTrue(console.contains("createTenant"), "the session is signed in");
    String cookie = browser.cookieHeader();
    assertTrue(cookie.contains("JSESSIONID"), cookie);

    ScimClient.Reply get = send(request("/tenants").header("Cookie", cookie).GET());
    assertScimError(get, 401, null);
    String id = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
    ScimClient.Reply post =
        send(
            request("/tenants")
                .header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"x\"}")));
    assertScimError(post, 401, null);
    assertEquals(404, get("/tenants/" + id).status(), "no tenant was created");
  }

  // Tenants

  @Test
  void createsATenantWithItsLocation() {
    String id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    ScimClient.Reply created =
        call("POST", "/tenants", "{\"id\":\"" + id + "\",\"name\":\"Acme Corp\"}");
    assertEquals(201, created.status(), created::toString);
    assertTrue(created.contentType().startsWith("application/json"), created::toString);
    JsonObject tenant = created.json();
    assertEquals(id, tenant.getString("id"));
    assertEquals("Acme Corp", tenant.getString("name"));
    assertTrue(tenant.getBoolean("enabled"));
    assertFalse(tenant.getString("created").isBlank());
    String location = created.header("Location").orElseThrow();
    assertEquals(root() + ADMIN_API + "/tenants/" + id, location);

    ScimClient.Reply read =
        send(
            HttpRequest.newBuilder(URI.create(location))
                .header(
                    "Authorization", basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD)));
    assertEquals(200, read.status(), read::toString);
    assertEquals(tenant, read.json());

    ScimClient.Reply list = get("/tenants");
    assertEquals(200, list.status(), list::toString);
    assertTrue(
        list.json().getJsonArray("tenants").getValuesAs(JsonObject.class).stream()
            .anyMatch(t -> t.getString("id").equals(id)),
        list::toString);
  }

  @Test
  void derivesTheIdFromTheNameWhenNoneIsGiven() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    ScimClient.Reply created = call("POST", "/tenants", "{\"name\":\"Initech " + suffix + "\"}");
    assertEquals(201, created.status(), created::toString);
    assertEquals("initech-" + suffix, created.json().getString("id"));
  }

  @Test
  void aDuplicateIdIsAConflict() {
    String id = newTenant();
    ScimClient.Reply again = call("POST", "/tenants", "{\"id\":\"" + id + "\",\"name\":\"Again\"}");
    assertScimError(again, 409, "uniqueness");
  }

  @Test
  void invalidTenantsAreRefused() {
    assertScimError(call("POST", "/tenants", "{\"id\":\"no-name\"}"), 400, "invalidValue");
    assertScimError(
        call("POST", "/tenants", "{\"id\":\"has space\",\"name\":\"x\"}"), 400, "invalidValue");
    assertScimError(call("POST", "/tenants", "{\"name\":42}"), 400, "invalidValue");
    assertScimError(call("POST", "/tenants", "{not json"), 400, "invalidSyntax");
    assertScimError(get("/tenants/no-such-tenant"), 404, null);
    assertScimError(get("/no-such-thing"), 404, null);
  }

  @Test
  void renamesATenantKeepingItsId() {
    String id = newTenant();
    ScimClient.Reply renamed = call("PATCH", "/tenants/" + id, "{\"name\":\"New name\"}");
    assertEquals(200, renamed.status(), renamed::toString);
    assertEquals("New name", renamed.json().getString("name"));
    assertEquals(id, renamed.json().getString("id"));
    assertTrue(renamed.json().getBoolean("enabled"), "enabled is left as it was");
    assertEquals("New name", get("/tenants/" + id).json().getString("name"));
    assertScimError(call("PATCH", "/tenants/" + id, "{\"name\":\" \"}"), 400, "invalidValue");
    assertScimError(call("PATCH", "/tenants/" + id, "{\"enabled\":\"no\"}"), 400, "invalidValue");
  }

  @Test
  void disablingATenantRefusesItsTokensAtOnce() {
    String id = newTenant();
    String token = issue(id, "x").getString("token");
    assertEquals(200, scimStatus(token)); // now cached
    ScimClient.Reply disabled = call("PATCH", "/tenants/" + id, "{\"enabled\":false}");
    assertEquals(200, disabled.status(), disabled::toString);
    assertFalse(disabled.json().getBoolean("enabled"));
    assertScimError(new ScimClient(server).get("/Users", token), 401, null);
    call("PATCH", "/tenants/" + id, "{\"enabled\":true}");
    assertEquals(200, scimStatus(token));
  }

  // Tokens

  @Test
  void anIssuedTokenWorksAtOnceAndComesWithTheScimBaseUrl() {
    String id = newTenant();
    ScimClient.Reply issued =
        call(
            "POST",
            "/tenants/" + id + "/tokens",
            "{\"label\":\"Entra ID\",\"expiresAt\":\"2099-01-31T00:00:00Z\"}");
    assertEquals(201, issued.status(), issued::toString);
    JsonObject token = issued.json();
    String plaintext = token.getString("token");
    assertTrue(plaintext.startsWith(token.getString("prefix") + "_"), issued::toString);
    assertEquals("Entra ID", token.getString("label"));
    assertEquals("active", token.getString("status"));
    assertEquals("2099-01-31T00:00:00Z", token.getString("expiresAt"));
    assertEquals(root() + "/scim/v2", token.getString("scimBaseUrl"));
    assertEquals(
        root() + ADMIN_API + "/tenants/" + id + "/tokens/" + token.getString("id"),
        issued.header("Location").orElseThrow());

    assertEquals(200, scimStatus(plaintext));
  }

  @Test
  void listedTokensNeverShowThePlaintextOrItsHash() throws Exception {
    String id = newTenant();
    JsonObject issued = issue(id, "Okta");
    String plaintext = issued.getString("token");
    String secret = plaintext.substring(issued.getString("prefix").length() + 1);
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(plaintext.getBytes(StandardCharsets.UTF_8)));
    assertEquals(200, scimStatus(plaintext));

    ScimClient.Reply list = get("/tenants/" + id + "/tokens");
    assertEquals(200, list.status(), list::toString);
    JsonObject listed = list.json().getJsonArray("tokens").getJsonObject(0);
    assertEquals(issued.getString("id"), listed.getString("id"));
    assertEquals(issued.getString("prefix"), listed.getString("prefix"));
    assertEquals("active", listed.getString("status"));
    assertFalse(listed.getString("lastUsed").isBlank(), "the use is recorded");
    assertFalse(listed.containsKey("token"));
    ScimClient.Reply one = get("/tenants/" + id + "/tokens/" + issued.getString("id"));
    assertEquals(200, one.status(), one::toString);
    for (ScimClient.Reply reply : new ScimClient.Reply[] {list, one}) {
      assertFalse(reply.body().contains(secret), reply::toString);
      assertFalse(reply.body().toLowerCase().contains(hash), reply::toString);
    }
  }

  @Test
  void aRevokedTokenIsRefusedAtOnce() {
    String id = newTenant();
    JsonObject first = issue(id, "first");
    JsonObject second = issue(id, "second");
    assertEquals(200, scimStatus(first.getString("token"))); // now cached
    assertEquals(200, scimStatus(second.getString("token")));

    ScimClient.Reply deleted =
        call("DELETE", "/tenants/" + id + "/tokens/" + first.getString("id"), null);
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals("revoked", deleted.json().getString("status"));
    assertScimError(new ScimClient(server).get("/Users", first.getString("token")), 401, null);
    assertEquals(200, scimStatus(second.getString("token")), "the other token still works");

    ScimClient.Reply posted =
        call("POST", "/tenants/" + id + "/tokens/" + second.getString("id") + "/revoke", null);
    assertEquals(200, posted.status(), posted::toString);
    assertEquals(401, scimStatus(second.getString("token")));

    ScimClient.Reply list = get("/tenants/" + id + "/tokens");
    assertTrue(
        list.json().getJsonArray("tokens").getValuesAs(JsonObject.class).stream()
            .allMatch(t -> t.getString("status").equals("revoked")),
        list::toString);
  }

  @Test
  void tokensOfAnotherTenantOrInThePastAreRefused() {
    String owner = newTenant();
    String other = newTenant();
    JsonObject token = issue(owner, "x");
    assertScimError(
        call("DELETE", "/tenants/" + other + "/tokens/" + token.getString("id"), null), 404, null);
    assertEquals(200, scimStatus(token.getString("token")));
    assertScimError(
        call("POST", "/tenants/" + owner + "/tokens", "{\"expiresAt\":\"2001-01-01\"}"),
        400,
        "invalidValue");
    assertScimError(
        call("POST", "/tenants/" + owner + "/tokens", "{\"expiresAt\":\"soon\"}"),
        400,
        "invalidValue");
    assertScimError(call("POST", "/tenants/no-such-tenant/tokens", "{\"label\":\"x\"}"), 404, null);
  }

  // Limits of every input

  private static String json(String name, String value) {
    return Json.createObjectBuilder().add(name, value).build().toString();
  }

  /** A 400 invalidValue whose detail names the limit that was crossed. */
  private static void assertRefused(ScimClient.Reply reply, String limit) {
    JsonObject error = assertScimError(reply, 400, "invalidValue");
    assertTrue(error.getString("detail").contains(limit), reply::toString);
  }

  @Test
  void everyFieldOfABodyIsCheckedAgainstItsLimit() {
    String id = newTenant();
    assertRefused(call("POST", "/tenants", json("name", "x".repeat(201))), "200 characters");
    assertEquals(201, call("POST", "/tenants", json("name", "y".repeat(200))).status());
    assertRefused(call("POST", "/tenants", json("name", "two\nlines")), "control characters");
    assertRefused(
        call("POST", "/tenants", "{\"name\":\"x\",\"id\":\"" + "x".repeat(65) + "\"}"), "1 to 64");
    assertRefused(call("PATCH", "/tenants/" + id, json("name", "x".repeat(300))), "200 characters");
    assertEquals("Tenant " + id, get("/tenants/" + id).json().getString("name"), "unchanged");
    String tokens = "/tenants/" + id + "/tokens";
    assertRefused(call("POST", tokens, json("label", "x".repeat(1000))), "200 characters");
    assertRefused(
        call("POST", tokens, json("expiresAt", "+999999999-01-01T00:00:00Z")), "9999-12-31");
    assertEquals(0, get(tokens).json().getJsonArray("tokens").size(), "no token was issued");
  }

  @Test
  void everyQueryParameterOfTheLogIsCheckedAgainstItsLimit() {
    assertRefused(get("/log?from=%2B1000000000-01-01T00:00:00Z"), "9999-12-31");
    assertRefused(get("/log?to=-999999999-01-01T00:00:00Z"), "0001-01-01");
    assertRefused(get("/log?limit=1001"), "1 to 1000");
    assertRefused(get("/log?q=" + "x".repeat(201)), "200 characters");
    assertRefused(get("/log?correlation=" + "x".repeat(129)), "128 characters");
    assertRefused(get("/log?tenant=" + "x".repeat(65)), "1 to 64");
    assertRefused(get("/log?method=" + "X".repeat(17)), "1 to 16");
    assertRefused(get("/log?after=%2B999999999-01-01T00:00:00Z_1"), "'after'");
    assertEquals(200, get("/log?limit=1000&q=" + "x".repeat(200)).status());
  }

  @Test
  void idsInThePathThatCannotExistAreNotFoundAndNotRepeatedAtLength() {
    String id = newTenant();
    String huge = "x".repeat(4000);
    for (String path :
        new String[] {
          "/tenants/" + huge, "/tenants/" + id + "/tokens/" + huge, "/log/" + huge,
        }) {
      ScimClient.Reply reply = get(path);
      assertScimError(reply, 404, null);
      assertTrue(reply.body().length() < 400, reply::toString);
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() throws Exception {
    byte[] body = new byte[30 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) 'a');
    byte[] start = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(start, 0, body, 0, start.length);
    // A client of its own: the server answers before the body is sent, and closes the connection.
    HttpResponse<String> tooLarge =
        HttpClient.newHttpClient()
            .send(
                request("/tenants")
                    .header(
                        "Authorization", basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonObject error = assertScimError(new ScimClient.Reply(tooLarge), 413, null);
    assertTrue(error.getString("detail").contains("65536 bytes"), error::toString);

    String padding = "p".repeat(AdminJsonReader.MAX_BODY_BYTES - 100);
    String id = "pad-" + UUID.randomUUID().toString().substring(0, 8);
    ScimClient.Reply fits =
        call(
            "POST",
            "/tenants",
            "{\"id\":\"" + id + "\",\"name\":\"Padded\",\"padding\":\"" + padding + "\"}");
    assertEquals(201, fits.status(), fits::toString);
  }

  // What the server shows anyone

  /** This server has no ROSTER_METRICS_TOKEN: /metrics is closed to all (MetricsIT sets one). */
  @Test
  void onlyHealthAndTheApiDescriptionArePublic() {
    for (String path :
        new String[] {
          "/metrics", "/metrics?scope=base", "/metrics?scope=vendor", "/metrics?scope=application"
        }) {
      ScimClient.Reply reply =
          send(
              HttpRequest.newBuilder(URI.create(root() + path))
                  .header(
                      "Authorization", basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD))
                  .GET());
      assertEquals(403, reply.status(), reply::toString);
      assertTrue(reply.body().contains("ROSTER_METRICS_TOKEN"), reply::toString);
      String body = reply.body().toLowerCase(java.util.Locale.ROOT);
      for (String secret : new String[] {"heap", "jvm", "connection_pool", "cpu", "thread"}) {
        assertFalse(body.contains(secret), () -> path + " shows " + secret + ": " + reply);
      }
    }
    for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
      ScimClient.Reply health = send(HttpRequest.newBuilder(URI.create(root() + path)).GET());
      assertEquals(200, health.status(), health::toString);
      assertEquals("UP", health.json().getString("status"));
    }
    ScimClient.Reply openApi = send(HttpRequest.newBuilder(URI.create(root() + "/openapi")).GET());
    assertEquals(200, openApi.status(), openApi::toString);
  }

  // Sign-in throttling, over HTTP from several local addresses (127.0.0.x)

  private static final String ACCOUNT_PASSWORD = "throttle-test-password";

  /** A new admin account, made in the console, so that a test can throttle it on its own. */
  private String newAdmin(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    ConsoleClient console = new ConsoleClient(server);
    console.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD);
    console.get("/admin/admins.xhtml");
    ConsoleClient.Page added =
        console.submit(
            "/admin/admins.xhtml",
            "addAdmin",
            "add",
            java.util.Map.of("name", name, "password", ACCOUNT_PASSWORD));
    assertTrue(added.contains("added"), added::html);
    return name;
  }

  private RawHttp.Response signIn(String from, String user, String password) {
    return RawHttp.get(server, from, ADMIN_API + "/tenants", user, password);
  }

  /** Sends the requests at once, each on its own thread, and waits for every answer. */
  private static <T> List<T> atOnce(int count, IntFunction<T> request) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        answers.add(
            threads.submit(
                () -> {
                  go.await();
                  return request.apply(n);
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> answer : answers) {
        results.add(answer.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  /** A refusal that tells the caller to come back later: 429 or 503, Retry-After, SCIM body. */
  private static void assertComeBackLater(RawHttp.Response reply) {
    assertTrue(reply.status() == 429 || reply.status() == 503, reply::toString);
    assertTrue(reply.header("Content-Type").orElse("").startsWith("application/scim+json"));
    assertEquals(
        Integer.toString(reply.status()), reply.json().getString("status"), reply::toString);
    assertTrue(Long.parseLong(reply.header("Retry-After").orElse("0")) >= 1, reply::toString);
  }

  @Test
  void parallelWrongPasswordsAreCheckedOnlyUpToTheAllowanceTheRestRefusedAtOnce() throws Exception {
    String name = "guesser-" + UUID.randomUUID().toString().substring(0, 8);
    List<RawHttp.Response> replies =
        atOnce(40, i -> signIn("127.0.0.2", name, "wrong-password-" + i));

    List<RawHttp.Response> checked = replies.stream().filter(r -> r.status() == 401).toList();
    // Refused at once: 429 from the throttle, or 503 from the hashing gate when the checks that
    // are allowed still occupy it. Which of the two answers depends on how fast this machine
    // hashes (under load more are 503); both say when to come back, and none is checked.
    List<RawHttp.Response> throttled =
        replies.stream().filter(r -> r.status() == 429 || r.status() == 503).toList();
    assertTrue(
        !checked.isEmpty()
            && checked.size() <= SignInThrottle.FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS,
        () -> checked.size() + " passwords were checked: " + replies);
    replies.stream().filter(r -> r.status() != 401).forEach(AdminApiIT::assertComeBackLater);
    assertTrue(throttled.size() >= 20, () -> "refused: " + throttled.size() + " " + replies);
    long fastestCheck = checked.stream().mapToLong(RawHttp.Response::millis).min().orElseThrow();
    long[] refusals = throttled.stream().mapToLong(RawHttp.Response::millis).sorted().toArray();
    assertTrue(
        refusals[refusals.length / 2] < fastestCheck,
        () ->
            "refusals took "
                + java.util.Arrays.toString(refusals)
                + " ms, a check "
                + fastestCheck);

    // Guessing on, one at a time: checked until the allowance is used up, then refused.
    int used = checked.size();
    for (RawHttp.Response guess = signIn("127.0.0.2", name, "guess-" + used);
        guess.status() == 401;
        guess = signIn("127.0.0.2", name, "guess-" + used)) {
      used++;
    }
    assertEquals(SignInThrottle.FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS, used);
    assertComeBackLater(signIn("127.0.0.2", name, "one-more-guess"));
  }

  @Test
  void namesThatMeanTheSameAccountShareItsThrottle() {
    String name = newAdmin("variants");
    assertEquals(
        200, signIn("127.0.0.3", "  " + name.toUpperCase() + " ", ACCOUNT_PASSWORD).status());
    String[] variants = {
      name, " " + name, name.toUpperCase(), name + "\t", " " + name.toUpperCase()
    };
    for (String variant : variants) {
      assertEquals(401, signIn("127.0.0.3", variant, "wrong-password").status(), variant);
    }
    for (String variant : new String[] {" " + name, name.toUpperCase(), name}) {
      RawHttp.Response refused = signIn("127.0.0.3", variant, ACCOUNT_PASSWORD);
      assertEquals(429, refused.status(), () -> "'" + variant + "': " + refused);
      assertComeBackLater(refused);
    }
  }

  /** Without trusted proxies (roster.admin.trusted-proxies) anyone could write the header. */
  @Test
  void xForwardedForIsIgnoredWithoutTrustedProxies() {
    String name = "forwarded-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      RawHttp.Response guess =
          RawHttp.send(
              server,
              "127.0.0.11",
              "GET " + ADMIN_API + "/tenants",
              java.util.Map.of(
                  "Authorization",
                  RawHttp.basic(name, "guess-" + i),
                  "X-Forwarded-For",
                  "198.51.100." + i));
      if (i < SignInThrottle.FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS) {
        assertEquals(401, guess.status(), guess::toString);
      } else {
        assertComeBackLater(guess);
      }
    }
  }

  /**
   * A lockout attack costs the attacker: wrong passwords for an account from other addresses do not
   * lock it out where it signed in successfully before (such as the product calling this API).
   */
  @Test
  void aKnownAddressSignsInWhileOtherAddressesHammerTheAccount() throws Exception {
    String name = newAdmin("hammered");
    assertEquals(200, signIn("127.0.0.4", name, ACCOUNT_PASSWORD).status());
    // Guesses from ever new addresses, waiting as told, until the account's own wait is 8 s.
    int failures = 0;
    while (failures < SignInThrottle.FREE_FAILURES_PER_ACCOUNT + 3) {
      RawHttp.Response guess = signIn("127.0.1." + (failures + 1), name, "guess-" + failures);
      if (guess.status() == 429) {
        Thread.sleep(1000 * Long.parseLong(guess.header("Retry-After").orElseThrow()));
      } else {
        assertEquals(401, guess.status(), guess::toString);
        failures++;
      }
    }
    RawHttp.Response stranger = signIn("127.0.0.8", name, ACCOUNT_PASSWORD);
    assertEquals(429, stranger.status(), () -> "a new address waits: " + stranger);
    assertComeBackLater(stranger);

    RawHttp.Response known = signIn("127.0.0.4", name, ACCOUNT_PASSWORD);
    assertEquals(200, known.status(), () -> "the known address still works: " + known);
  }

  /**
   * A flood of admin sign-ins, right and wrong, takes no database connection and no more than its
   * share of the server from the SCIM API: its requests are answered, and quickly.
   */
  @Test
  void scimRequestsAreServedWhileTheAdminApiIsFlooded() throws Exception {
    ScimClient scim = new ScimClient(server);
    ScimClient.Reply created =
        scim.post(
            "/Users",
            Deployments.ACME_TOKEN,
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"flood-"
                + UUID.randomUUID()
                + "@example.com\"}");
    assertEquals(201, created.status(), created::toString);
    String user = "/Users/" + created.json().getString("id");
    String guessed = "flood-" + UUID.randomUUID().toString().substring(0, 8);

    ExecutorService flood = Executors.newSingleThreadExecutor();
    Future<List<RawHttp.Response>> admin =
        flood.submit(
            () ->
                atOnce(
                    120,
                    i ->
                        i < 80
                            ? signIn("127.0.0.9", guessed, "wrong-" + i)
                            : signIn(
                                "127.0.0.1", Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD)));
    try {
      for (int i = 0; i < 10 && !admin.isDone(); i++) {
        long start = System.nanoTime();
        ScimClient.Reply read = scim.get(user, Deployments.ACME_TOKEN);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, read.status(), read::toString);
        assertTrue(millis < 5000, "a SCIM read took " + millis + " ms during the flood");
        Thread.sleep(100);
      }
      for (RawHttp.Response reply : admin.get(180, TimeUnit.SECONDS)) {
        assertTrue(java.util.Set.of(200, 401, 429, 503).contains(reply.status()), reply::toString);
        if (reply.status() >= 429) {
          assertComeBackLater(reply);
        }
      }
    } finally {
      flood.shutdownNow();
    }
    assertEquals(200, scim.get(user, Deployments.ACME_TOKEN).status());
    assertEquals(200, get("/tenants").status(), "the admin API works again at once");
  }

  // Description

  @Test
  void openApiDescribesTheAdminApi() {
    ScimClient.Reply reply = send(HttpRequest.newBuilder(URI.create(root() + "/openapi")).GET());
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.body().contains("/api/admin/v1/tenants:"), reply::body);
    assertTrue(reply.body().contains("/api/admin/v1/tenants/{tenant}/tokens:"), reply::body);
    assertTrue(reply.body().contains("issueToken"), reply::body);
    assertTrue(reply.body().contains("/api/admin/v1/tenants/{tenant}/events:"), reply::body);
    assertTrue(reply.body().contains("readEvents"), reply::body);
    assertTrue(reply.body().contains("/api/admin/v1/api-keys:"), reply::body);
    assertTrue(reply.body().contains("issueApiKey"), reply::body);
    assertTrue(reply.body().contains("apiKey:"), "the API key's security scheme: " + reply.body());
    for (String path :
        List.of(
            "/api/admin/v1/tenants/{tenant}/users:",
            "/api/admin/v1/tenants/{tenant}/departments:",
            "/api/admin/v1/tenants/{tenant}/departments/{id}/members:",
            "/api/admin/v1/webhooks:",
            "/api/admin/v1/webhooks/{id}/attempts:",
            "/api/admin/v1/webhooks/{id}/replay:",
            "/api/admin/v1/tenants/{tenant}/accounts/import:",
            "/api/admin/v1/tenants/{tenant}/deprovisionings/release:",
            "/api/admin/v1/tenants/{tenant}/schemas/{urn}:")) {
      assertTrue(reply.body().contains(path), () -> path + " in " + reply.body());
    }
    for (String operation :
        List.of(
            "listDepartments",
            "listDepartmentMembers",
            "createWebhook",
            "replayWebhook",
            "importAccounts",
            "accountCounts",
            "listDeprovisionings",
            "rejectDeprovisionings",
            "putSchema")) {
      assertTrue(reply.body().contains(operation), () -> operation + " in " + reply.body());
    }
  }
}
