import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures one running Roster: sends requests at a fixed concurrency and prints the server's CPU
 * time per request (from /proc/PID/stat, utime + stime) and latency percentiles.
 *
 * <p>java bench/LogCost.java BASE_URL TOKEN SERVER_PID REQUESTS CONCURRENCY get|post
 *
 * <p>"get" is GET /ServiceProviderConfig; "post" is POST /Users with an Entra-style user body
 * (about 1 KB, with a password, a new userName each time): it creates a user and is logged with
 * its redacted body. (The figures in docs/benchmark.md were taken before /Users existed, when this
 * request was answered 404.) Run it against a server with
 * ROSTER_LOG_ENABLED=true and one with false; the difference is what the log costs.
 */
public class LogCost {

  static final String USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_%d@contoso.com",
      "active":true,"displayName":"Test User","password":"t1meMa$heen","title":"Engineer",
      "emails":[{"primary":true,"type":"work","value":"Test_User_%d@contoso.com"}],
      "preferredLanguage":"en-US","name":{"formatted":"Test User","familyName":"User",
      "givenName":"Test"},"addresses":[{"type":"work","formatted":"1 Main St","streetAddress":
      "1 Main St","locality":"Redmond","region":"WA","postalCode":"98052","country":"US"}],
      "phoneNumbers":[{"type":"work","value":"+1 425 555 0100"},{"type":"mobile","value":
      "+1 425 555 0101"}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
      {"employeeNumber":"1234","department":"Sales","manager":{"value":"m-1"}},
      "meta":{"resourceType":"User"}}
      """;

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    long pid = Long.parseLong(args[2]);
    int requests = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);
    boolean post = args[5].equals("post");

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    run(http, base, token, Math.min(2000, requests), concurrency, post); // warm-up
    Thread.sleep(1000);
    long cpuBefore = cpuMillis(pid);
    long start = System.nanoTime();
    List<Long> latencies = run(http, base, token, requests, concurrency, post);
    double seconds = (System.nanoTime() - start) / 1e9;
    Thread.sleep(1000); // the log writer drains within 200 ms; count its work too
    long cpu = cpuMillis(pid) - cpuBefore;
    Collections.sort(latencies);
    System.out.printf(
        "%s requests=%d concurrency=%d req/s=%.0f p50=%.2fms p95=%.2fms p99=%.2fms cpu/req=%.3fms%n",
        post ? "post" : "get",
        requests,
        concurrency,
        requests / seconds,
        pct(latencies, 50),
        pct(latencies, 95),
        pct(latencies, 99),
        (double) cpu / requests);
  }

  static List<Long> run(
      HttpClient http, String base, String token, int requests, int concurrency, boolean post)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    AtomicInteger next = new AtomicInteger();
    List<Future<List<Long>>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                List<Long> mine = new ArrayList<>();
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                  HttpRequest.Builder request =
                      HttpRequest.newBuilder(
                              URI.create(base + (post ? "/Users" : "/ServiceProviderConfig")))
                          .header("Authorization", "Bearer " + token);
                  if (post) {
                    request
                        .header("Content-Type", "application/scim+json")
                        .POST(HttpRequest.BodyPublishers.ofString(USER.formatted(i, i)));
                  }
                  long t0 = System.nanoTime();
                  HttpResponse<String> response =
                      http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                  mine.add(System.nanoTime() - t0);
                  if (response.statusCode() >= 500) {
                    throw new IllegalStateException(response.body());
                  }
                }
                return mine;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> worker : workers) {
      all.addAll(worker.get());
    }
    pool.shutdown();
    return all;
  }

  static double pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
  }

  /** utime + stime of the process, in milliseconds (clock ticks of 10 ms on Linux). */
  static long cpuMillis(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 10;
  }
}
