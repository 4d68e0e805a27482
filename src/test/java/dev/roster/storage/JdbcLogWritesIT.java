package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.provisioning.boundary.LogQuery;
import dev.roster.provisioning.control.LogEntries;
import dev.roster.provisioning.control.LogEntry;
import dev.roster.provisioning.control.RequestTarget;
import dev.roster.provisioning.entity.ProvisioningRecord;
import dev.roster.storage.LogFacts.MemberRow;
import dev.roster.storage.LogFacts.Milestone;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provisioning log's JDBC writes against a real database without a container: what they write
 * reads back through JPA as the entity it was made from, their ids never meet those EclipseLink
 * draws from the same sequence, and what is kept beside the records adds up.
 */
class JdbcLogWritesIT {

  static EntityManagerFactory factory;
  static DataSource database;

  @BeforeAll
  static void fixture() {
    factory = JpaDatabase.open("jdbclogwritesit");
    database = JpaDatabase.dataSource("jdbclogwritesit");
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void aRecordWrittenWithJdbcReadsBackAsTheEntityItWasMadeFrom() throws SQLException {
    Instant time = Instant.parse("2026-12-05T10:15:30.123456Z");
    ProvisioningRecord written =
        new ProvisioningRecord(
            new LogEntry(
                time,
                "acme",
                "rst_abcd",
                "Azure AD SCIM Client",
                "PATCH",
                "/scim/v2/Users/42",
                "filter=userName eq \"ä\"",
                new RequestTarget("User", "42"),
                400,
                "invalidValue",
                "a detail",
                17,
                "corr-1",
                "{\"Operations\":[]}".getBytes(StandardCharsets.UTF_8),
                null,
                "someone@example.com",
                "user.update"),
            "filter=userName eq \"ä\"",
            "{\"Operations\":[]}");
    long id = write(new JdbcLogWrites.Ids(), List.of(written))[0];

    ProvisioningRecord read =
        JpaTransactions.in(factory, em -> em.find(ProvisioningRecord.class, id));
    assertNotNull(read);
    assertEquals(time.truncatedTo(ChronoUnit.MICROS), read.getTime());
    assertEquals(written.getTenantId(), read.getTenantId());
    assertEquals(written.getTokenPrefix(), read.getTokenPrefix());
    assertEquals(written.getClient(), read.getClient());
    assertEquals(written.getMethod(), read.getMethod());
    assertEquals(written.getPath(), read.getPath());
    assertEquals(written.getQuery(), read.getQuery());
    assertEquals(written.getResourceType(), read.getResourceType());
    assertEquals(written.getResourceId(), read.getResourceId());
    assertEquals(400, read.getStatus());
    assertEquals("invalidValue", read.getScimType());
    assertEquals("a detail", read.getDetail());
    assertEquals(17, read.getDurationMillis());
    assertEquals("corr-1", read.getCorrelationId());
    assertEquals("{\"Operations\":[]}", read.getRequestBody());
    assertEquals("someone@example.com", read.getSubject());
    assertEquals("user.update", read.getAction());
    // the hash's index finds it as it finds the records JPA wrote
    assertEquals(
        List.of(id),
        JpaTransactions.in(
                factory,
                em ->
                    new LogQueries(em)
                        .search(LogQuery.builder().correlationId("corr-1").build(), 10))
            .stream()
            .map(ProvisioningRecord::getId)
            .toList());
  }

  @Test
  void aRecordWithoutItsOptionalFieldsIsWrittenWithNulls() throws SQLException {
    ProvisioningRecord written =
        new ProvisioningRecord(
            LogEntries.get(Instant.now(), null, null, 401, null, null), null, null);
    long id = write(new JdbcLogWrites.Ids(), List.of(written))[0];
    ProvisioningRecord read =
        JpaTransactions.in(factory, em -> em.find(ProvisioningRecord.class, id));
    assertNull(read.getTenantId());
    assertNull(read.getCorrelationId());
    assertNull(read.getRequestBody());
    assertEquals(401, read.getStatus());
  }

  @Test
  void idsNeverMeetThoseJpaDrawsFromTheSameSequence() throws SQLException {
    Set<Long> ids = new HashSet<>();
    JdbcLogWrites.Ids first = new JdbcLogWrites.Ids();
    JdbcLogWrites.Ids second = new JdbcLogWrites.Ids(); // another writer, another instance
    for (int round = 0; round < 3; round++) {
      // more than a block each time, so that every writer draws again in every round
      for (long id : write(first, records(JdbcLogWrites.Ids.BLOCK + 7))) {
        assertTrue(ids.add(id), "id " + id + " twice");
      }
      for (long id : write(second, records(11))) {
        assertTrue(ids.add(id), "id " + id + " twice");
      }
      List<Long> jpa =
          JpaTransactions.in(
              factory,
              em -> {
                List<ProvisioningRecord> persisted = records(3);
                persisted.forEach(em::persist);
                em.flush();
                return persisted.stream().map(ProvisioningRecord::getId).toList();
              });
      for (long id : jpa) {
        assertTrue(ids.add(id), "id " + id + " drawn by JPA too");
      }
    }
    assertTrue(ids.stream().allMatch(id -> id > 0), ids::toString);
  }

  @Test
  void aBatchClosedWithoutItsCommitWritesNothing() throws SQLException {
    String tenant = "rolled-back";
    try (JdbcLogWrites batch = JdbcLogWrites.begin(database)) {
      JdbcLogWrites.Ids ids = new JdbcLogWrites.Ids();
      batch.insertRecords(
          List.of(
              new ProvisioningRecord(
                  LogEntries.get(Instant.now(), tenant, "User", 200, null, null), null, null)),
          new long[] {ids.next(batch)});
      batch.countHour(tenant, Instant.now().truncatedTo(ChronoUnit.HOURS), "w", 1, 0);
    }
    long written =
        JpaTransactions.in(
            factory,
            em ->
                ((Number)
                        em.createNativeQuery(
                                "SELECT COUNT(*) FROM PROVISIONING_LOG WHERE TENANT_ID = ?1")
                            .setParameter(1, tenant)
                            .getSingleResult())
                    .longValue());
    assertEquals(0, written);
    assertTrue(hours(tenant).isEmpty());
  }

  @Test
  void aBatchGivesItsConnectionBackInAutocommitModeWhetherItCommittedOrNot() throws SQLException {
    // the pool's other borrowers (JdbcUserLookups) read in autocommit mode
    try (Connection shared = database.getConnection()) {
      DataSource pool = oneConnectionPool(shared);
      try (JdbcLogWrites batch = JdbcLogWrites.begin(pool)) {
        batch.countHour("autocommit", Instant.now().truncatedTo(ChronoUnit.HOURS), "w", 1, 0);
        batch.commit();
      }
      assertTrue(shared.getAutoCommit());
      try (JdbcLogWrites batch = JdbcLogWrites.begin(pool)) {
        batch.countHour("autocommit", Instant.now().truncatedTo(ChronoUnit.HOURS), "w", 1, 0);
      }
      assertTrue(shared.getAutoCommit());
    }
  }

  @Test
  void hourlyCountsAddUpPerWriter() throws SQLException {
    String tenant = "counted";
    Instant hour = Instant.parse("2026-12-05T10:00:00Z");
    for (String writer : List.of("one", "one", "two")) {
      try (JdbcLogWrites batch = JdbcLogWrites.begin(database)) {
        batch.countHour(tenant, hour, writer, 5, 2);
        batch.commit();
      }
    }
    List<LogFacts.HourCount> hours = hours(tenant);
    assertEquals(List.of(new LogFacts.HourCount(hour, 15, 6)), hours);
  }

  @Test
  void milestonesMoveOnlyTheirWay() throws SQLException {
    String tenant = "milestones";
    Instant noon = Instant.parse("2026-12-05T12:00:00Z");
    advance(tenant, Map.of(Milestone.FIRST_REQUEST, noon, Milestone.LAST_REQUEST, noon));
    advance(
        tenant,
        Map.of(
            Milestone.FIRST_REQUEST,
            noon.minusSeconds(60),
            Milestone.LAST_REQUEST,
            noon.minusSeconds(60)));
    advance(
        tenant,
        Map.of(
            Milestone.FIRST_REQUEST,
            noon.plusSeconds(60),
            Milestone.LAST_REQUEST,
            noon.plusSeconds(60),
            Milestone.LAST_WRITE,
            noon));
    Map<Milestone, Instant> activity =
        JpaTransactions.in(factory, em -> new LogFacts(em).activity(tenant));
    assertEquals(
        Map.of(
            Milestone.FIRST_REQUEST,
            noon.minusSeconds(60),
            Milestone.LAST_REQUEST,
            noon.plusSeconds(60),
            Milestone.LAST_WRITE,
            noon),
        activity);
  }

  @Test
  void membersAreFoundByTheUserTheyNamedAndNamesByTheirIds() throws SQLException {
    String tenant = "members";
    Instant time = Instant.parse("2026-12-05T09:00:00Z");
    try (JdbcLogWrites batch = JdbcLogWrites.begin(database)) {
      batch.insertMembers(
          List.of(
              new MemberRow(7, tenant, "u-1", time),
              new MemberRow(8, tenant, "u-1", time.plusSeconds(1)),
              new MemberRow(8, tenant, "u-2", time.plusSeconds(1))));
      assertEquals(Map.of(), batch.names(tenant, false, List.of("no-such-user")));
      batch.commit();
    }
    assertEquals(
        List.of(8L, 7L),
        JpaTransactions.in(factory, em -> new LogFacts(em).recordsNamingMember(tenant, "u-1", 10)));
  }

  private static void advance(String tenant, Map<Milestone, Instant> times) throws SQLException {
    try (JdbcLogWrites batch = JdbcLogWrites.begin(database)) {
      batch.advance(tenant, times);
      batch.commit();
    }
  }

  private static List<LogFacts.HourCount> hours(String tenant) {
    return JpaTransactions.in(
        factory, em -> new LogFacts(em).hours(tenant, Instant.parse("2000-01-01T00:00:00Z")));
  }

  /** A data source that always hands out the same connection and never closes it, as a pool. */
  private static DataSource oneConnectionPool(Connection shared) {
    Connection kept =
        (Connection)
            Proxy.newProxyInstance(
                JdbcLogWritesIT.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                  if ("close".equals(method.getName())) {
                    return null;
                  }
                  try {
                    return method.invoke(shared, arguments);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (DataSource)
        Proxy.newProxyInstance(
            JdbcLogWritesIT.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, arguments) -> {
              if ("getConnection".equals(method.getName())) {
                return kept;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static long[] write(JdbcLogWrites.Ids ids, List<ProvisioningRecord> records)
      throws SQLException {
    try (JdbcLogWrites batch = JdbcLogWrites.begin(database)) {
      long[] drawn = new long[records.size()];
      for (int i = 0; i < drawn.length; i++) {
        drawn[i] = ids.next(batch);
      }
      batch.insertRecords(records, drawn);
      batch.commit();
      return drawn;
    }
  }

  private static List<ProvisioningRecord> records(int n) {
    List<ProvisioningRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(
          new ProvisioningRecord(
              LogEntries.get(Instant.now(), "ids", "User", 200, null, null), null, null));
    }
    return records;
  }
}
