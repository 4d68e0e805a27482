import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What webhooks add to a SCIM write, and how late they arrive, on one running Roster, in one run.
 *
 * <p>Compiled with bench/LogCost.java, whose create body and CPU reading it uses (webhook-lag.sh
 * does it): javac -d DIR bench/LogCost.java bench/WebhookLag.java; java -cp DIR WebhookLag BASE_URL ADMIN_USER:PASSWORD TENANT TOKEN SERVER_PID REQUESTS
 * CONCURRENCY ROUNDS
 *
 * <p>After 2,000 warm-up creates, each round runs REQUESTS Entra-style creates (the body of
 * LogCost) at CONCURRENCY without a webhook endpoint, then registers one (a receiver in this JVM,
 * answering 204 at once) and runs REQUESTS more, then deletes it. It prints, per round, the
 * server's CPU per create without and with the endpoint (utime + stime from /proc, counted until
 * the deliveries are done) and their ratio, and the delivery lag of each create's user.created:
 * from the moment its 201 arrived to the moment the receiver got the event. Compare medians of
 * rounds; the machine is shared and the load generator runs on it. docs/benchmark.md ("What
 * webhooks add") was measured with it.
 */
public class WebhookLag {

  static final Pattern CREATED = Pattern.compile("\"type\":\"user.created\".*?\"resourceId\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String adminAuth =
        "Basic " + Base64.getEncoder().encodeToString(args[1].getBytes(StandardCharsets.UTF_8));
    String tenant = args[2];
    String token = args[3];
    long pid = Long.parseLong(args[4]);
    int requests = Integer.parseInt(args[5]);
    int concurrency = Integer.parseInt(args[6]);
    int rounds = Integer.parseInt(args[7]);
    String root = base.replaceAll("/scim/v2/?$", "");

    Map<String, Long> arrivals = new ConcurrentHashMap<>();
    AtomicInteger deliveries = new AtomicInteger();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.createContext(
        "/",
        exchange -> {
          long now = System.nanoTime();
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          Matcher m = CREATED.matcher(body);
          if (m.find()) {
            arrivals.putIfAbsent(m.group(1), now);
          }
          deliveries.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    run(http, base, token, "warm", 2000, concurrency, new ConcurrentHashMap<>());
    Thread.sleep(2000);
    List<Double> ratios = new ArrayList<>();
    List<Double> medians = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      long before = LogCost.cpuMillis(pid);
      run(http, base, token, "a" + round, requests, concurrency, new ConcurrentHashMap<>());
      Thread.sleep(2000);
      double without = (double) (LogCost.cpuMillis(pid) - before) / requests;

      String endpoint =
          admin(http, root, adminAuth, "POST", "/webhooks",
              "{\"url\":\"" + hookUrl + "\",\"tenant\":\"" + tenant + "\",\"eventTypes\":[\"user.*\"]}");
      Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(endpoint);
      id.find();
      arrivals.clear();
      Map<String, Long> acks = new ConcurrentHashMap<>();
      before = LogCost.cpuMillis(pid);
      run(http, base, token, "b" + round, requests, concurrency, acks);
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (arrivals.size() < acks.size() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(2000);
      double with = (double) (LogCost.cpuMillis(pid) - before) / requests;
      admin(http, root, adminAuth, "DELETE", "/webhooks/" + id.group(1), null);

      List<Long> lags = new ArrayList<>();
      for (Map.Entry<String, Long> ack : acks.entrySet()) {
        Long arrived = arrivals.get(ack.getKey());
        if (arrived != null) {
          lags.add(arrived - ack.getValue());
        }
      }
      Collections.sort(lags);
      System.out.printf(
          "round %d: cpu/create without %.3f ms, with %.3f ms, ratio %.2f; delivered %d of %d;"
              + " lag p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
          round, without, with, with / without, lags.size(), acks.size(),
          pct(lags, 50), pct(lags, 95), pct(lags, 100));
      ratios.add(with / without);
      medians.add(pct(lags, 50));
    }
    Collections.sort(ratios);
    Collections.sort(medians);
    System.out.printf(
        "median of rounds: ratio %.2f, lag p50 %.0f ms%n",
        ratios.get(ratios.size() / 2), medians.get(medians.size() / 2));
    receiver.stop(0);
  }

  static String admin(HttpClient http, String root, String auth, String method, String path,
      String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + "/api/admin/v1" + path))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  static void run(HttpClient http, String base, String token, String phase, int requests,
      int concurrency, Map<String, Long> acks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    AtomicInteger next = new AtomicInteger();
    Pattern idPattern = Pattern.compile("\"id\":\"([^\"]+)\"");
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
          String name = phase + "-" + i;
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(base + "/Users"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/scim+json")
                  .POST(HttpRequest.BodyPublishers.ofString(
                      LogCost.USER.replace("Test_User_%d", "Test_User_" + name)))
                  .build();
          HttpResponse<String> response =
              http.send(request, HttpResponse.BodyHandlers.ofString());
          long acked = System.nanoTime();
          if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
          }
          Matcher m = idPattern.matcher(response.body());
          if (m.find()) {
            acks.put(m.group(1), acked);
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
  }

}
