package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives kill -9. The packaged WAR runs as the README's java command runs
 * it, on an H2 file database with the default settings (and on a database server), under concurrent
 * writers: user creates, user PATCHes and group member adds. The JVM is killed with SIGKILL in the
 * middle of the load several times and started again on the same data. At the end, every write that
 * was answered 2xx must be there: created users exist, PATCHed users are at least at the
 * acknowledged {@code meta.version} (with the acknowledged value when exactly at it), and added
 * members are members.
 */
class CrashRecoveryIT {

  static final String TOKEN = "crash-token-0123456789";
  static final int KILLS = 3;
  static final int WRITERS_PER_KIND = 3;
  static final String ADMIN_PASSWORD = "crash-admin-password-0123";

  /** The webhook endpoint the server sends the crash tenant's feed to, across all its runs. */
  private WebhookReceiver receiver;

  @TempDir Path data;

  /** What the server acknowledged, across all runs. */
  private final Map<String, String> createdUsers = new ConcurrentHashMap<>(); // id -> userName

  private final Map<String, Acknowledged> patchedUsers = new ConcurrentHashMap<>(); // id -> max ack

  private final Set<String> addedMembers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger patchesAcknowledged = new AtomicInteger();

  /** The correlation ids of the acknowledged writes, to find their log records. */
  private final ConcurrentLinkedQueue<String> correlationIds = new ConcurrentLinkedQueue<>();

  private record Acknowledged(int version, String title) {}

  private String fileDatabase() {
    return "jdbc:h2:file:"
        + data.resolve("roster").toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0";
  }

  /**
   * The README's default: the embedded H2 file, in the killed JVM. H2's own file format can be
   * corrupted by a kill -9 during heavy writes (a defect of H2's MVStore, see the README's known
   * limitations): when H2 then refuses to open the file, this run cannot check anything, and says
   * so as an aborted (skipped) test rather than a pass.
   */
  @Test
  void everyAcknowledgedWriteSurvivesKillMinus9OnTheEmbeddedH2File() throws Exception {
    Map<String, String> environment =
        Map.of("ROSTER_DB_URL", fileDatabase(), "ROSTER_BOOTSTRAP_TOKENS", "crash=" + TOKEN);
    try {
      killUnderLoadAndCheck(
          environment,
          () ->
              DriverManager.getConnection(
                  "jdbc:h2:file:" + data.resolve("roster"), "roster", "roster"));
    } catch (PayaraMicroProcess.DatabaseCorrupted | CorruptedFile e) {
      Assumptions.abort("H2 corrupted its file after a kill -9 (README, known limitations): " + e);
    }
  }

  /**
   * The same with the database in a process of its own (an H2 server here; PostgreSQL in
   * production), so that only Roster's JVM is killed: a 2xx must mean committed, whatever Roster
   * was doing when it died. This run has no H2 file in the killed process, so it always checks.
   */
  @Test
  void everyAcknowledgedWriteSurvivesKillMinus9WithADatabaseServer() throws Exception {
    int port = PayaraMicroProcess.freePort();
    Server database =
        Server.createTcpServer(
                "-tcpPort", Integer.toString(port), "-baseDir", data.toString(), "-ifNotExists")
            .start();
    String url = "jdbc:h2:tcp://localhost:" + port + "/crash";
    try {
      killUnderLoadAndCheck(
          Map.of(
              "ROSTER_DB_URL",
              url,
              "ROSTER_DB_USER",
              "crash",
              "ROSTER_DB_PASSWORD",
              "crash-password",
              "ROSTER_BOOTSTRAP_TOKENS",
              "crash=" + TOKEN),
          () -> DriverManager.getConnection(url, "crash", "crash-password"));
    } finally {
      database.stop();
    }
  }

  /** Opens the database directly, to read what the server wrote. */
  private interface Database {
    Connection open() throws SQLException;
  }

