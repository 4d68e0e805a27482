package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an operator sees, from outside, on a server started as the README starts it with a scrape
 * token: {@code /metrics} only for that token, with per-tenant SCIM figures, refusals and the
 * provisioning log's queue and the connection pool's use in Prometheus text; and {@code /health},
 * {@code /health/live} and {@code /health/ready} for anyone. Each test uses a tenant of its own, so
 * that counts do not mix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

  static final String METRICS_TOKEN = "scrape-token-0123456789abcdef";
  static final String COUNTED = "counted-token-0123456789";
  static final String BUSY = "busy-token-0123456789";
  static final String ADMIN_PASSWORD = "metrics-admin-password";
  static final int POOL_SIZE = 6;
  static final int WRITERS = 8;

  private PayaraMicroProcess server;
  private ScimClient scim;

  @BeforeAll
  void start() {
    server =
        PayaraMicroProcess.start(
            Map.of(
                "ROSTER_DB_URL",
                "jdbc:h2:mem:metrics;DB_CLOSE_DELAY=-1",
                "ROSTER_BOOTSTRAP_TOKENS",
                "counted=" + COUNTED + ",busy=" + BUSY + writers(),
                "ROSTER_DB_POOL_SIZE",
                Integer.toString(POOL_SIZE),
                "ROSTER_ADMIN_USER",
                "admin",
                "ROSTER_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "ROSTER_METRICS_TOKEN",
                METRICS_TOKEN,
                // one request of a tenant at a time and none waiting, so that a burst is refused
                "ROSTER_SCIM_TENANT_CONCURRENCY",
                "1",
                "ROSTER_SCIM_TENANT_WAITING",
                "0"));
    scim = new ScimClient(server.url());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void metricsNeedTheScrapeToken() {
    for (String path :
        List.of(
            "/metrics",
            "/metrics?scope=base",
            "/metrics?scope=vendor",
            "/metrics?scope=application",
            "/metrics/",
            "/metrics;x=1",
            "//metrics",
            "/./metrics",
            "/metrics/../metrics")) {
      for (Map<String, String> headers :
          List.of(
              Map.<String, String>of(),
              Map.of("Authorization", "Bearer wrong-token-0123456789abcdef"),
              Map.of("Authorization", "Bearer " + METRICS_TOKEN + "x"),
              Map.of("Authorization", RawHttp.basic("admin", ADMIN_PASSWORD)),
              Map.of("Authorization", METRICS_TOKEN))) {
        RawHttp.Response reply = RawHttp.send(server.url(), "127.0.0.1", "GET " + path, headers);
        assertTrue(reply.status() >= 400, () -> path + " " + headers + ": " + reply);
        String body = reply.body().toLowerCase(Locale.ROOT);
        for (String secret : List.of("heap", "jvm", "connection_pool", "cpu", "thread", "tenant")) {
          assertFalse(body.contains(secret), () -> path + " shows " + secret + ": " + reply);
        }
      }
    }
    RawHttp.Response refused = RawHttp.send(server.url(), "127.0.0.1", "GET /metrics", Map.of());
    assertEquals(401, refused.status(), refused::toString);
    assertEquals("Bearer realm=\"roster-metrics\"", refused.header("WWW-Authenticate").orElse(""));
  }

  @Test
  void theScrapeTokenSeesTheJvmAndRostersOwnFigures() {
    String all = scrape("");
    assertTrue(all.contains("memory_usedHeap_bytes"), all);
    assertTrue(all.contains("roster_log_queued"), all);
    String application = scrape("?scope=application");
    assertFalse(application.contains("memory_usedHeap_bytes"), application);
    assertTrue(application.contains("# TYPE roster_scim_requests_total counter"), application);
    assertTrue(
        application.contains("# TYPE roster_scim_request_duration_seconds histogram"), application);
  }

  @Test
  void countsScimRequestsByTenantResourceMethodAndStatus() {
    Map<String, Double> before = samples(scrape("?scope=application"));
    assertEquals(200, scim.get("/Users", COUNTED).status());
    assertEquals(200, scim.get("/Users?filter=userName%20eq%20%22x%22", COUNTED).status());
    assertEquals(
        201,
        scim.post("/Users", COUNTED, "{\"userName\": \"counted@example.com\"}").status(),
        "created");
    assertEquals(404, scim.get("/Groups/no-such-group", COUNTED).status());
    assertEquals(200, scim.get("/ServiceProviderConfig", COUNTED).status());
    assertEquals(401, scim.get("/Users", "not-a-token-0123456789").status());
    Map<String, Double> after = samples(scrape("?scope=application"));

    String requests = "roster_scim_requests_total";
    assertEquals(2, delta(before, after, requests, "counted", "Users", "GET", "200"));
    assertEquals(1, delta(before, after, requests, "counted", "Users", "POST", "201"));
    assertEquals(1, delta(before, after, requests, "counted", "Groups", "GET", "404"));
    assertEquals(1, delta(before, after, requests, "counted", "other", "GET", "200"));
    assertTrue(delta(before, after, requests, "(none)", "Users", "GET", "401") >= 1);

    String count = "roster_scim_request_duration_seconds_count";
    assertEquals(2, delta(before, after, count, "counted", "Users", "GET", null));
    assertEquals(1, delta(before, after, count, "counted", "Users", "POST", null));
    Map<String, String> usersGet =
        Map.of("tenant", "counted", "resource", "Users", "method", "GET");
    Map<String, String> slowest = new HashMap<>(usersGet);
    slowest.put("le", "+Inf");
    assertEquals(
        sum(after, count, usersGet),
        sum(after, "roster_scim_request_duration_seconds_bucket", slowest));
  }

  @Test
  void countsTheTenantGatesRefusals() throws Exception {
    Map<String, Double> before = samples(scrape("?scope=application"));
    int refused = 0;
    ExecutorService pool = Executors.newFixedThreadPool(30);
    try {
      for (int round = 0; round < 5 && refused == 0; round++) {
        List<CompletableFuture<ScimClient.Reply>> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          burst.add(CompletableFuture.supplyAsync(() -> scim.get("/Users?count=100", BUSY), pool));
        }
        for (CompletableFuture<ScimClient.Reply> reply : burst) {
          int status = reply.get().status();
          assertTrue(status == 200 || status == 429, reply.get()::toString);
          refused += status == 429 ? 1 : 0;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(refused > 0, "a burst of 30 with one running and none waiting is refused in part");
    Map<String, Double> after = samples(scrape("?scope=application"));
    assertEquals(
        refused,
        sum(after, "roster_scim_tenant_refused_total", Map.of("tenant", "busy"))
            - sum(before, "roster_scim_tenant_refused_total", Map.of("tenant", "busy")));
    assertEquals(
        refused, delta(before, after, "roster_scim_requests_total", "busy", "Users", "GET", "429"));
  }

  @Test
  void countsThrottledAdminSignIns() {
    Map<String, Double> before = samples(scrape("?scope=application"));
    int throttled = 0;
    // five failures of one name from one address are free; the sixth attempt is refused unchecked
    for (int i = 0; i < 7; i++) {
      RawHttp.Response reply =
          RawHttp.get(server.url(), "127.0.0.9", "/api/admin/v1/tenants", "nobody", "wrong-1");
      assertTrue(reply.status() == 401 || reply.status() == 429, reply::toString);
      throttled += reply.status() == 429 ? 1 : 0;
    }
    assertTrue(throttled > 0, "the sixth and seventh attempts are throttled");
    Map<String, Double> after = samples(scrape("?scope=application"));
    Map<String, String> reason = Map.of("reason", "throttled");
    assertEquals(
        throttled,
        sum(after, "roster_admin_sign_in_refused_total", reason)
            - sum(before, "roster_admin_sign_in_refused_total", reason));
  }

  @Test
  void showsTheProvisioningLogsQueueAndDrops() {
    Map<String, Double> now = samples(scrape("?scope=application"));
    assertTrue(now.containsKey("roster_log_queued{mp_scope=application}"), now::toString);
    assertEquals(0, now.get("roster_log_dropped{mp_scope=application}"), now::toString);
  }

  @Test
  void showsTheConnectionPoolsUse() throws Exception {
    Map<String, Double> idle = samples(scrape("?scope=application"));
    assertEquals(POOL_SIZE, idle.get("roster_db_connections_max{mp_scope=application}"), "max");

    // writers of tenants of their own (each tenant runs one request at a time here) keep
    // connections busy while the pool is watched
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<Integer>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      String token = writerToken(w);
      writers.add(
          pool.submit(
              () -> {
                int written = 0;
                while (writing.get()) {
                  String userName = "pool-" + UUID.randomUUID() + "@example.com";
                  int status =
                      scim.post("/Users", token, "{\"userName\": \"" + userName + "\"}").status();
                  assertTrue(status == 201 || status == 503, "status " + status);
                  written++;
                }
                return written;
              }));
    }
    double most = 0;
    try {
      long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < until) {
        double inUse = inUse();
        assertTrue(inUse >= 0 && inUse <= POOL_SIZE, "in use: " + inUse);
        most = Math.max(most, inUse);
      }
    } finally {
      writing.set(false);
      pool.shutdown();
    }
    for (Future<Integer> writer : writers) {
      assertTrue(writer.get(1, TimeUnit.MINUTES) > 0);
    }
    // two or more: H2's CHECKPOINT borrows one connection at a time, so more are requests' own
    assertTrue(most >= 2, "connections in use seen under load: " + most);

    // every connection given back is counted as given back
    // (one reading for the loop and the assertion: the log's writer may borrow one again between
    // two readings, for the last records of the requests)
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    double inUse = inUse();
    while (inUse > 0 && System.nanoTime() < until) {
      Thread.sleep(100);
      inUse = inUse();
    }
    assertEquals(0, inUse, "connections in use once every request has been answered");
  }

  @Test
  void healthLivenessAndReadinessArePublic() {
    ScimClient.Reply live = get("/health/live");
    assertEquals(200, live.status(), live::toString);
    assertEquals("UP", live.json().getString("status"));
    assertTrue(live.body().contains("provisioning-log-writer"), live::toString);
    assertFalse(live.body().contains("\"database\""), "liveness does not depend on the database");

    ScimClient.Reply ready = get("/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    assertTrue(ready.body().contains("\"database\""), ready::toString);
    assertFalse(ready.body().contains("provisioning-log-writer"), ready::toString);

    ScimClient.Reply both = get("/health");
    assertEquals(200, both.status(), both::toString);
    assertTrue(both.body().contains("\"database\""), both::toString);
    assertTrue(both.body().contains("provisioning-log-writer"), both::toString);
  }

  @Test
  void refusesToStartWithAShortScrapeToken() {
    try (PayaraMicroProcess tooShort =
        PayaraMicroProcess.launch(
            Map.of(
                "ROSTER_DB_URL", "jdbc:h2:mem:short;DB_CLOSE_DELAY=-1",
                "ROSTER_METRICS_TOKEN", "short-scrape"))) {
      int exit = tooShort.awaitExit(Duration.ofMinutes(4));
      String output = tooShort.output();
      assertTrue(exit > 0, "exit code " + exit + "\n" + output);
      assertTrue(output.contains("ROSTER_METRICS_TOKEN has fewer than 16"), output);
      assertFalse(output.contains("short-scrape"), "the token must not be logged");
    }
  }

  // Helpers

  private static String writerToken(int writer) {
    return "pool-writer-" + writer + "-0123456789";
  }

  private static String writers() {
    StringBuilder tokens = new StringBuilder();
    for (int w = 0; w < WRITERS; w++) {
      tokens.append(",pool").append(w).append('=').append(writerToken(w));
    }
    return tokens.toString();
  }

  private double inUse() {
    return samples(scrape("?scope=application"))
        .get("roster_db_connections_in_use{mp_scope=application}");
  }

  private ScimClient.Reply get(String path) {
    return scim.send(
        HttpRequest.newBuilder(URI.create(server.url().toString().replaceAll("/$", "") + path))
            .timeout(Duration.ofSeconds(30)));
  }

  private String scrape(String query) {
    ScimClient.Reply reply =
        scim.send(
            HttpRequest.newBuilder(
                    URI.create(server.url().toString().replaceAll("/$", "") + "/metrics" + query))
                .header("Authorization", "Bearer " + METRICS_TOKEN)
                .header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(30)));
    assertEquals(200, reply.status(), reply::toString);
    return reply.body();
  }

  private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{(.*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Every sample of the text, keyed by name and labels in order: {@code name{a=x,b=y}}. */
  static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.strip());
      if (sample.matches()) {
        List<String> labels = new ArrayList<>();
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.add(label.group(1) + "=" + label.group(2));
        }
        labels.sort(null);
        samples.put(
            sample.group(1) + "{" + String.join(",", labels) + "}",
            Double.parseDouble(sample.group(3)));
      }
    }
    return samples;
  }

  /** The sum of the samples of this name whose labels include all of these. */
  static double sum(Map<String, Double> samples, String name, Map<String, String> labels) {
    double sum = 0;
    for (Map.Entry<String, Double> sample : samples.entrySet()) {
      String key = sample.getKey();
      if (!key.startsWith(name + "{")) {
        continue;
      }
      List<String> has = List.of(key.substring(name.length() + 1, key.length() - 1).split(","));
      if (labels.entrySet().stream().allMatch(l -> has.contains(l.getKey() + "=" + l.getValue()))) {
        sum += sample.getValue();
      }
    }
    return sum;
  }

  private static double delta(
      Map<String, Double> before,
      Map<String, Double> after,
      String name,
      String tenant,
      String resource,
      String method,
      String status) {
    Map<String, String> labels = new HashMap<>();
    labels.put("tenant", tenant);
    labels.put("resource", resource);
    labels.put("method", method);
    if (status != null) {
      labels.put("status", status);
    }
    return sum(after, name, labels) - sum(before, name, labels);
  }
}
