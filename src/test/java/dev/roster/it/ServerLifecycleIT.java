package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.roster.databases.PostgresCluster;
import dev.roster.databases.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: started with the README's plain java command, configured by
 * environment variables, stopped with SIGTERM, and started again on the same data.
 */
class ServerLifecycleIT {

  static final String TOKEN = "lifecycle-token-0123456789";

  @TempDir Path data;

  private String fileDatabase() {
    return "jdbc:h2:file:"
        + data.resolve("roster").toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0";
  }

  /** The server's own database: the embedded H2 file, or a database of the PostgreSQL cluster. */
  private Map<String, String> ownDatabase() {
    return TestDatabase.isPostgresql()
        ? TestDatabase.POSTGRESQL.serverSettings("restart")
        : Map.of("ROSTER_DB_URL", fileDatabase());
  }

  private Connection readOwnDatabase() throws SQLException {
    return TestDatabase.isPostgresql()
        ? DriverManager.getConnection(
            PostgresCluster.shared().jdbcUrl("restart"),
            PostgresCluster.USER,
            PostgresCluster.PASSWORD)
        : DriverManager.getConnection("jdbc:h2:file:" + data.resolve("roster"), "roster", "roster");
  }

  @Test
  void keepsTenantsTokensAndEveryLogRecordAcrossARestart() throws Exception {
    if (TestDatabase.isPostgresql()) {
      PostgresCluster.shared().recreate("restart");
    }
    String run = UUID.randomUUID().toString();
    Map<String, String> settings = new HashMap<>(ownDatabase());
    settings.put("ROSTER_BOOTSTRAP_TOKENS", "lifecycle=" + TOKEN);
    settings.put("ROSTER_ADMIN_USER", Deployments.ADMIN_USER);
    settings.put("ROSTER_ADMIN_PASSWORD", Deployments.ADMIN_PASSWORD);
    String held;
    try (PayaraMicroProcess first = PayaraMicroProcess.start(settings)) {
      ScimClient scim = new ScimClient(first.url());
      held = holdADeactivation(first, scim);
      assertEquals(200, scim.get("/ServiceProviderConfig", TOKEN).status());
      assertFalse(first.output().contains(TOKEN), "the bootstrap token must not be logged");
      // 50 requests, and the stop right after them: the records still in the queue must be
      // written before the database closes.
      List<CompletableFuture<ScimClient.Reply>> requests = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String correlationId = run + "-" + i;
        requests.add(
            CompletableFuture.supplyAsync(
                () ->
                    scim.send(
                        scim.request("/Schemas", TOKEN)
                            .header("client-request-id", correlationId)
                            .GET())));
      }
      requests.forEach(r -> assertEquals(200, r.join().status()));
      first.stop();
    }

    try (PayaraMicroProcess second = PayaraMicroProcess.start(ownDatabase())) {
      ScimClient scim = new ScimClient(second.url());
      assertEquals(200, scim.get("/ServiceProviderConfig", TOKEN).status(), "the token survived");
      // the held deactivation is still held, and the product still sees the user active
      AdminApiClient admin = new AdminApiClient(second.url());
      JsonObject holds = admin.asAdmin("GET", "/tenants/lifecycle/deprovisionings", null).json();
      assertEquals(1, holds.getInt("held"), holds::toString);
      assertEquals(
          held, holds.getJsonArray("deprovisionings").getJsonObject(0).getString("userId"));
      assertTrue(
          admin
              .asAdmin("GET", "/tenants/lifecycle/users/" + held, null)
              .json()
              .getBoolean("active"));
      assertEquals(
          1,
          admin
              .asAdmin("POST", "/tenants/lifecycle/deprovisionings/release", "{\"all\":true}")
              .json()
              .getInt("decided"));
      second.stop();
    }