  /** H2 refused to open its file. */
  private static final class CorruptedFile extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptedFile(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private void killUnderLoadAndCheck(Map<String, String> settings, Database database)
      throws Exception {
    Map<String, String> environment = new java.util.HashMap<>(settings);
    environment.put("ROSTER_ADMIN_USER", "admin");
    environment.put("ROSTER_ADMIN_PASSWORD", ADMIN_PASSWORD);
    environment.put("ROSTER_WEBHOOKS_FIRST_RETRY", "PT1S");
    Random random = new Random(12);
    String groupId;
    try (PayaraMicroProcess server = PayaraMicroProcess.start(environment)) {
      ScimClient scim = new ScimClient(server.url());
      registerWebhook(server);
      ScimClient.Reply group =
          scim.post("/Groups", TOKEN, "{\"displayName\": \"Crash test\", \"members\": []}");
      assertEquals(201, group.status(), group::toString);
      groupId = group.json().getString("id");
      loadAndKill(server, scim, groupId, random, 1);
    }
    for (int kill = 2; kill <= KILLS; kill++) {
      try (PayaraMicroProcess server = PayaraMicroProcess.start(environment)) {
        loadAndKill(server, new ScimClient(server.url()), groupId, random, kill);
      }
    }

    List<String> lost = new ArrayList<>();
    try (PayaraMicroProcess server = PayaraMicroProcess.start(environment)) {
      ScimClient scim = new ScimClient(server.url());
      for (Map.Entry<String, String> user : createdUsers.entrySet()) {
        ScimClient.Reply reply = scim.get("/Users/" + user.getKey(), TOKEN);
        if (reply.status() != 200) {
          lost.add("create of " + user.getValue() + ": " + reply.status());
        }
      }
      for (Map.Entry<String, Acknowledged> patch : patchedUsers.entrySet()) {
        JsonObject user = scim.get("/Users/" + patch.getKey(), TOKEN).json();
        int version = version(user.getJsonObject("meta").getString("version"));
        Acknowledged ack = patch.getValue();
        if (version < ack.version()
            || (version == ack.version() && !ack.title().equals(user.getString("title", "")))) {
          lost.add(
              "PATCH of "
                  + patch.getKey()
                  + " to version "
                  + ack.version()
                  + " ("
                  + ack.title()
                  + "): now version "
                  + version
                  + " ("
                  + user.getString("title", "")
                  + ")");
        }
      }
      Set<String> members = new HashSet<>();
      for (JsonValue member :
          scim.get("/Groups/" + groupId, TOKEN).json().getJsonArray("members")) {
        members.add(member.asJsonObject().getString("value"));
      }
      for (String member : addedMembers) {
        if (!members.contains(member)) {
          lost.add("member add of " + member);
        }
      }
      if (!lost.isEmpty() && server.reportedCorruption()) {
        throw new PayaraMicroProcess.DatabaseCorrupted(server.output());
      }
      assertWebhookReceivedTheWholeFeed(server);
      server.stop();
    }
    int writes = createdUsers.size() + addedMembers.size() + patchesAcknowledged.get();
    assertTrue(
        createdUsers.size() > 50 && addedMembers.size() > 20 && patchesAcknowledged.get() > 50,
        "the load must have written something: "
            + createdUsers.size()
            + " creates, "
            + patchesAcknowledged.get()
            + " patches, "
            + addedMembers.size()
            + " member adds");
    assertEquals(List.of(), lost, lost.size() + " of " + writes + " acknowledged writes lost");
    reportLogLoss(database);
    assertFeedMatchesTheData(database);
  }

  private void registerWebhook(PayaraMicroProcess server) throws Exception {
    receiver = new WebhookReceiver();
    ScimClient.Reply created =
        new AdminApiClient(server.url())
            .call(
                ScimClient.basic("admin", ADMIN_PASSWORD),
                "POST",
                "/webhooks",
                "{\"url\":\"" + receiver.url() + "\",\"tenant\":\"crash\"}");
    assertEquals(201, created.status(), created::toString);
  }

  /**
   * Webhooks across the kills: the receiver got every event of the feed at least once, and each for
   * the first time in the feed's order (a kill may make the event in flight come again).
   */
  private void assertWebhookReceivedTheWholeFeed(PayaraMicroProcess server) throws Exception {
    try {
      long latest =
          new AdminApiClient(server.url())
              .call(
                  ScimClient.basic("admin", ADMIN_PASSWORD),
                  "GET",
                  "/tenants/crash/events?after=latest",
                  null)
              .json()
              .getJsonNumber("next")
              .longValue();
      long deadline = System.currentTimeMillis() + 180_000;
      java.util.LinkedHashSet<Long> firstArrivals = new java.util.LinkedHashSet<>();
      while (System.currentTimeMillis() < deadline) {
        firstArrivals.clear();
        for (WebhookReceiver.Received r : receiver.received()) {
          firstArrivals.add(
              jakarta.json.Json.createReader(new java.io.StringReader(r.body()))
                  .readObject()
                  .getJsonNumber("seq")
                  .longValue());
        }
        if (firstArrivals.size() >= latest) {
          break;
        }
        PayaraMicroProcess.sleep(500);
      }
      List<Long> expected = new ArrayList<>();
      for (long seq = 1; seq <= latest; seq++) {
        expected.add(seq);
      }
      assertEquals(expected, new ArrayList<>(firstArrivals), "first arrivals, in order");
      System.out.printf(
          "CrashRecoveryIT: the webhook received %d events, %d of them again after a kill%n",
          latest, receiver.received().size() - latest);
    } finally {
      receiver.close();
    }
  }

  /**
   * The change feed after the kills: every tenant's numbers run 1..N without a gap, every user has
   * its {@code user.created} event and every such event its user, every committed PATCH its {@code
   * user.updated} (a user's version and its number of update events differ by the same constant for
   * all users), and the group's members are exactly those its events added. So no event exists
   * without its change and no committed change lacks its event.
   */
  private void assertFeedMatchesTheData(Database database) throws Exception {
    try (Connection db = open(database)) {
      Map<String, Long> counters = new HashMap<>();
      try (ResultSet rows =
          db.createStatement()
              .executeQuery("SELECT TENANT_ID, LAST_SEQ FROM TENANT_EVENT_COUNTER")) {
        while (rows.next()) {
          counters.put(rows.getString(1), rows.getLong(2));
        }
      }
      for (Map.Entry<String, Long> counter : counters.entrySet()) {
        try (PreparedStatement query =
            db.prepareStatement("SELECT SEQ FROM CHANGE_EVENT WHERE TENANT_ID = ? ORDER BY SEQ")) {
          query.setString(1, counter.getKey());
          try (ResultSet rows = query.executeQuery()) {
            long expected = 0;
            while (rows.next()) {
              assertEquals(++expected, rows.getLong(1), "numbers of " + counter.getKey());
            }
            assertEquals(counter.getValue(), expected, "counter of " + counter.getKey());
          }
        }
      }
      Map<String, Long> versions = new HashMap<>();
      try (ResultSet rows =
          db.createStatement().executeQuery("SELECT SCIM_ID, VERSION FROM SCIM_USERS")) {
        while (rows.next()) {
          versions.put(rows.getString(1), rows.getLong(2));
        }
      }
      Set<String> created = new HashSet<>();
      Map<String, Long> updates = new HashMap<>();
      Set<String> added = new HashSet<>();
      try (ResultSet rows =
          db.createStatement()
              .executeQuery("SELECT TYPE, RESOURCE_ID, PAYLOAD FROM CHANGE_EVENT")) {
        while (rows.next()) {
          switch (rows.getString(1)) {
            case "user.created" -> created.add(rows.getString(2));
            case "user.updated" -> updates.merge(rows.getString(2), 1L, Long::sum);
            case "group.members_added" ->
                jakarta.json.Json.createReader(new java.io.StringReader(rows.getString(3)))
                    .readObject()
                    .getJsonArray("memberIds")
                    .getValuesAs(jakarta.json.JsonString::getString)
                    .forEach(added::add);
            default -> {}
          }
        }
      }
      assertEquals(versions.keySet(), created, "users and their user.created events");
      Set<Long> offsets = new HashSet<>();
      versions.forEach((id, version) -> offsets.add(version - updates.getOrDefault(id, 0L)));
      assertEquals(1, offsets.size(), "version minus update events, per user: " + offsets);
      Set<String> members = new HashSet<>();
      try (ResultSet rows =
          db.createStatement().executeQuery("SELECT MEMBER_ID FROM SCIM_MEMBERSHIPS")) {
        while (rows.next()) {
          members.add(rows.getString(1));
        }
      }
      assertEquals(members, added, "members and their group.members_added events");
      System.out.printf(
          "CrashRecoveryIT: the feed holds %d events, each with its change%n",
          counters.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  /**
   * Runs the writers against the server for a few seconds and kills it with SIGKILL while they are
   * still writing.
   */
  private void loadAndKill(
      PayaraMicroProcess server, ScimClient scim, String groupId, Random random, int round)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS_PER_KIND; w++) {
      int writer = w;
      writers.add(new Thread(() -> creates(scim, round, writer, stop)));
      writers.add(new Thread(() -> patches(scim, round, writer, stop)));
      writers.add(new Thread(() -> memberAdds(scim, groupId, writer, stop)));
    }
    writers.forEach(Thread::start);
    Thread.sleep(4000 + random.nextInt(3000));
    server.kill();
    stop.set(true);
    for (Thread writer : writers) {
      writer.join();
    }
  }

  private void creates(ScimClient scim, int round, int writer, AtomicBoolean stop) {
    for (int i = 0; !stop.get(); i++) {
      String userName = "crash-" + round + "-" + writer + "-" + i + "@example.com";
      String correlationId = "create-" + userName;
      ScimClient.Reply reply =
          send(
              scim,
              scim.withJson(
                      "POST",
                      "/Users",
                      TOKEN,
                      "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                          + " \"userName\": \""
                          + userName
                          + "\", \"active\": true}")
                  .header("client-request-id", correlationId));
      if (reply != null && reply.status() == 201) {
        createdUsers.put(reply.json().getString("id"), userName);
        correlationIds.add(correlationId);
      }
    }
  }

  private void patches(ScimClient scim, int round, int writer, AtomicBoolean stop) {
    Random random = new Random(round * 100L + writer);
    for (int i = 0; !stop.get(); i++) {
      List<String> users = new ArrayList<>(createdUsers.keySet());
      if (users.isEmpty()) {
        PayaraMicroProcess.sleep(20);
        continue;
      }
      String id = users.get(random.nextInt(users.size()));
      String title = "title " + round + "-" + writer + "-" + i;
      String correlationId = "patch-" + round + "-" + writer + "-" + i;
      ScimClient.Reply reply =
          send(
              scim,
              scim.withJson(
                      "PATCH",
                      "/Users/" + id,
                      TOKEN,
                      "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                          + " \"Operations\": [{\"op\": \"Replace\", \"path\": \"title\","
                          + " \"value\": \""
                          + title
                          + "\"}]}")
                  .header("client-request-id", correlationId));
      if (reply != null && reply.status() == 200) {
        int version = version(reply.json().getJsonObject("meta").getString("version"));
        String acknowledgedTitle = reply.json().getString("title");
        patchedUsers.merge(
            id,
            new Acknowledged(version, acknowledgedTitle),
            (old, next) -> next.version() >= old.version() ? next : old);
        patchesAcknowledged.incrementAndGet();
        correlationIds.add(correlationId);
      }
    }
  }

  private void memberAdds(ScimClient scim, String groupId, int writer, AtomicBoolean stop) {
    Random random = new Random(writer);
    while (!stop.get()) {
      List<String> users = new ArrayList<>(createdUsers.keySet());
      if (users.isEmpty()) {
        PayaraMicroProcess.sleep(20);
        continue;
      }
      String member = users.get(random.nextInt(users.size()));
      String correlationId = "member-" + member + "-" + random.nextInt();
      ScimClient.Reply reply =
          send(
              scim,
              scim.withJson(
                      "PATCH",
                      "/Groups/" + groupId,
                      TOKEN,
                      "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                          + " \"Operations\": [{\"op\": \"Add\", \"path\": \"members\","
                          + " \"value\": [{\"value\": \""
                          + member
                          + "\"}]}]}")
                  .header("client-request-id", correlationId));
      if (reply != null && reply.status() == 204) {
        addedMembers.add(member);
        correlationIds.add(correlationId);
      }
    }
  }

  /** The reply, or null when the server went away before answering (not acknowledged). */
  private ScimClient.Reply send(ScimClient scim, java.net.http.HttpRequest.Builder request) {
    try {
      return scim.send(request);
    } catch (UncheckedIOException | IllegalStateException e) {
      return null;
    }
  }

  private static Connection open(Database database) throws SQLException, CorruptedFile {
    try {
      return database.open();
    } catch (SQLException e) {
      if (e.getErrorCode() == 90030 // H2: file corrupted while reading record
          || String.valueOf(e.getMessage()).contains("Double mark")) {
        throw new CorruptedFile(e);
      }
      throw e;
    }
  }

  private static int version(String etag) {
    return Integer.parseInt(etag.replaceAll("[^0-9]", ""));
  }

  /**
   * How many acknowledged writes have no provisioning-log record: the log queues its records, so a
   * kill -9 may lose the last moments of it (README, "Provisioning log"). Printed, for the README's
   * figure; the log's promise is "almost all", checked loosely.
   */
  private void reportLogLoss(Database database) throws Exception {
    Set<String> logged = new HashSet<>();
    try (Connection db = open(database);
        PreparedStatement query =
            db.prepareStatement(
                "SELECT CORRELATION_ID FROM PROVISIONING_LOG WHERE CORRELATION_ID IS NOT NULL");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        logged.add(rows.getString(1));
      }
    }
    long missing = correlationIds.stream().filter(id -> !logged.contains(id)).count();
    System.out.printf(
        "CrashRecoveryIT: %d acknowledged writes over %d kills, %d without a log record%n",
        correlationIds.size(), KILLS, missing);
    assertTrue(
        missing <= correlationIds.size() / 20,
        missing + " of " + correlationIds.size() + " acknowledged writes have no log record");
  }
}
