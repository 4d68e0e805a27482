import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures one running Roster: sends requests at a fixed concurrency and prints the server's CPU
 * time per request (from /proc/PID/stat, utime + stime) and latency percentiles.
 *
 * <p>java bench/LogCost.java BASE_URL TOKEN SERVER_PID REQUESTS CONCURRENCY get|post|lookup|patch|disable|page|ref|sync
 *
 * <p>"get" is GET /ServiceProviderConfig; "ref" is RosterBench's reference, GET /bench/reference
 * (a WAR built with -Pbench); "post" is POST /Users with an Entra-style user body
 * (about 1 KB, with a password, a new userName each time): it creates a user and is logged with
 * its redacted body. "email" is Entra's match query on the work email ({@code emails[type eq
 * "work"].value eq "x"}), on users of its own. "sync" is Entra's initial sync: for each user a {@code userName eq} and an
 * {@code externalId eq} lookup that find nothing, then the POST, the three spread over the
 * concurrent clients as they come. "lookup" is Entra's match query ({@code userName eq}) and "patch" Entra's
 * PATCH of a title, each on one of 2,000 users it creates first (with userNames of their own, so
 * that it can run after "post" on the same server). "page" is a page of Okta's import ({@code
 * startIndex=s&count=100}) among the first of the users, "walk" the same through the first
 * LOGCOST_WALKED users (100,000 unless set), from the first page again when it gets there;
 * "disable" Entra's PATCH of {@code active}
 * to "False", then "True" (a deactivation, which the deprovisioning hold counts, and a reactivation). (The figures in docs/benchmark.md were taken before /Users existed, when this
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
    // a failed request ends the run; without this the pools' threads would keep the JVM alive
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) -> {
          failure.printStackTrace();
          System.exit(1);
        });
    String base = args[0];
    String token = args[1];
    long pid = Long.parseLong(args[2]);
    int requests = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);
    String kind = args[5];

    // HTTP/1.1, as RosterBench sends: with the default (an h2c upgrade) the answers came about
    // 40 ms apart per connection at concurrency 8, so the server idled and its background work
    // weighed on each request.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    List<String> ids = List.of();
    if (!List.of("get", "post", "ref", "walk", "sync").contains(kind)) {
      ids = setUp(http, base, token, kind);
    }
    run(http, base, token, Math.min(2000, requests), concurrency, kind, ids); // warm-up
    Thread.sleep(1000);
    String recording = System.getenv("LOGCOST_JFR");
    if (recording != null) {
      jcmd(pid, "JFR.start", "name=logcost", "settings=profile");
    }
    // LOGCOST_THREAD: server threads' names as /proc shows them (their first 15 characters),
    // comma-separated, whose CPU is printed apart (bench/compare-builds.sh: the provisioning log's
    // writer, and H2's background writers, which on a lookup write only the log's pages)
    String threadNames = System.getenv("LOGCOST_THREAD");
    Map<String, Path> threadStats = new LinkedHashMap<>();
    Map<String, Long> threadsBefore = new HashMap<>();
    if (threadNames != null) {
      for (String name : threadNames.split(",")) {
        Path stat = threadStat(pid, name);
        threadStats.put(name, stat);
        threadsBefore.put(name, cpuMillis(stat));
      }
    }
    long cpuBefore = cpuMillis(pid);
    long start = System.nanoTime();
    List<Long> latencies = run(http, base, token, requests, concurrency, kind, ids);
    double seconds = (System.nanoTime() - start) / 1e9;
    Thread.sleep(1000); // the log writer drains within 200 ms; count its work too
    long cpu = cpuMillis(pid) - cpuBefore;
    StringBuilder threads = new StringBuilder();
    for (Map.Entry<String, Path> thread : threadStats.entrySet()) {
      long threadCpu = cpuMillis(thread.getValue()) - threadsBefore.get(thread.getKey());
      threads.append(
          String.format(" %s-cpu/req=%.4fms", thread.getKey(), (double) threadCpu / requests));
    }
    if (recording != null) {
      jcmd(pid, "JFR.dump", "name=logcost", "filename=" + recording);
      jcmd(pid, "JFR.stop", "name=logcost");
    }
    Collections.sort(latencies);
    System.out.printf(
        "%s requests=%d concurrency=%d req/s=%.0f p50=%.2fms p95=%.2fms p99=%.2fms cpu/req=%.3fms%s%n",
        kind,
        requests,
        concurrency,
        requests / seconds,
        pct(latencies, 50),
        pct(latencies, 95),
        pct(latencies, 99),
        (double) cpu / requests,
        threads);
  }

  /** The stat file of the process's thread of that name. */
  static Path threadStat(long pid, String name) throws Exception {
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        if (Files.readString(task.resolve("comm")).strip().equals(name)) {
          return task.resolve("stat");
        }
      }
    }
    throw new IllegalStateException("no thread named " + name + " in process " + pid);
  }

  /**
   * With LOGCOST_JFR=FILE set, the measured run alone (not the set-up or the warm-up) is recorded
   * by Flight Recorder into FILE (bench/profile.sh).
   */
  static void jcmd(long pid, String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
    }
  }

  static final int SET_UP = 2000;

  /** How many of the tenant's users "walk" pages through before it starts again at the first. */
  static final int WALKED = Integer.parseInt(System.getenv().getOrDefault("LOGCOST_WALKED", "100000"));

  /**
   * Tells this program's runs, and the warm-up from the measured run, apart in the userNames they
   * create: with the same names, the measured run's first 2,000 creates were 409s.
   */
  static final AtomicInteger RUNS = new AtomicInteger();

  static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  /** The users "lookup" and "patch" work on: their ids, in the order of their userNames. */
  static List<String> setUp(HttpClient http, String base, String token, String kind)
      throws Exception {
    String[] ids = new String[SET_UP];
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> creates = new ArrayList<>();
    for (int i = 0; i < SET_UP; i++) {
      int n = i;
      creates.add(
          pool.submit(
              () -> {
                HttpResponse<String> created =
                    http.send(
                        HttpRequest.newBuilder(URI.create(base + "/Users"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/scim+json")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    USER.replace("Test_User_%d", kind + "_" + RUN_ID + "_" + n).formatted()))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                String body = created.body();
                int at = body.indexOf("\"id\":\"") + 6;
                ids[n] = body.substring(at, body.indexOf('"', at));
                return null;
              }));
    }
    for (Future<?> create : creates) {
      create.get();
    }
    pool.shutdown();
    return List.of(ids);
  }

  /** Entra's PATCH: one capitalised "Replace" of {@code path}. */
  static void replace(HttpRequest.Builder request, String path, String value) {
    request
        .header("Content-Type", "application/scim+json")
        .method(
            "PATCH",
            HttpRequest.BodyPublishers.ofString(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"Replace\",\"path\":\""
                    + path
                    + "\",\"value\":\""
                    + value
                    + "\"}]}"));
  }

  static List<Long> run(
      HttpClient http,
      String base,
      String token,
      int requests,
      int concurrency,
      String kind,
      List<String> ids)
      throws Exception {
    boolean sync = kind.equals("sync");
    String names = "Test_User_" + RUN_ID + "_" + RUNS.incrementAndGet() + "_";
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    AtomicInteger next = new AtomicInteger();
    List<Future<List<Long>>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                List<Long> mine = new ArrayList<>();
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                  boolean post = kind.equals("post") || sync && i % 3 == 2;
                  String path =
                      switch (post ? "post" : kind) {
                        case "post" -> "/Users";
                        case "sync" ->
                            i % 3 == 0
                                ? "/Users?filter=userName+eq+%22"
                                    + names
                                    + (i + 2)
                                    + "%40contoso.com%22"
                                : "/Users?filter=externalId+eq+%22"
                                    + names
                                    + (i + 1)
                                    + "%22";
                        case "lookup" ->
                            "/Users?filter=userName+eq+%22lookup_"
                                + RUN_ID
                                + "_"
                                + (i % SET_UP)
                                + "%40contoso.com%22";
                        case "email" ->
                            "/Users?filter=emails%5Btype+eq+%22work%22%5D.value+eq+%22email_"
                                + RUN_ID
                                + "_"
                                + (i % SET_UP)
                                + "%40contoso.com%22";
                        case "patch" -> "/Users/" + ids.get(i % SET_UP);
                        case "disable" -> "/Users/" + ids.get(i / 2 % SET_UP);
                        case "page" -> "/Users?startIndex=" + (1 + i * 100 % SET_UP) + "&count=100";
                        case "walk" -> "/Users?startIndex=" + (1 + i * 100 % WALKED) + "&count=100";
                        default -> "/ServiceProviderConfig";
                      };
                  String target =
                      kind.equals("ref")
                          ? base.substring(0, base.indexOf("/scim/v2")) + "/bench/reference"
                          : base + path;
                  HttpRequest.Builder request =
                      HttpRequest.newBuilder(URI.create(target))
                          .header("Authorization", "Bearer " + token);
                  if (post) {
                    request
                        .header("Content-Type", "application/scim+json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                USER.replace("Test_User_", names).formatted(i, i)));
                  } else if (kind.equals("disable")) {
                    replace(request, "active", i % 2 == 0 ? "False" : "True");
                  } else if (kind.equals("patch")) {
                    replace(request, "title", "Title " + i);
                  }
                  long t0 = System.nanoTime();
                  HttpResponse<String> response =
                      http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                  mine.add(System.nanoTime() - t0);
                  if (response.statusCode() >= 300) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
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
    return cpuMillis(Path.of("/proc/" + pid + "/stat"));
  }

  /** utime + stime of a process or thread by its stat file, in milliseconds. */
  static long cpuMillis(Path statFile) throws Exception {
    String stat = Files.readString(statFile);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 10;
  }
}
