package dev.roster.appserver;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.ADMIN_PASSWORD;
import static dev.roster.it.Deployments.ADMIN_USER;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimAssertions.assertListResponse;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.ids;
import static dev.roster.it.ScimJson.patchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.it.ConsoleClient;
import dev.roster.it.ScimClient;
import dev.roster.it.ScimFixtures;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The smoke test that each application server passes with {@code target/roster.war} deployed as it
 * was built: SCIM discovery, the life of a user as Entra ID provisions one, SCIM errors, and a
 * console sign-in. A subclass installs and starts its server the way its administrator would (from
 * the server the profile unpacked under {@code target/appservers/} and the configuration in {@code
 * appservers/}), once for the class, and stops it at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AppServerSmoke {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  /** Roster's settings, as environment variables of the server process. */
  static final Map<String, String> ROSTER_SETTINGS =
      Map.of(
          "ROSTER_BOOTSTRAP_TOKENS", "acme=" + ACME_TOKEN + ",globex=" + GLOBEX_TOKEN,
          "ROSTER_ADMIN_USER", ADMIN_USER,
          "ROSTER_ADMIN_PASSWORD", ADMIN_PASSWORD);

  private URL server;
  private ScimClient scim;
  private ScimFixtures fixtures;

  /**
   * Sets the server up in {@code work} (an empty directory of its own), starts it with these
   * environment variables, and deploys the WAR on it at context root {@code /}.
   *
   * @return the HTTP root URL of the server
   */
  abstract URL start(Path work, Map<String, String> environment) throws Exception;

  /** Stops the server; its files stay in the work directory for a look after a failure. */
  abstract void stop() throws Exception;

  /** Where the server writes its log, for the messages of failed tests. */
  abstract Path log();

  /** Whether the server has said that the WAR failed to start (then waiting is pointless). */
  boolean deploymentFailed() {
    return false;
  }

  @BeforeAll
  void startServer() throws Exception {
    Path work = appservers().resolve("run").resolve(getClass().getSimpleName());
    deleteRecursively(work);
    Files.createDirectories(work);
    server = start(work, ROSTER_SETTINGS);
    System.out.println(getClass().getSimpleName() + ": " + server + ", log " + log());
    awaitScim();
    scim = new ScimClient(server);
    fixtures = new ScimFixtures(scim);
  }

  @AfterAll
  void stopServer() throws Exception {
    stop();
  }

  // The smoke test

  @Test
  void answersDiscovery() {
    JsonObject config = assertScimJson(scim.get("/ServiceProviderConfig", ACME_TOKEN), 200);
    assertEquals(
        "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
        config.getJsonArray("schemas").getString(0));
    assertTrue(config.getJsonObject("patch").getBoolean("supported"), config::toString);
    assertTrue(config.getJsonObject("filter").getBoolean("supported"), config::toString);
    List<String> types = ids(assertListResponse(scim.get("/ResourceTypes", ACME_TOKEN)));
    assertTrue(types.containsAll(List.of("User", "Group")), types::toString);
    List<String> schemas = ids(assertListResponse(scim.get("/Schemas", ACME_TOKEN)));
    assertTrue(schemas.contains("urn:ietf:params:scim:schemas:core:2.0:User"), schemas::toString);
  }

  @Test
  void reportsItselfUpWithTheDatabaseAndKeepsMetricsPrivate() throws Exception {
    HttpResponse<String> health = plainGet("health");
    assertEquals(200, health.statusCode(), health::body);
    assertTrue(health.body().contains("\"UP\""), health::body);
    assertTrue(health.body().contains("database"), health::body);
    HttpResponse<String> metrics = plainGet("metrics");
    // Payara: Roster's MetricsGuard refuses (403); Liberty: its own endpoint sends HTTP to HTTPS.
    assertNotEquals(200, metrics.statusCode(), metrics::body);
    assertFalse(metrics.body().contains("# TYPE"), metrics::body);
  }

  @Test
  void refusesARequestWithoutAValidTokenWithAScimError() {
    ScimClient.Reply without = scim.send(scim.request("/Users").GET());
    assertScimError(without, 401, null);
    assertTrue(
        without.header("WWW-Authenticate").orElse("").startsWith("Bearer"), without::toString);
    assertScimError(scim.get("/Users", "not-a-token-of-anyone-0123"), 401, null);
  }

  @Test
  void createsReadsFindsDeactivatesAndDeletesAUser() {
    String userName = ScimFixtures.prefix("u") + "@contoso.com";
    ScimClient.Reply created = scim.post("/Users", ACME_TOKEN, ScimFixtures.fullUser(userName));
    JsonObject user = assertScimJson(created, 201);
    String id = user.getString("id");
    assertEquals(
        scim.base() + "/Users/" + id, created.header("Location").orElse(""), created::toString);
    assertEquals(user.getJsonObject("meta").getString("location"), scim.base() + "/Users/" + id);

    JsonObject read = fixtures.readUser(id);
    assertEquals(userName, read.getString("userName"));
    assertEquals("Barbara", read.getJsonObject("name").getString("givenName"));
    assertEquals(JsonValue.TRUE, read.get("active"));

    JsonObject found = fixtures.usersWhere("userName eq \"" + userName.toUpperCase() + "\"");
    assertEquals(List.of(id), ids(found), found::toString);

    // Entra ID disables a user with a PATCH of active, in its capitalised form with a string.
    JsonObject disabled =
        fixtures
            .patchUser(
                id, patchOf("{\"op\": \"Replace\", \"path\": \"active\", \"value\": \"False\"}"))
            .json();
    assertEquals(JsonValue.FALSE, disabled.get("active"), disabled::toString);
    assertEquals(JsonValue.FALSE, fixtures.readUser(id).get("active"));

    ScimClient.Reply deleted = scim.delete("/Users/" + id, ACME_TOKEN);
    assertEquals(204, deleted.status(), deleted::toString);
    assertScimError(scim.get("/Users/" + id, ACME_TOKEN), 404, null);
    assertEquals(0, fixtures.usersWhere("userName eq \"" + userName + "\"").getInt("totalResults"));
  }

  @Test
  void answersErrorsInTheScimShape() {
    String userName = ScimFixtures.prefix("u");
    String id = fixtures.user(userName);
    assertScimError(
        scim.post("/Users", ACME_TOKEN, ScimFixtures.minimalUser(userName)), 409, "uniqueness");
    assertScimError(
        scim.get("/Users?filter=" + encoded("nickName xx \"a\""), ACME_TOKEN),
        400,
        "invalidFilter");
    assertScimError(scim.post("/Users", ACME_TOKEN, "{\"userName\": "), 400, "invalidSyntax");
    // A tenant sees only its own users.
    assertScimError(scim.get("/Users/" + id, GLOBEX_TOKEN), 404, null);
  }

  @Test
  void signsInToTheConsole() {
    ConsoleClient browser = new ConsoleClient(server);
    ConsoleClient.Page refused = browser.signIn(ADMIN_USER, ADMIN_PASSWORD + "-wrong");
    assertTrue(refused.uri().getPath().endsWith("/login.xhtml"), refused::toString);

    ConsoleClient.Page home = browser.signIn(ADMIN_USER, ADMIN_PASSWORD);
    assertEquals(200, home.status(), home::toString);
    assertTrue(home.uri().getPath().startsWith("/admin/"), home::toString);
    ConsoleClient.Page tenants = browser.get("/admin/tenants.xhtml");
    assertEquals(200, tenants.status(), tenants::toString);
    assertTrue(tenants.contains("tenant.xhtml?id=acme"), tenants::html);

    ConsoleClient.Page stranger = new ConsoleClient(server).get("/admin/tenants.xhtml");
    assertTrue(stranger.uri().getPath().endsWith("/login.xhtml"), stranger::toString);
  }

  @Test
  void recordsScimRequestsInTheProvisioningLog() throws InterruptedException {
    String correlation = UUID.randomUUID().toString();
    ScimClient.Reply listed =
        scim.send(scim.request("/Users", ACME_TOKEN).header("client-request-id", correlation));
    assertEquals(200, listed.status(), listed::toString);

    // The log is written behind the requests, within milliseconds at rest.
    String basic =
        Base64.getEncoder()
            .encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder search =
        HttpRequest.newBuilder(URI.create(server + "api/admin/v1/log?correlation=" + correlation))
            .header("Authorization", "Basic " + basic);
    Instant deadline = Instant.now().plusSeconds(10);
    ScimClient.Reply log;
    do {
      Thread.sleep(200);
      log = scim.send(search);
      assertEquals(200, log.status(), log::toString);
    } while (log.json().getJsonArray("entries").isEmpty() && Instant.now().isBefore(deadline));
    JsonObject entry = log.json().getJsonArray("entries").getJsonObject(0);
    assertEquals("acme", entry.getString("tenant"), entry::toString);
    assertEquals("GET", entry.getString("method"), entry::toString);
    assertEquals("/scim/v2/Users", entry.getString("path"), entry::toString);
    assertEquals(200, entry.getInt("status"), entry::toString);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> form = plainGet("login.xhtml");
    String cookie =
        form.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + form.headers()));
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), cookie);
  }

  /** A GET of a path under the server's root, e.g. {@code health}, without a token or cookie. */
  private HttpResponse<String> plainGet(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  // For the servers

  /** Where the profile unpacked the servers, and the JDBC drivers ({@code jdbc/}). */
  static Path appservers() {
    return Path.of(System.getProperty("appservers.dir", "target/appservers"));
  }

  /** The administrator's configuration files, {@code appservers/} in the repository. */
  static Path configuration() {
    return Path.of(System.getProperty("appservers.config", "appservers"));
  }

  static Path war() {
    return Path.of(System.getProperty("roster.war", "target/roster.war")).toAbsolutePath();
  }

  /**
   * Runs an administrator's command to its end, with JAVA_HOME set to this JVM's and no ROSTER_
   * variables but these, and answers its output; fails when it exits with another status than 0.
   */
  static String run(Map<String, String> environment, Duration timeout, String... command) {
    try {
      Path output = Files.createTempFile("roster-appserver-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("ROSTER_"));
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String text = Files.readString(output);
      Files.delete(output);
      if (!ended) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " ran over " + timeout + ":\n" + text);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + process.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URL url(int port) {
    try {
      return URI.create("http://localhost:" + port + "/").toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until /scim/v2 answers with a SCIM status: the WAR is deployed and started. */
  private void awaitScim() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    int status = -1;
    while (Instant.now().isBefore(deadline) && !deploymentFailed()) {
      try {
        status =
            http.send(
                    HttpRequest.newBuilder(URI.create(server + "scim/v2/ServiceProviderConfig"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "Roster did not answer on "
            + server
            + " within "
            + START_TIMEOUT
            + " (last status "
            + status
            + "); log: "
            + log());
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
