package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.roster.fuzz.Checks;
import dev.roster.fuzz.Directory;
import dev.roster.fuzz.Ledger;
import dev.roster.fuzz.RawHttp;
import dev.roster.fuzz.RequestGenerator;
import dev.roster.fuzz.WireRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Roster checked from outside with generated requests (issue 12): filters, PATCH operations, JSON
 * bodies and URLs from {@link RequestGenerator}, seeded and reproducible. For every seed it seeds a
 * small {@link Directory} in two tenants, snapshots every resource (the bytes of a GET), sends the
 * seed's requests over raw sockets and asserts for each: no 5xx, an RFC 7644 §3.12 error body on
 * every error, an answer within the time bound, nothing accepted without a token or on another
 * tenant's resource. At the end, every resource that no accepted write named (see {@link Ledger})
 * must be byte-identical to its snapshot.
 *
 * <p>{@code mvn verify} runs a fixed list of seeds. Longer runs and replays take system properties:
 *
 * <ul>
 *   <li>{@code -Dfuzz.seeds=1-200} (a list or ranges, {@code 1-3,17}) and {@code
 *       -Dfuzz.requests=400} (per seed);
 *   <li>{@code -Dfuzz.replay=SEED:INDEX} sends only that request after seeding; {@code
 *       -Dfuzz.replay=SEED:0-INDEX} sends the seed's requests up to it, as the failing run did;
 *   <li>{@code -Dfuzz.boundMillis=5000}, the time bound of one request;
 *   <li>{@code -Dfuzz.log=true} writes every request and its answer to {@code
 *       target/fuzz/requests.txt}.
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
class GeneratedRequestsIT {

  static final String SEEDS = System.getProperty("fuzz.seeds", "1-5");
  static final int REQUESTS = Integer.getInteger("fuzz.requests", 200);
  static final long BOUND_MILLIS = Long.getLong("fuzz.boundMillis", 5_000);
  static final String REPLAY = System.getProperty("fuzz.replay");
  static final Path REPORT = Path.of("target", "fuzz", "findings.txt");
  static final Path LOG = Path.of("target", "fuzz", "requests.txt");
  static final boolean LOGGING = Boolean.getBoolean("fuzz.log");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  RawHttp http;

  /**
   * One broken promise, with what is needed to replay it.
   *
   * @param labels what the request did on purpose
   */
  record Finding(
      long seed,
      int index,
      String check,
      String what,
      String labels,
      String request,
      String response) {

    String classKey(String kindAndMethod) {
      return check + ": " + what + " | " + kindAndMethod;
    }
  }

  final List<Finding> findings = new ArrayList<>();
  final Map<String, List<Finding>> classes = new TreeMap<>();
  final Map<String, Integer> statusCounts = new TreeMap<>();
  final Map<String, Integer> scimTypes = new TreeMap<>();
  final Set<String> acceptedWrites = new TreeSet<>();
  final StringBuilder log = new StringBuilder();
  final Map<String, Integer> comparedViews = new TreeMap<>();
  int sent;
  int accepted;
  int filterRequests;
  int filtersAccepted;
  int filtersMatching;
  int skippedViews;

  @Test
  void generatedRequestsBreakNoPromiseAndLeaveUnnamedResourcesAlone() {
    http = new RawHttp(server.getHost(), server.getPort(), 30_000);
    long seedsFrom = System.nanoTime();
    if (REPLAY != null) {
      String[] parts = REPLAY.split(":");
      long seed = Long.parseLong(parts[0].trim());
      String[] range = parts[1].split("-");
      int from = Integer.parseInt(range[0].trim());
      int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
      runSeed(seed, from, to);
    } else {
      for (long seed : RequestGenerator.seeds(SEEDS)) {
        runSeed(seed, 0, REQUESTS - 1);
      }
    }
    String summary = summary((System.nanoTime() - seedsFrom) / 1_000_000);
    System.out.println(summary);
    writeReport(summary);
    List<String> vacuous = REPLAY == null && sent >= 200 ? vacuity() : List.of();
    if (!findings.isEmpty() || !vacuous.isEmpty()) {
      fail(
          (vacuous.isEmpty() ? "" : "The run proves too little: " + vacuous + "\n")
              + (findings.isEmpty() ? summary : failureMessage()));
    }
  }

