package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static dev.roster.it.ScimFixtures.addMembers;
import static dev.roster.it.ScimFixtures.groupJson;
import static dev.roster.it.ScimFixtures.prefix;
import static dev.roster.it.ScimJson.memberIds;
import static dev.roster.it.ScimJson.patchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.provisioning.boundary.LogPage;
import dev.roster.provisioning.boundary.LogQuery;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.provisioning.boundary.ProvisioningLogRetention;
import dev.roster.provisioning.boundary.ProvisioningLogWriter;
import dev.roster.provisioning.control.LogEntries;
import dev.roster.provisioning.control.LogEntry;
import dev.roster.tenants.boundary.IssuedToken;
import dev.roster.tenants.boundary.Tenants;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provisioning log, from the requests a client sends to the records an admin reads. Runs inside
 * the server, in the real WAR; requests go over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class ProvisioningLogIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.rosterWith(ProvisioningLogIT.class, LogEntries.class);
  }

  @ArquillianResource URL server;

  @Inject ProvisioningLogWriter writer;

  @Inject ProvisioningLog log;

  @Inject ProvisioningLogRetention retention;

  @Inject Tenants tenants;

  ScimClient scim;

  @BeforeEach
  void connect() {
    scim = new ScimClient(server);
  }

  /** The one record of the request with that correlation id, once the queue is written. */
  private LogRecord recordOf(String correlationId) {
    writer.drain();
    List<LogRecord> records =
        log.search(LogQuery.builder().correlationId(correlationId).build()).records();
    assertEquals(1, records.size(), "records of " + correlationId);
    return records.get(0);
  }

  @Test
  void recordsTheFactsOfASuccessfulRequest() {
    String id = UUID.randomUUID().toString();
    Instant before = Instant.now();
    scim.send(
        scim.request("/ServiceProviderConfig?probe=a+b%22c", ACME_TOKEN)
            .header("client-request-id", id)
            .header("User-Agent", "Okta SCIM Client 1.0.0")
            .GET());
    LogRecord record = recordOf(id);
    assertEquals("acme", record.getTenantId());
    assertTrue(record.getTokenPrefix().startsWith("ext_"), record.getTokenPrefix());
    assertEquals("Okta SCIM Client 1.0.0", record.getClient());
    assertEquals("GET", record.getMethod());
    assertEquals("/scim/v2/ServiceProviderConfig", record.getPath());
    assertEquals("probe=a b\"c", record.getQuery());
    assertEquals("ServiceProviderConfig", record.getResourceType());
    assertEquals(200, record.getStatus());
    assertNull(record.getScimType());
    assertNull(record.getDetail());
    assertTrue(record.getDurationMillis() >= 0);
    assertFalse(record.getTime().isBefore(before.minusSeconds(1)), record.getTime().toString());
  }

  @Test
  void everyRequestIsFoundOnceTheQueueIsDrained() {
    // The background writer gathers entries for 0.1 s; a drain must wait for a batch it writes.
    for (int i = 0; i < 100; i++) {
      String id = UUID.randomUUID().toString();
      scim.send(scim.request("/Schemas", ACME_TOKEN).header("client-request-id", id).GET());
      assertEquals(200, recordOf(id).getStatus());
    }
  }

  @Test
  void recordsRefusedRequestsWithoutTenant() {
    String id = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Schemas")
            .header("Authorization", "Bearer wrong-token-wrong-token")
            .header("client-request-id", id)
            .GET());
    LogRecord record = recordOf(id);
    assertEquals(401, record.getStatus());
    assertNull(record.getTenantId());
    assertNull(record.getTokenPrefix(), "a token nobody issued has no prefix to log");
    assertTrue(record.getDetail().contains("not valid"), record.getDetail());

    String missing = UUID.randomUUID().toString();
    scim.send(scim.request("/Schemas").header("client-request-id", missing).GET());
    LogRecord anonymous = recordOf(missing);
    assertEquals(401, anonymous.getStatus());
    assertNull(anonymous.getTokenPrefix());
  }

  /**
   * The log names a token by its prefix only when the presented token is a stored one: a made-up
   * token that copies a real token's prefix must not be logged under it, while a revoked token is.
   */
  @Test
  void logsATokenPrefixOnlyForAStoredToken() {
    IssuedToken issued = tenants.issueToken("acme", "prefix test", null);
    String prefix = issued.token().getPrefix();
    String plaintext = issued.plaintext();
    char last = plaintext.charAt(plaintext.length() - 1);
    String forged = plaintext.substring(0, plaintext.length() - 1) + (last == 'A' ? 'B' : 'A');
    String forgedId = UUID.randomUUID().toString();
    scim.send(scim.request("/Schemas", forged).header("client-request-id", forgedId).GET());
    LogRecord forgedRecord = recordOf(forgedId);
    assertEquals(401, forgedRecord.getStatus());
    assertNull(forgedRecord.getTokenPrefix(), "not logged under the prefix it copied");
    assertEquals("acme", forgedRecord.getTenantId(), "but under the tenant whose prefix it bears");
    assertTrue(forgedRecord.getDetail().contains("cut short"), forgedRecord.getDetail());

    String validId = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Schemas", issued.plaintext()).header("client-request-id", validId).GET());
    assertEquals(prefix, recordOf(validId).getTokenPrefix());

    tenants.revokeToken("acme", issued.token().getId());
    String revokedId = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Schemas", issued.plaintext()).header("client-request-id", revokedId).GET());
    LogRecord revoked = recordOf(revokedId);
    assertEquals(401, revoked.getStatus());
    assertEquals(prefix, revoked.getTokenPrefix(), "a refused stored token is named");
    assertEquals("acme", revoked.getTenantId(), "and belongs to its tenant");
  }

  /**
   * Beside the records the writer keeps, in their transaction, each tenant's milestones, hourly
   * counts and the members group writes named (docs/console.md): on H2 and on PostgreSQL.
   */
  @Test
  void keepsWhomWhatCountsMilestonesAndMembersBesideTheRecords() {
    String userName = "kept-" + UUID.randomUUID() + "@example.com";
    ScimClient.Reply created =
        scim.post(
            "/Users",
            GLOBEX_TOKEN,
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName
                + "\"}");
    String userId = created.json().getString("id");
    String groupName = "Kept " + UUID.randomUUID();
    String groupCorrelation = UUID.randomUUID().toString();
    scim.send(
        scim.withJson("POST", "/Groups", GLOBEX_TOKEN, groupJson(groupName, userId))
            .header("client-request-id", groupCorrelation));
    String deleteCorrelation = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Users/" + userId, GLOBEX_TOKEN)
            .header("client-request-id", deleteCorrelation)
            .DELETE());

    LogRecord group = recordOf(groupCorrelation);
    assertEquals(groupName, group.getSubject());
    assertEquals("create", group.getAction());
    LogRecord deleted = recordOf(deleteCorrelation);
    assertEquals(userName, deleted.getSubject(), "named although the user is gone");
    assertEquals("delete", deleted.getAction());
    assertTrue(
        log.timelineOfUser("globex", userId, 20).stream()
            .anyMatch(r -> r.getId().equals(group.getId())),
        "the group request is on the user's timeline");
    var activity = log.activity("globex");
    assertTrue(activity.containsKey(dev.roster.storage.LogFacts.Milestone.FIRST_USER_WRITE));
    assertTrue(activity.containsKey(dev.roster.storage.LogFacts.Milestone.FIRST_GROUP_WRITE));
    assertTrue(activity.containsKey(dev.roster.storage.LogFacts.Milestone.LAST_SUCCESS));
    long requests =
        log.hourly("globex", java.time.Instant.now(), 2).stream()
            .mapToLong(ProvisioningLog.HourTraffic::requests)
            .sum();
    assertTrue(requests >= 3, "counted per hour: " + requests);
  }

  @Test
  void recordsScimTypeAndDetailOfErrors() {
    String id = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Users", ACME_TOKEN)
            .header("client-request-id", id)
            .header("Content-Type", "application/scim+json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"userName\": ")));
    LogRecord record = recordOf(id);
    assertEquals(400, record.getStatus());
    assertEquals("invalidSyntax", record.getScimType());
    assertTrue(record.getDetail().contains("not valid JSON"), record.getDetail());
    assertEquals("User", record.getResourceType());
    assertEquals("{\"userName\": ", record.getRequestBody());
  }

  @Test
  void redactsPasswordsInBodies() {
    String id = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Users", ACME_TOKEN)
            .header("client-request-id", id)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"userName\":\"bjensen@example.com\",\"password\":\"t1meMa$heen\","
                        + "\"active\":true}")));
    String body = recordOf(id).getRequestBody();
    assertFalse(body.contains("t1meMa$heen"), body);
    assertTrue(body.contains("[REDACTED]"), body);
    assertTrue(body.contains("bjensen@example.com"), body);
  }

  @Test
  void redactsPasswordsInMalformedBodies() {
    String id = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Users", ACME_TOKEN)
            .header("client-request-id", id)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"t1meMa$heen\", \"x\": ")));
    String body = recordOf(id).getRequestBody();
    assertFalse(body.contains("t1meMa$heen"), body);
  }

  @Test
  void capsLargeBodies() {
    String id = UUID.randomUUID().toString();
    String big = "{\"userName\":\"" + "x".repeat(100_000) + "\",\"password\":\"t1meMa$heen\"}";
    scim.send(
        scim.request("/Users", ACME_TOKEN)
            .header("client-request-id", id)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(big)));
    String body = recordOf(id).getRequestBody();
    assertTrue(body.length() < 8192 + 100, "length " + body.length());
    assertTrue(body.contains("truncated"), body.substring(body.length() - 60));
    assertFalse(body.contains("t1meMa$heen"));
  }

  @Test
  void logNamesTheMemberIdsAWriteSkipped() {
    ScimFixtures fixtures = new ScimFixtures(scim);
    String p = prefix("g");
    String user = fixtures.user(p + "bjensen");
    String garbage = "no-such-member-" + UUID.randomUUID();
    String created = UUID.randomUUID().toString();
    String patched = UUID.randomUUID().toString();

    ScimClient.Reply post =
        scim.send(
            scim.withJson("POST", "/Groups", ACME_TOKEN, groupJson(p + "Staff", garbage))
                .header("client-request-id", created));
    assertEquals(201, post.status(), post::toString);
    String id = post.json().getString("id");
    ScimClient.Reply patch =
        scim.send(
            scim.withJson("PATCH", "/Groups/" + id, ACME_TOKEN, patchOf(addMembers(user, garbage)))
                .header("client-request-id", patched));
    assertEquals(204, patch.status(), patch::toString);
    assertEquals(List.of(user), memberIds(fixtures.readGroup(id)));

    for (String correlationId : List.of(created, patched)) {
      LogRecord record = recordOf(correlationId);
      assertTrue(record.getStatus() == 201 || record.getStatus() == 204, record::getDetail);
      String detail = String.valueOf(record.getDetail());
      assertTrue(detail.contains(garbage), detail);
      assertFalse(detail.contains(user), detail);
    }
  }

  @Test
  void searchesByTenantStatusAndText() {
    String probe = UUID.randomUUID().toString();
    scim.get("/Schemas?probe=" + probe, ACME_TOKEN);
    scim.get("/Nope?probe=" + probe, ACME_TOKEN);
    scim.get("/Schemas?probe=" + probe, GLOBEX_TOKEN);
    scim.send(scim.request("/Schemas?probe=" + probe).GET());
    writer.drain();

    assertEquals(4, count(LogQuery.builder().text(probe)));
    assertEquals(4, count(LogQuery.builder().text(probe.toUpperCase())));
    assertEquals(2, count(LogQuery.builder().text(probe).tenant("acme")));
    assertEquals(1, count(LogQuery.builder().text(probe).tenant("globex")));
    assertEquals(2, count(LogQuery.builder().text(probe).statusBetween(400, 499)));
    assertEquals(1, count(LogQuery.builder().text(probe).status(404)));
    assertEquals(4, count(LogQuery.builder().text(probe).method("get")));
    assertEquals(3, count(LogQuery.builder().text(probe).resourceType("Schema")));
    assertEquals(
        4,
        count(
            LogQuery.builder()
                .text(probe)
                .between(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1))));
    assertEquals(
        0,
        count(
            LogQuery.builder().text(probe).between(Instant.EPOCH, Instant.now().minusSeconds(60))));
    assertEquals(0, count(LogQuery.builder().text(probe + "%")));
  }

  private int count(LogQuery.Builder query) {
    return log.search(query.limit(100).build()).records().size();
  }

  @Test
  void pagesNewestFirstByKeyWithoutGapsOrRepeats() {
    String probe = UUID.randomUUID().toString();
    for (int i = 0; i < 7; i++) {
      scim.get("/Schemas?probe=" + probe + "&i=" + i, ACME_TOKEN);
    }
    writer.drain();
    List<LogRecord> seen = new ArrayList<>();
    LogPage page = log.search(LogQuery.builder().text(probe).limit(3).build());
    int pages = 1;
    seen.addAll(page.records());
    while (page.next() != null) {
      page = log.search(LogQuery.builder().text(probe).limit(3).after(page.next()).build());
      seen.addAll(page.records());
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(7, seen.size());
    Set<Long> ids = new HashSet<>();
    seen.forEach(r -> ids.add(r.getId()));
    assertEquals(7, ids.size(), "no record twice");
    for (int i = 1; i < seen.size(); i++) {
      LogRecord newer = seen.get(i - 1);
      LogRecord older = seen.get(i);
      assertTrue(
          newer.getTime().isAfter(older.getTime())
              || (newer.getTime().equals(older.getTime()) && newer.getId() > older.getId()),
          "newest first");
    }
    assertTrue(seen.get(0).getQuery().endsWith("i=6"), seen.get(0).getQuery());
  }

  @Test
  void purgeRemovesRecordsOlderThanTheRetentionPeriod() {
    String oldId = UUID.randomUUID().toString();
    String recentId = UUID.randomUUID().toString();
    Instant old = Instant.now().minus(retention.retention()).minus(Duration.ofHours(1));
    writer.record(entry(old, oldId));
    writer.record(
        entry(Instant.now().minus(retention.retention()).plus(Duration.ofHours(1)), recentId));
    writer.drain();
    assertEquals(1, log.search(LogQuery.builder().correlationId(oldId).build()).records().size());

    assertTrue(retention.purgeExpired() >= 1);

    assertTrue(log.search(LogQuery.builder().correlationId(oldId).build()).records().isEmpty());
    assertEquals(
        1, log.search(LogQuery.builder().correlationId(recentId).build()).records().size());
  }

  private static LogEntry entry(Instant time, String correlationId) {
    return LogEntries.get(time, "acme", "User", 200, correlationId, null);
  }
}
