package dev.roster.it;

import static dev.roster.it.ScimFixtures.addMembers;
import static dev.roster.it.ScimFixtures.groupJson;
import static dev.roster.it.ScimFixtures.minimalUser;
import static dev.roster.it.ScimJson.patchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.databases.PostgresCluster;
import dev.roster.databases.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged WAR on one PostgreSQL, started at the same moment on an empty
 * database, as an operator runs several behind a load balancer (README, "Several instances"). The
 * guarantees the README states for several instances are checked here with every request split
 * across both. Runs in the PostgreSQL run of {@code mvn verify} only: an embedded H2 file belongs
 * to one process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

  static final String TOKEN = "two-instances-token-0123456789";
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "two-instances-admin-0123";
  static final Duration AUTH_CACHE = Duration.ofSeconds(5);

  static PayaraMicroProcess one;
  static PayaraMicroProcess two;
  static ScimClient first;
  static ScimClient second;

  @BeforeAll
  static void startBothAtOnce() {
    assumeTrue(TestDatabase.isPostgresql(), "several instances share a PostgreSQL");
    Map<String, String> settings =
        new HashMap<>(TestDatabase.POSTGRESQL.serverSettings(TestDatabase.DATABASE_NAME));
    settings.put("ROSTER_BOOTSTRAP_TOKENS", "two=" + TOKEN);
    settings.put("ROSTER_ADMIN_USER", ADMIN);
    settings.put("ROSTER_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // both migrate the empty database: one runs the scripts, the other waits for its lock
    one = PayaraMicroProcess.launch(settings);
    two = PayaraMicroProcess.launch(settings);
    one.awaitScim();
    two.awaitScim();
    first = new ScimClient(one.url());
    second = new ScimClient(two.url());
    oldLogRecordsForTheRetention();
  }

  /** The scripts Flyway runs on PostgreSQL: the common folder's and PostgreSQL's own. */
  private static long postgresqlScriptsOnDisk() throws IOException {
    long count = 0;
    for (String folder : List.of("common", "postgresql")) {
      try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration", folder))) {
        count += scripts.filter(p -> p.getFileName().toString().endsWith(".sql")).count();
      }
    }
    return count;
  }

  @AfterAll
  static void stopBoth() {
    for (PayaraMicroProcess server : new PayaraMicroProcess[] {one, two}) {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  @Order(1)
  void bothStartedOnAnEmptyDatabaseAndMigratedItOnce() throws Exception {
    try (Connection db = database();
        Statement sql = db.createStatement();
        ResultSet applied =
            sql.executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT version),"
                    + " SUM(CASE WHEN type = 'SQL' THEN 1 ELSE 0 END)"
                    + " FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
      applied.next();
      assertEquals(applied.getInt(2), applied.getInt(1), "each migration once");
      assertEquals(postgresqlScriptsOnDisk(), applied.getInt(3), "every script applied");
    }
    for (PayaraMicroProcess server : List.of(one, two)) {
      // no script ran twice ("relation … already exists"); a bootstrap token both instances
      // insert at once may collide on its key, which TenantBootstrap answers by trying again
      assertTrue(
          !server.output().matches("(?s).*relation \"[^\"]+\" already exists.*"), server::output);
    }
  }

  @Test
  @Order(2)
  void userNamesStayUniqueUnderCreatesRacingOnBothInstances() throws Exception {
    List<Callable<Integer>> creates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ScimClient scim = i % 2 == 0 ? first : second;
      String userName = "race-" + (i % 5) + "@example.com";
      creates.add(() -> scim.post("/Users", TOKEN, minimalUser(userName)).status());
    }
    List<Integer> statuses = Concurrently.simultaneously(creates);
    assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
    assertEquals(35, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
  }

  @Test
  @Order(3)
  void memberAddsRacingOnBothInstancesKeepEveryMember() throws Exception {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      users.add(created(first.post("/Users", TOKEN, minimalUser("member-" + i + "@example.com"))));
    }
    String group = created(second.post("/Groups", TOKEN, groupJson("Two instances")));
    List<Callable<Integer>> adds = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      ScimClient scim = i % 2 == 0 ? first : second;
      String member = users.get(i);
      adds.add(() -> scim.patch("/Groups/" + group, TOKEN, patchOf(addMembers(member))).status());
    }
    List<Integer> statuses = Concurrently.simultaneously(adds);
    assertTrue(statuses.stream().allMatch(s -> s == 204), statuses::toString);
    for (ScimClient scim : List.of(first, second)) {
      JsonObject read = scim.get("/Groups/" + group, TOKEN).json();
      assertEquals(users.size(), read.getJsonArray("members").size(), read::toString);
    }
  }

  @Test
  @Order(4)
  void aTokenRevokedOnOneInstanceIsRefusedOnTheOtherWithinTheCacheTime() throws Exception {
    JsonObject issued =
        admin(
            one,
            "POST",
            "/api/admin/v1/tenants/two/tokens",
            "{\"label\": \"revoked across instances\"}");
    String token = issued.getString("token");
    assertEquals(200, second.get("/ServiceProviderConfig", token).status(), "valid on the other");
    Instant revoked = Instant.now();
    admin(one, "DELETE", "/api/admin/v1/tenants/two/tokens/" + issued.getString("id"), null);
    int status = 200;
    while (status == 200 && Duration.between(revoked, Instant.now()).toSeconds() < 30) {
      status = second.get("/ServiceProviderConfig", token).status();
      PayaraMicroProcess.sleep(100);
    }
    Duration took = Duration.between(revoked, Instant.now());
    assertEquals(401, status);
    assertTrue(
        took.compareTo(AUTH_CACHE.plusSeconds(1)) <= 0,
        "refused on the other instance after " + took + ", the README promises 5 s");
  }

  /**
   * Okta's import walks {@code /Users} page by page on one instance while the other creates users
   * and deletes some the walk has not reached. The README: users created during a walk neither
   * repeat nor disappear, and a deletion can make a walk miss at most one user.
   */
  @Test
  @Order(5)
  void aWalkOnOneInstanceWhileTheOtherCreatesAndDeletes() throws Exception {
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      before.add(created(first.post("/Users", TOKEN, minimalUser("walk-" + i + "@example.com"))));
    }
    List<String> deleted = before.subList(100, 110);
    CompletableFuture<Void> changes =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 40; i++) {
                second.post("/Users", TOKEN, minimalUser("during-" + i + "@example.com"));
                if (i < deleted.size()) {
                  assertEquals(204, second.delete("/Users/" + deleted.get(i), TOKEN).status());
                }
              }
            });
    List<String> seen = new ArrayList<>();
    int total = Integer.MAX_VALUE;
    for (int start = 1; start <= total; start += 20) {
      JsonObject page =
          first.get("/Users?attributes=userName&startIndex=" + start + "&count=20", TOKEN).json();
      total = page.getInt("totalResults");
      for (JsonValue user : page.getJsonArray("Resources")) {
        seen.add(user.asJsonObject().getString("id"));
      }
      PayaraMicroProcess.sleep(50);
    }
    changes.join();
    Set<String> distinct = new HashSet<>(seen);
    assertEquals(seen.size(), distinct.size(), "no user twice: " + seen);
    long missed =
        before.stream()
            .filter(id -> !deleted.contains(id))
            .filter(id -> !distinct.contains(id))
            .count();
    assertTrue(
        missed <= deleted.size(), missed + " users missed for " + deleted.size() + " deletions");
  }

  @Test
  @Order(6)
  void bothInstancesWriteTheProvisioningLog() throws Exception {
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < 10; i++) {
      ScimClient scim = i % 2 == 0 ? first : second;
      scim.send(scim.request("/Schemas", TOKEN).header("client-request-id", run + "-" + i).GET());
    }
    long logged = 0;
    for (int i = 0; i < 30 && logged < 10; i++) {
      logged =
          count("SELECT COUNT(*) FROM provisioning_log WHERE correlation_id LIKE '" + run + "-%'");
      PayaraMicroProcess.sleep(500);
    }
    assertEquals(10, logged);
  }

  /**
   * Both instances purge the log a minute after their start, at the same time here: every expired
   * record goes, in chunks, and nothing else does.
   */
  @Test
  @Order(7)
  void retentionRunsFromBothWithoutHarm() throws Exception {
    long left = Long.MAX_VALUE;
    for (int i = 0; i < 120 && left > 0; i++) {
      left = count("SELECT COUNT(*) FROM provisioning_log WHERE id < 0");
      PayaraMicroProcess.sleep(1000);
    }
    assertEquals(0, left, "expired records purged");
    assertTrue(count("SELECT COUNT(*) FROM provisioning_log WHERE id > 0") > 0, "recent ones kept");
    for (PayaraMicroProcess server : List.of(one, two)) {
      assertTrue(!server.output().contains("purge failed"), server::output);
    }
  }

  /**
   * Writes on both instances make one feed: read from either, the same events in the same order,
   * numbered without a gap, each write there once; and a reader waiting on one instance wakes for a
   * write on the other.
   */
  @Test
  @Order(8)
  void theFeedIsOneSequenceWhicheverInstanceWroteOrIsRead() throws Exception {
    String events = "/api/admin/v1/tenants/two/events";
    long start =
        admin(one, "GET", events + "?after=0&limit=1", null).getJsonNumber("latest").longValue();
    List<Callable<String>> creates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ScimClient scim = i % 2 == 0 ? first : second;
      String userName = "feed-" + i + "@example.com";
      creates.add(() -> created(scim.post("/Users", TOKEN, minimalUser(userName))));
    }
    Set<String> ids = new HashSet<>(Concurrently.simultaneously(creates));
    List<JsonObject> fromOne =
        admin(one, "GET", events + "?after=" + start + "&limit=1000", null)
            .getJsonArray("events")
            .getValuesAs(JsonObject.class);
    List<JsonObject> fromTwo =
        admin(two, "GET", events + "?after=" + start + "&limit=1000", null)
            .getJsonArray("events")
            .getValuesAs(JsonObject.class);
    assertEquals(fromOne, fromTwo);
    assertEquals(40, fromOne.size(), fromOne::toString);
    for (int i = 0; i < fromOne.size(); i++) {
      assertEquals(start + i + 1, fromOne.get(i).getJsonNumber("seq").longValue());
    }
    assertEquals(
        ids, fromOne.stream().map(e -> e.getString("resourceId")).collect(Collectors.toSet()));

    long latest = start + 40;
    java.util.concurrent.CompletableFuture<JsonObject> waiting =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> admin(one, "GET", events + "?after=" + latest + "&wait=20", null));
    PayaraMicroProcess.sleep(1000);
    String other = created(second.post("/Users", TOKEN, minimalUser("feed-late@example.com")));
    JsonObject woken = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(other, woken.getJsonArray("events").getJsonObject(0).getString("resourceId"));
  }

  /**
   * Both instances deliver webhooks; a tenant's cursor is leased to one at a time, so the receiver
   * gets every event once, in order, whichever instance wrote it or sent it.
   */
  @Test
  @Order(9)
  void webhooksReachTheReceiverOnceInOrderFromEitherInstance() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      admin(
          one,
          "POST",
          "/api/admin/v1/webhooks",
          "{\"url\":\"" + receiver.url() + "\",\"tenant\":\"two\"}");
      String events = "/api/admin/v1/tenants/two/events";
      long start =
          admin(one, "GET", events + "?after=latest", null).getJsonNumber("next").longValue();
      List<Callable<String>> creates = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        ScimClient scim = i % 2 == 0 ? first : second;
        String userName = "hook-" + i + "@example.com";
        creates.add(() -> created(scim.post("/Users", TOKEN, minimalUser(userName))));
      }
      Concurrently.simultaneously(creates);
      long latest =
          admin(two, "GET", events + "?after=latest", null).getJsonNumber("next").longValue();
      assertEquals(start + 30, latest);

      long deadline = System.currentTimeMillis() + 60_000;
      while (receiver.received().size() < 30 && System.currentTimeMillis() < deadline) {
        PayaraMicroProcess.sleep(200);
      }
      PayaraMicroProcess.sleep(2000); // room for a duplicate to show
      List<Long> seqs =
          receiver.received().stream()
              .map(
                  r ->
                      jakarta.json.Json.createReader(new java.io.StringReader(r.body()))
                          .readObject()
                          .getJsonNumber("seq")
                          .longValue())
              .toList();
      List<Long> expected = new ArrayList<>();
      for (long seq = start + 1; seq <= latest; seq++) {
        expected.add(seq);
      }
      assertEquals(expected, seqs);
    }
  }

  /**
   * 12,000 records of 40 days ago (more than two purge chunks), with ids the sequence never gives.
   */
  @Test
  @Order(10)
  void theDeprovisioningHoldCountsTheDeactivationsOfBothInstances() throws Exception {
    admin(one, "POST", "/api/admin/v1/tenants", "{\"id\":\"hold\",\"name\":\"Hold\"}");
    String token =
        admin(one, "POST", "/api/admin/v1/tenants/hold/tokens", "{\"label\":\"Entra\"}")
            .getString("token");
    admin(
        two,
        "PATCH",
        "/api/admin/v1/tenants/hold",
        "{\"deprovisioningHold\":{\"percent\":0,\"minimum\":10}}");
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      users.add(created(first.post("/Users", token, minimalUser("leaver-" + i + "@example.com"))));
    }
    List<Callable<Integer>> deactivations = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      ScimClient scim = i % 2 == 0 ? first : second;
      String id = users.get(i);
      deactivations.add(
          () ->
              scim.patch(
                      "/Users/" + id,
                      token,
                      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                          + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                  .status());
    }
    Concurrently.simultaneously(deactivations).forEach(status -> assertEquals(200, status));
    JsonObject held = admin(two, "GET", "/api/admin/v1/tenants/hold/deprovisionings", null);
    assertEquals(10, held.getInt("held"), "ten pass, whichever instance counted: " + held);
    long deactivated =
        admin(one, "GET", "/api/admin/v1/tenants/hold/events?after=0&limit=1000", null)
            .getJsonArray("events")
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(e -> e.getString("type").equals("user.deactivated"))
            .count();
    assertEquals(10, deactivated);
  }

  private static void oldLogRecordsForTheRetention() {
    try (Connection db = database();
        Statement sql = db.createStatement()) {
      sql.execute(
          "INSERT INTO provisioning_log (id, duration_ms, method, path, status, log_time)"
              + " SELECT -n, 1, 'GET', '/scim/v2/Users', 200, now() - interval '40 days'"
              + " FROM generate_series(1, 12000) AS n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(String query) throws Exception {
    try (Connection db = database();
        Statement sql = db.createStatement();
        ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static Connection database() throws Exception {
    return DriverManager.getConnection(
        PostgresCluster.shared().jdbcUrl(TestDatabase.DATABASE_NAME),
        PostgresCluster.USER,
        PostgresCluster.PASSWORD);
  }

  private static String created(ScimClient.Reply reply) {
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  private static JsonObject admin(
      PayaraMicroProcess server, String method, String path, String json) {
    ScimClient.Reply reply =
        first.send(
            HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Authorization", ScimClient.basic(ADMIN, ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    assertTrue(reply.status() / 100 == 2, reply::toString);
    return reply.body().isEmpty() ? JsonValue.EMPTY_JSON_OBJECT : reply.json();
  }
}