  // One seed

  private void runSeed(long seed, int from, int to) {
    long start = System.nanoTime();
    clear();
    Directory directory = seed();
    Map<String, byte[]> before = snapshot(directory);
    Map<String, byte[]> again = snapshot(directory);
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      // A GET that is not stable by itself would make every comparison below meaningless.
      assertTrue(
          Arrays.equals(e.getValue(), again.get(e.getKey())),
          () -> "two GETs of " + e.getKey() + " differ before any request was sent");
    }
    Map<String, Set<String>> membersBefore = new HashMap<>();
    for (Directory.Tenant t : directory.tenants().values()) {
      for (String group : t.groups()) {
        membersBefore.put(
            group, memberIds(Checks.parseObject(bodyOf(before.get("group " + group)))));
      }
    }
    Ledger ledger = new Ledger(new HashSet<>(directory.allIds()), membersBefore);
    int silent = 0;
    for (int index = from; index <= to; index++) {
      WireRequest request = RequestGenerator.generate(seed, index, directory);
      RawHttp.Response response = http.send(request);
      silent = response.status() < 0 ? silent + 1 : 0;
      // A server that died or hangs would otherwise cost 30 s a request for the rest of the run.
      assertTrue(
          silent < 5,
          () -> "5 requests in a row got no answer, the last: seed " + seed + " up to " + request);
      tally(request, response);
      if (LOGGING) {
        log.append(
            String.format(
                "=== seed %d, index %d %s %s%n%s%n-> %s%n%n",
                seed,
                index,
                request.kind(),
                request.sortedLabels(),
                request.describe(600),
                response.describe(300)));
      }
      ledger.record(request, response.status());
      checkAll(seed, index, request, response);
      if (request.filter() != null && request.tenant() != null && response.status() == 200) {
        checkComplement(seed, index, request, response);
      }
    }
    compareWithSnapshot(seed, from, to, directory, ledger, before);
    System.out.printf(
        "fuzz seed %d, requests %d-%d: %d ms, %d findings so far%n",
        seed, from, to, (System.nanoTime() - start) / 1_000_000, findings.size());
  }

  private void checkAll(long seed, int index, WireRequest request, RawHttp.Response response) {
    for (Checks.Failure f : Checks.check(request, response, BOUND_MILLIS)) {
      add(
          new Finding(
              seed,
              index,
              f.check(),
              f.what(),
              request.sortedLabels().toString(),
              request.describe(1_500),
              response.describe(600)),
          request.kind() + " " + request.method());
    }
  }

  /**
   * A filter and its negation split the resources between them: {@code F} and {@code not (F)}
   * together match every resource once (RFC 7644 §3.4.2.2; {@code not} also matches resources
   * without the attribute, as the README says of {@code ne}). A wrong answer to a filter that
   * parses shows up here, though the generator does not know the right answer.
   */
  private void checkComplement(
      long seed, int index, WireRequest request, RawHttp.Response response) {
    String endpoint = request.target().substring(0, request.target().indexOf('?'));
    List<String[]> auth =
        request.headers().stream().filter(h -> h[0].equals("Authorization")).toList();
    WireRequest negated =
        WireRequest.of(
            "GET",
            endpoint
                + "?count=0&filter="
                + RequestGenerator.encodeStrictly("not (" + request.filter() + ")"),
            auth,
            null,
            request.tenant());
    WireRequest all = WireRequest.of("GET", endpoint + "?count=0", auth, null, request.tenant());
    RawHttp.Response negatedResponse = http.send(negated);
    RawHttp.Response allResponse = http.send(all);
    checkAll(seed, index, negated, negatedResponse);
    checkAll(seed, index, all, allResponse);
    if (negatedResponse.status() != 200 || allResponse.status() != 200) {
      return;
    }
    int matched = totalResults(response);
    int unmatched = totalResults(negatedResponse);
    int total = totalResults(allResponse);
    if (Checks.alwaysPresent(request.filter(), endpoint.endsWith("/Groups")) && matched != total) {
      add(
          new Finding(
              seed,
              index,
              "filter-always-present",
              "'A pr' for an attribute every resource has missed some",
              request.sortedLabels().toString(),
              request.describe(1_500),
              "matched " + matched + " of " + total + " resources"),
          "filter GET");
    }
    if (matched + unmatched != total) {
      add(
          new Finding(
              seed,
              index,
              "filter-complement",
              "F and not (F) do not split the resources",
              request.sortedLabels().toString(),
              request.describe(1_500),
              "F matched "
                  + matched
                  + ", not (F) matched "
                  + unmatched
                  + ", of "
                  + total
                  + " resources"),
          "filter GET");
    }
  }

  private static int totalResults(RawHttp.Response response) {
    JsonObject list = Checks.parseObject(response.body());
    return list == null ? -1 : list.getInt("totalResults", -1);
  }

  private void compareWithSnapshot(
      long seed, int from, int to, Directory directory, Ledger ledger, Map<String, byte[]> before) {
    Map<String, byte[]> after = snapshot(directory);
    Map<String, Set<String>> membersAfter = new HashMap<>();
    for (Directory.Tenant t : directory.tenants().values()) {
      membersAfter.putAll(allGroupMembers(t));
    }
    Set<String> groupsMayDiffer = ledger.groupsMayDiffer(membersAfter);
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      String[] key = e.getKey().split(" ");
      String view = key[0];
      String id = key[1];
      if (ledger.isNamed(id) || view.equals("user") && groupsMayDiffer.contains(id)) {
        skippedViews++;
        continue;
      }
      comparedViews.merge(view, 1, Integer::sum);
      byte[] now = after.get(e.getKey());
      if (!Arrays.equals(e.getValue(), now)) {
        add(
            new Finding(
                seed,
                to,
                "unchanged",
                "a " + view + " no accepted write named changed",
                "[]",
                "the requests " + from + "-" + to + " of seed " + seed + "; " + e.getKey(),
                difference(e.getValue(), now)),
            "after the run");
      }
    }
  }

  // Setup through the same raw client, so that snapshots are the bytes on the wire

  private RawHttp.Response call(String tenant, String method, String target, String json) {
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Authorization", "Bearer " + tenant + "-token-0123456789"});
    byte[] body = null;
    if (json != null) {
      headers.add(new String[] {"Content-Type", "application/scim+json"});
      body = json.getBytes(StandardCharsets.UTF_8);
    }
    return http.send(WireRequest.of(method, RequestGenerator.BASE + target, headers, body, tenant));
  }

  private JsonObject callJson(
      String tenant, String method, String target, String json, int status) {
    RawHttp.Response response = call(tenant, method, target, json);
    assertEquals(
        status,
        response.status(),
        () -> "setup: " + method + " " + target + " -> " + response.describe(2_000));
    return Checks.parseObject(response.body());
  }

  /** Deletes every user and group of both tenants, so that each seed starts alike. */
  private void clear() {
    for (String tenant : Directory.TENANTS) {
      for (String endpoint : List.of("/Groups", "/Users")) {
        for (int round = 0; round < 50; round++) {
          JsonObject page =
              callJson(tenant, "GET", endpoint + "?count=200&attributes=id", null, 200);
          JsonArray resources = page.getJsonArray("Resources");
          if (resources == null || resources.isEmpty()) {
            break;
          }
          for (JsonValue resource : resources) {
            String id = resource.asJsonObject().getString("id");
            RawHttp.Response deleted = call(tenant, "DELETE", endpoint + "/" + id, null);
            assertTrue(
                deleted.status() == 204 || deleted.status() == 404,
                () -> "setup: DELETE " + endpoint + "/" + id + " -> " + deleted.describe(500));
          }
        }
      }
    }
  }

  private Directory seed() {
    Map<String, Directory.Tenant> tenants = new LinkedHashMap<>();
    for (String tenant : Directory.TENANTS) {
      List<String> users = new ArrayList<>();
      for (int k = 0; k < Directory.USER_NAMES.size(); k++) {
        users.add(
            callJson(tenant, "POST", "/Users", Directory.userBody(tenant, k, users), 201)
                .getString("id"));
      }
      List<String> groups = new ArrayList<>();
      for (int k = 0; k < Directory.GROUP_NAMES.size(); k++) {
        groups.add(
            callJson(tenant, "POST", "/Groups", Directory.groupBody(tenant, k, users, groups), 201)
                .getString("id"));
      }
      tenants.put(tenant, new Directory.Tenant(tenant, users, groups));
    }
    return new Directory(tenants);
  }

  /**
   * The bytes of a GET of every seeded resource: users whole ({@code user}) and without {@code
   * groups} ({@code own}), and groups. A resource that is gone is kept as its 404.
   */
  private Map<String, byte[]> snapshot(Directory directory) {
    Map<String, byte[]> views = new LinkedHashMap<>();
    for (Directory.Tenant t : directory.tenants().values()) {
      for (String id : t.users()) {
        views.put("user " + id, snapshotOf(t.name(), "/Users/" + id));
        views.put("own " + id, snapshotOf(t.name(), "/Users/" + id + "?excludedAttributes=groups"));
      }
      for (String id : t.groups()) {
        views.put("group " + id, snapshotOf(t.name(), "/Groups/" + id));
      }
    }
    return views;
  }

  private byte[] snapshotOf(String tenant, String target) {
    RawHttp.Response response = call(tenant, "GET", target, null);
    String head = response.status() + "\n";
    byte[] status = head.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(status, status.length + response.body().length);
    System.arraycopy(response.body(), 0, all, status.length, response.body().length);
    return all;
  }

  /** Every group of the tenant (the seeded and any a request created) and its member ids. */
  private Map<String, Set<String>> allGroupMembers(Directory.Tenant t) {
    Map<String, Set<String>> members = new HashMap<>();
    for (int start = 1; start < 100_000; start += 200) {
      JsonObject page =
          callJson(t.name(), "GET", "/Groups?count=200&startIndex=" + start, null, 200);
      JsonArray resources = page.getJsonArray("Resources");
      for (JsonValue resource : resources) {
        JsonObject group = resource.asJsonObject();
        members.put(group.getString("id"), memberIds(group));
      }
      if (resources.size() < 200) {
        break;
      }
    }
    return members;
  }

  private static Set<String> memberIds(JsonObject group) {
    Set<String> ids = new HashSet<>();
    JsonArray members = group == null ? null : group.getJsonArray("members");
    if (members != null) {
      for (JsonValue member : members) {
        ids.add(member.asJsonObject().getString("value", ""));
      }
    }
    return ids;
  }

  /** A snapshot without its status line. */
  private static byte[] bodyOf(byte[] snapshot) {
    int newline = 0;
    while (newline < snapshot.length && snapshot[newline] != '\n') {
      newline++;
    }
    return Arrays.copyOfRange(snapshot, Math.min(newline + 1, snapshot.length), snapshot.length);
  }

  /** The snapshot and the bytes now, from the first difference on. */
  private static String difference(byte[] before, byte[] now) {
    String a = new String(before, StandardCharsets.UTF_8);
    String b = now == null ? "(nothing)" : new String(now, StandardCharsets.UTF_8);
    int at = 0;
    while (at < a.length() && at < b.length() && a.charAt(at) == b.charAt(at)) {
      at++;
    }
    int from = Math.max(0, at - 80);
    return "at character "
        + at
        + "\n  before: ..."
        + a.substring(from, Math.min(a.length(), at + 200))
        + "\n  now:    ..."
        + b.substring(Math.min(from, b.length()), Math.min(b.length(), at + 200));
  }

  // Bookkeeping

  private void add(Finding finding, String kindAndMethod) {
    findings.add(finding);
    classes.computeIfAbsent(finding.classKey(kindAndMethod), k -> new ArrayList<>()).add(finding);
  }

  private void tally(WireRequest request, RawHttp.Response response) {
    sent++;
    int status = response.status();
    statusCounts.merge(String.valueOf(status), 1, Integer::sum);
    String scimType = Checks.scimType(response);
    if (scimType != null) {
      scimTypes.merge(scimType, 1, Integer::sum);
    }
    boolean ok = status >= 200 && status < 300;
    if (ok) {
      accepted++;
      if (!request.isRead()) {
        acceptedWrites.add(request.method());
      }
    }
    if (request.kind().equals("filter") && request.method().equals("GET")) {
      filterRequests++;
      if (status == 200) {
        filtersAccepted++;
        JsonObject list = Checks.parseObject(response.body());
        if (list != null && list.getInt("totalResults", 0) > 0) {
          filtersMatching++;
        }
      }
    }
  }

  private String summary(long millis) {
    return String.format(
        "fuzz: %d requests in %d ms, %d accepted (2xx); statuses %s; scimTypes %s; accepted"
            + " writes %s; filters %d, accepted %d, matching %d; snapshots compared %s, skipped"
            + " as named %d; %d findings in %d classes",
        sent,
        millis,
        accepted,
        statusCounts,
        scimTypes,
        acceptedWrites,
        filterRequests,
        filtersAccepted,
        filtersMatching,
        comparedViews,
        skippedViews,
        findings.size(),
        classes.size());
  }

  /** Each class once, with its two smallest examples: the smallest is the best reproduction. */
  private String failureMessage() {
    StringBuilder s = new StringBuilder();
    s.append(findings.size())
        .append(" broken promises in ")
        .append(classes.size())
        .append(" classes. Replay one request with -Dfuzz.replay=SEED:INDEX, or the seed's run")
        .append(" up to it with -Dfuzz.replay=SEED:0-INDEX (all: ")
        .append(REPORT)
        .append(").\n");
    for (Map.Entry<String, List<Finding>> c : classes.entrySet()) {
      List<Finding> smallest =
          c.getValue().stream()
              .sorted(Comparator.comparingInt((Finding f) -> f.request().length()))
              .limit(2)
              .toList();
      s.append("\n=== ").append(c.getKey()).append(" (").append(c.getValue().size());
      s.append(c.getValue().size() == 1 ? " time)" : " times)").append('\n');
      for (Finding f : smallest) {
        s.append(
            String.format(
                "--- seed %d, index %d (-Dfuzz.replay=%d:%d) %s%n%s%n-> %s%n",
                f.seed(),
                f.index(),
                f.seed(),
                f.index(),
                f.labels(),
                clip(f.request(), 1_200),
                clip(f.response(), 600)));
      }
    }
    return s.toString();
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }

  private void writeReport(String summary) {
    StringBuilder s = new StringBuilder(summary).append("\n\n");
    for (Finding f : findings) {
      s.append(
          String.format(
              "=== seed %d, index %d: %s: %s %s%n%s%n-> %s%n%n",
              f.seed(), f.index(), f.check(), f.what(), f.labels(), f.request(), f.response()));
    }
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, s);
      if (LOGGING) {
        Files.writeString(LOG, log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What shows that the run did not exercise the server: too few accepted, a kind of write never
   * accepted, error kinds or statuses never seen, filters that never parse or never match. Without
   * this the test could pass by sending nothing but garbage.
   */
  private List<String> vacuity() {
    List<String> problems = new ArrayList<>();
    if (accepted * 100 < sent * 30) {
      problems.add("under 30% of the requests accepted");
    }
    for (String method : List.of("DELETE", "PATCH", "POST", "PUT")) {
      if (!acceptedWrites.contains(method)) {
        problems.add("no " + method + " accepted");
      }
    }
    for (String type :
        List.of("invalidFilter", "invalidSyntax", "invalidValue", "invalidPath", "uniqueness")) {
      if (!scimTypes.containsKey(type)) {
        problems.add("no " + type + " error");
      }
    }
    for (String status : List.of("200", "201", "204", "400", "401", "404", "409")) {
      if (!statusCounts.containsKey(status)) {
        problems.add("no " + status);
      }
    }
    if (filtersAccepted * 100 < filterRequests * 40) {
      problems.add("under 40% of the generated filters accepted");
    }
    if (filtersMatching == 0) {
      problems.add("no generated filter matched anything");
    }
    int compared = comparedViews.values().stream().mapToInt(Integer::intValue).sum();
    if (compared * 100 < (compared + skippedViews) * 15) {
      problems.add("under 15% of the snapshots compared (the rest named by writes)");
    }
    for (String view : List.of("user", "own", "group")) {
      if (!comparedViews.containsKey(view)) {
        problems.add("no " + view + " snapshot compared");
      }
    }
    return problems;
  }
}