    try (Connection db = readOwnDatabase();
        Statement sql = db.createStatement()) {
      assertEquals(1, count(sql, "SELECT COUNT(*) FROM TENANT WHERE ID = 'lifecycle'"));
      assertEquals(1, count(sql, "SELECT COUNT(*) FROM API_TOKEN WHERE TENANT_ID = 'lifecycle'"));
      assertEquals(
          50,
          count(
              sql,
              "SELECT COUNT(*) FROM PROVISIONING_LOG WHERE CORRELATION_ID LIKE '" + run + "-%'"));
    }
  }

  /**
   * With a threshold of one deprovisioning an hour, Entra ID deactivates two users: the second is
   * held. Returns the held user's id.
   */
  private static String holdADeactivation(PayaraMicroProcess server, ScimClient scim) {
    AdminApiClient admin = new AdminApiClient(server.url());
    assertEquals(
        200,
        admin
            .asAdmin(
                "PATCH",
                "/tenants/lifecycle",
                "{\"deprovisioningHold\":{\"percent\":0,\"minimum\":1}}")
            .status());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ScimClient.Reply created =
          scim.post("/Users", TOKEN, "{\"userName\":\"leaver" + i + "@contoso.example\"}");
      assertEquals(201, created.status(), created::toString);
      ids.add(created.json().getString("id"));
      assertEquals(
          200,
          scim.patch(
                  "/Users/" + ids.get(i),
                  TOKEN,
                  "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                      + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\","
                      + "\"value\":\"False\"}]}")
              .status());
    }
    JsonObject holds = admin.asAdmin("GET", "/tenants/lifecycle/deprovisionings", null).json();
    assertEquals(1, holds.getInt("held"), holds::toString);
    return ids.get(1);
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  void refusesToStartWithABootstrapTokenShorterThan16Characters() {
    assumeFalse(TestDatabase.isPostgresql(), "nothing database-specific: on H2 only");
    try (PayaraMicroProcess server =
        PayaraMicroProcess.launch(
            Map.of(
                "ROSTER_DB_URL",
                fileDatabase(),
                "ROSTER_BOOTSTRAP_TOKENS",
                "acme=" + TOKEN + ",globex=tiny-secret"))) {
      int exit = server.awaitExit(Duration.ofMinutes(4));
      String output = server.output();
      assertTrue(exit > 0, "exit code " + exit + "\n" + output);
      assertTrue(output.contains("Roster cannot start"), output);
      assertTrue(output.contains("at least 16"), output);
      assertTrue(output.contains("globex"), output);
      assertFalse(output.contains("tiny-secret"), "the token must not be logged");
    }
  }

  @Test
  void refusesToStartWithAnAdminPasswordShorterThan12Characters() {
    assumeFalse(TestDatabase.isPostgresql(), "nothing database-specific: on H2 only");
    try (PayaraMicroProcess server =
        PayaraMicroProcess.launch(
            Map.of(
                "ROSTER_DB_URL", fileDatabase(),
                "ROSTER_ADMIN_USER", "operator",
                "ROSTER_ADMIN_PASSWORD", "short-pw"))) {
      int exit = server.awaitExit(Duration.ofMinutes(4));
      String output = server.output();
      assertTrue(exit > 0, "exit code " + exit + "\n" + output);
      assertTrue(output.contains("Roster cannot start"), output);
      assertTrue(output.contains("at least 12"), output);
      assertFalse(output.contains("short-pw"), "the password must not be logged");
    }
  }

  @Test
  void healthIsReadyOnlyWhileTheDatabaseAnswers() throws Exception {
    try (OutsideDatabase database = OutsideDatabase.start(data, "health");
        PayaraMicroProcess server = PayaraMicroProcess.start(database.settings())) {
      assertEquals(200, health(server).statusCode(), () -> "up: " + server.output());
      assertTrue(health(server).body().contains("\"database\""));

      database.stop();
      HttpResponse<String> down = health(server);
      assertEquals(503, down.statusCode(), down::body);
      assertTrue(down.body().contains("DOWN"), down.body());
      HttpResponse<String> notReady = health(server, "health/ready");
      assertEquals(503, notReady.statusCode(), notReady::body);
      HttpResponse<String> live = health(server, "health/live");
      assertEquals(200, live.statusCode(), "a restart brings no database back: " + live.body());

      database.start();
      assertEquals(200, eventually200(server), "ready again once the database is back");
      server.stop();
    }
  }

  /**
   * While the database is down, SCIM requests (JPA's and plain JDBC's) get 503 with Retry-After and
   * a SCIM error body (not 500, not a hang), the server log says so once instead of a stack trace
   * per request, and the provisioning log's records of those requests wait for the database and are
   * written when it is back.
   */
  @Test
  void aDatabaseOutageIs503WithRetryAfterLoggedOnceAndItsLogRecordsWait() throws Exception {
    String run = UUID.randomUUID().toString();
    OutsideDatabase database = OutsideDatabase.start(data, "outage");
    Map<String, String> settings = new HashMap<>(database.settings());
    settings.put("ROSTER_BOOTSTRAP_TOKENS", "outage=" + TOKEN);
    try (database;
        PayaraMicroProcess server = PayaraMicroProcess.start(settings)) {
      ScimClient scim = new ScimClient(server.url());
      ScimClient.Reply created =
          scim.post("/Users", TOKEN, "{\"userName\": \"outage@example.com\"}");
      assertEquals(201, created.status(), created::toString);
      String id = created.json().getString("id");

      // a user by id, the groups, Okta's import page and Entra's match query (the last two read
      // without JPA: JdbcUserLookups)
      List<String> paths =
          List.of(
              "/Users/" + id,
              "/Groups",
              "/Users?startIndex=1&count=100",
              "/Users?filter="
                  + URLEncoder.encode(
                      "userName eq \"outage@example.com\"", StandardCharsets.UTF_8));
      database.stop();
      int logBefore = server.output().length();
      for (int i = 0; i < 20; i++) {
        ScimClient.Reply reply =
            scim.send(
                scim.request(paths.get(i % paths.size()), TOKEN)
                    .header("client-request-id", run + "-" + i)
                    .GET());
        assertScimError(reply, 503, null);
        assertTrue(reply.header("Retry-After").isPresent(), reply::toString);
      }
      String outage = server.output().substring(logBefore);
      assertTrue(
          outage.split("Database trouble, answered 503", -1).length - 1 <= 1,
          "an outage is logged once a minute, not per request:\n" + outage);
      // Before, each request wrote some 50-95 KB of stack traces (1 MB for these 20). The pool
      // still logs each broken connection it drops, once, with a stack trace of some 12 KB.
      assertTrue(
          outage.length() < 100_000,
          "no stack trace per request: " + outage.length() + " characters\n" + outage);

      database.start();
      assertEquals(200, eventually200(server), "ready again once the database is back");
      assertEquals(200, scim.get("/Users/" + id, TOKEN).status());
      try (Connection db = database.connect();
          Statement sql = db.createStatement()) {
        long logged = 0;
        for (int i = 0; i < 60 && logged < 20; i++) {
          logged =
              count(
                  sql,
                  "SELECT COUNT(*) FROM PROVISIONING_LOG WHERE CORRELATION_ID LIKE '"
                      + run
                      + "-%'");
          PayaraMicroProcess.sleep(1000);
        }
        assertEquals(20, logged, "the outage's records waited for the database");
      }
      server.stop();
    }
  }

  private static HttpResponse<String> health(PayaraMicroProcess server) throws Exception {
    return health(server, "health");
  }

  private static HttpResponse<String> health(PayaraMicroProcess server, String path)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static int eventually200(PayaraMicroProcess server) throws Exception {
    int status = 0;
    for (int i = 0; i < 30 && status != 200; i++) {
      status = health(server).statusCode();
      if (status != 200) {
        PayaraMicroProcess.sleep(1000);
      }
    }
    return status;
  }
}
