package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.provisioning.boundary.LogQuery;
import dev.roster.provisioning.control.LogEntries;
import dev.roster.provisioning.entity.ProvisioningRecord;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provisioning log's search by correlation id, against a real database without a container: it
 * reads the hash's index whether or not a tenant is named, and tells ids of one hash apart.
 */
class LogQueriesIT {

  static EntityManagerFactory factory;

  /** "Aa" and "BB" hash alike in Java: these two ids share the index's key. */
  static final String ONE = "run-Aa";

  static final String OTHER = "run-BB";

  @BeforeAll
  static void fixture() {
    factory =
        JpaDatabase.open(
            "logqueriesit",
            Map.of("eclipselink.session-event-listener", SqlCounter.class.getName()));
    JpaTransactions.in(
        factory,
        em -> {
          Instant now = Instant.now();
          for (int i = 0; i < 300; i++) {
            String tenant = i % 3 == 0 ? "globex" : "acme";
            em.persist(record(now.minusSeconds(i), tenant, UUID.randomUUID().toString()));
          }
          em.persist(record(now, "acme", ONE));
          em.persist(record(now, "acme", OTHER));
          em.persist(record(now.minusSeconds(1), "acme", OTHER));
          em.persist(record(now, "globex", OTHER));
          return null;
        });
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void idsOfOneHashAreToldApart() {
    assertEquals(ONE.hashCode(), OTHER.hashCode(), "the test needs a collision");
    assertEquals(1, search(LogQuery.builder().correlationId(ONE).build()).size());
    assertEquals(3, search(LogQuery.builder().correlationId(OTHER).build()).size());
    assertEquals(2, search(LogQuery.builder().tenant("acme").correlationId(OTHER).build()).size());
  }

  @Test
  void aCorrelationIdIsFoundThroughItsHashsIndexWithATenantOrWithout() {
    for (LogQuery query :
        List.of(
            LogQuery.builder().correlationId(OTHER).build(),
            LogQuery.builder().tenant("acme").correlationId(OTHER).build())) {
      SqlCounter.start();
      search(query);
      List<SqlCounter.Statement> selects =
          SqlCounter.stop().stream().filter(SqlCounter.Statement::isSelect).toList();
      assertEquals(1, selects.size(), selects::toString);
      String plan =
          JpaTransactions.in(factory, em -> selects.get(0).plan(em)).toUpperCase(Locale.ROOT);
      // before, a search that named its tenant walked the tenant's (tenant, time) index for its
      // order, through every record of the tenant
      assertTrue(plan.contains("PROVISIONING_LOG_CORRELATION_HASH"), plan);
      assertFalse(plan.contains("PROVISIONING_LOG_TENANT_TIME"), plan);
    }
  }

  private static List<ProvisioningRecord> search(LogQuery query) {
    return JpaTransactions.in(factory, em -> new LogQueries(em).search(query, 51));
  }

  private static ProvisioningRecord record(Instant time, String tenant, String correlationId) {
    return new ProvisioningRecord(
        LogEntries.get(time, tenant, "User", 200, correlationId, null), null, null);
  }
}
