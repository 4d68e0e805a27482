package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No client can take the server from the others: per-tenant limits on requests running and waiting,
 * and on their rate, answered 429 with {@code Retry-After}, a SCIM error body and a
 * provisioning-log record; and slow clients, which trickle a body, hold no worker thread and are
 * answered 408 when their time is up. The server runs with small limits so that a test can reach
 * them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsIT {

  static final String BUSY = "busy-token-0123456789";
  static final String QUIET = "quiet-token-0123456789";
  static final String PACED = "paced-token-0123456789";
  static final String ADMIN_PASSWORD = "limits-admin-password";

  private PayaraMicroProcess server;
  private ScimClient scim;

  @BeforeAll
  void start() {
    server =
        PayaraMicroProcess.start(
            Map.of(
                "ROSTER_DB_URL", "jdbc:h2:mem:limits;DB_CLOSE_DELAY=-1",
                "ROSTER_BOOTSTRAP_TOKENS", "busy=" + BUSY + ",quiet=" + QUIET + ",paced=" + PACED,
                "ROSTER_ADMIN_USER", "admin",
                "ROSTER_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "ROSTER_SCIM_TENANT_CONCURRENCY", "2",
                "ROSTER_SCIM_TENANT_WAITING", "2",
                "ROSTER_SCIM_TENANT_MAX_WAIT_SECONDS", "1",
                "ROSTER_SCIM_TENANT_RATE", "20",
                "ROSTER_SCIM_TENANT_BURST", "10",
                "ROSTER_HTTP_BODY_TIMEOUT_SECONDS", "8"));
    scim = new ScimClient(server.url());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void aBusyTenantGets429WhileAnotherTenantIsServed() throws Exception {
    // 60 requests of one tenant at once: 2 run, 2 wait, the rest are refused at once.
    ExecutorService pool = Executors.newFixedThreadPool(60);
    try {
      List<CompletableFuture<ScimClient.Reply>> busy = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        busy.add(CompletableFuture.supplyAsync(() -> scim.get("/Users?count=200", BUSY), pool));
      }
      for (int i = 0; i < 5; i++) {
        ScimClient.Reply quiet = scim.get("/Users", QUIET);
        assertEquals(200, quiet.status(), quiet::toString);
      }
      int refused = 0;
      for (CompletableFuture<ScimClient.Reply> request : busy) {
        ScimClient.Reply reply = request.join();
        if (reply.status() == 429) {
          refused++;
          assertScimError(reply, 429, null);
          long retryAfter = Long.parseLong(reply.header("Retry-After").orElseThrow());
          assertTrue(retryAfter >= 1 && retryAfter <= 60, reply::toString);
        } else {
          assertEquals(200, reply.status(), reply::toString);
        }
      }
      assertTrue(refused > 0, "some of 60 simultaneous requests must be refused");
      assertTrue(refused < 60, "some must be served");
      assertTrue(loggedStatuses("busy").contains(429), "the provisioning log records the 429s");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTenantOverItsRateIsSlowedAndThenRefusedWithTheTimeToWait() {
    // A burst of 10, then one every 50 ms; a request that would wait over a second is refused.
    int served = 0;
    ScimClient.Reply refused = null;
    long start = System.nanoTime();
    for (int i = 0; i < 200 && refused == null; i++) {
      ScimClient.Reply reply = scim.get("/ServiceProviderConfig", PACED);
      if (reply.status() == 429) {
        refused = reply;
      } else {
        assertEquals(200, reply.status(), reply::toString);
        served++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(
        served >= 10 && served <= 10 + 20 * seconds + 2,
        served + " served in " + seconds + " s, at 20 a second after a burst of 10");
    if (refused != null) {
      assertScimError(refused, 429, null);
      assertTrue(refused.header("Retry-After").isPresent());
    }
  }

  /**
   * 250 connections, more than the server has worker threads, each sending a body one byte at a
   * time (to SCIM, the admin API and the console's sign-in form): a simple request is still
   * answered at once, and each slow client gets 408 when its time is up.
   */
  @Test
  void clientsThatTrickleABodyHoldNoWorkerThread() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 250; i++) {
        String request =
            switch (i % 3) {
              case 0 ->
                  "POST /scim/v2/Users HTTP/1.1\r\nAuthorization: Bearer "
                      + QUIET
                      + "\r\n"
                      + "Content-Type: application/scim+json\r\n";
              case 1 ->
                  "POST /api/admin/v1/tenants HTTP/1.1\r\nAuthorization: "
                      + ScimClient.basic("admin", ADMIN_PASSWORD)
                      + "\r\nContent-Type: application/json\r\n";
              default ->
                  "POST /login.xhtml HTTP/1.1\r\n"
                      + "Content-Type: application/x-www-form-urlencoded\r\n";
            };
        Socket socket = new Socket("localhost", server.url().getPort());
        socket
            .getOutputStream()
            .write(
                (request + "Host: localhost\r\nContent-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      for (int probe = 0; probe < 5; probe++) {
        for (Socket socket : slow) {
          socket.getOutputStream().write(' ');
        }
        long start = System.nanoTime();
        ScimClient.Reply reply = scim.get("/ServiceProviderConfig", PACED);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(seconds < 3, "answered in " + seconds + " s while 250 clients trickle");
        Thread.sleep(500);
      }
      String answer = answerTo(slow.get(0));
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("application/scim+json"), answer);
      assertTrue(answer.contains("\"status\":\"408\""), answer);
      String form = answerTo(slow.get(2));
      assertTrue(form.startsWith("HTTP/1.1 408"), form);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  /** What the server sends back on the connection, read until it closes it or goes quiet. */
  private static String answerTo(Socket socket) throws Exception {
    socket.setSoTimeout(40_000);
    java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
    byte[] chunk = new byte[4096];
    int read = socket.getInputStream().read(chunk);
    while (read > 0) {
      answer.write(chunk, 0, read);
      socket.setSoTimeout(1000);
      try {
        read = socket.getInputStream().read(chunk);
      } catch (java.net.SocketTimeoutException quiet) {
        break;
      }
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  /** The statuses of the tenant's provisioning-log entries, through the admin API. */
  private List<Integer> loggedStatuses(String tenant) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int attempt = 0; attempt < 20 && !statuses.contains(429); attempt++) {
      statuses.clear();
      ScimClient.Reply log =
          scim.send(
              HttpRequest.newBuilder(
                      URI.create(server.url() + "api/admin/v1/log?tenant=" + tenant + "&limit=200"))
                  .header("Authorization", ScimClient.basic("admin", ADMIN_PASSWORD)));
      assertEquals(200, log.status(), log::toString);
      JsonArray entries = log.json().getJsonArray("entries");
      for (JsonValue entry : entries) {
        statuses.add(entry.asJsonObject().getInt("status"));
      }
      Thread.sleep(100);
    }
    return statuses;
  }
}
