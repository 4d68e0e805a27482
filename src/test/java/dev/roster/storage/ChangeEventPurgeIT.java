package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.roster.databases.JpaDatabase;
import dev.roster.databases.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change feed's retention on a real database (H2, and PostgreSQL in the second run): what
 * {@link ChangeEventRows#purgeOlderThan} deletes, and on H2 that it reads only what it deletes. Its
 * first form, one {@code DELETE} with the oldest events as a subquery, walked every event of every
 * tenant each hour; at a million events it outlasted the statement timeout (docs/benchmark.md).
 */
class ChangeEventPurgeIT {

  private static final Instant CUTOFF = Instant.parse("2021-01-01T00:00:00Z");
  private static final Timestamp OLD = Timestamp.valueOf("2020-01-01 00:00:00");
  private static final Timestamp NEW = Timestamp.valueOf("2030-01-01 00:00:00");

  static EntityManagerFactory factory;

  @BeforeAll
  static void open() {
    factory = JpaDatabase.open("changeeventpurgeit");
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void deletesOnlyEventsBeforeTheCutoffOfEveryTenant() {
    String a = tenant();
    String b = tenant();
    insert(a, 1, OLD);
    insert(a, 2, NEW); // numbered between two old ones: a clock behind another instance's
    insert(a, 3, OLD);
    insert(a, 4, NEW);
    insert(b, 1, OLD);
    insert(b, 2, NEW);

    int deleted = purge(10);

    assertEquals(3, deleted);
    assertEquals(List.of(2L, 4L), numbers(a));
    assertEquals(List.of(2L), numbers(b));
    assertEquals(0, purge(10));
  }

  @Test
  void deletesAtLeastTheOldestMaxSoTheCallerGoesOnUntilFewer() {
    String c = tenant();
    for (long seq = 1; seq <= 5; seq++) {
      insert(c, seq, new Timestamp(OLD.getTime() + seq * 1000));
    }

    assertEquals(2, purge(2)); // the two oldest
    assertEquals(List.of(3L, 4L, 5L), numbers(c));
    assertEquals(3, purge(10));
    assertEquals(List.of(), numbers(c));
  }

  @Test
  void readsOnlyWhatItDeletesOnH2() {
    assumeFalse(TestDatabase.isPostgresql(), "H2's plans");
    String tenant = tenant();
    for (long seq = 1; seq <= 50; seq++) {
      insert(tenant, seq, NEW);
    }
    Timestamp cutoff = Timestamp.valueOf("2021-01-01 00:00:00");
    String oldest = plan(ChangeEventRows.OLDEST_SQL, cutoff, 5000);
    assertReadThroughIndexes(oldest);
    assertTrue(oldest.contains("CHANGE_EVENT_OCCURRED: OCCURRED <"), oldest);
    String delete = plan(ChangeEventRows.DELETE_RANGE_SQL, tenant, 1, 5, cutoff);
    assertReadThroughIndexes(delete);
    assertTrue(delete.contains("PRIMARY_KEY"), delete); // the tenant's range, not every old event
  }

  /**
   * Every table the plan reads, it reads through an index with a condition: no table scan, and no
   * walk of a whole index (H2 names such an index without a condition: {@code /* PUBLIC.NAME *\/}).
   */
  private static void assertReadThroughIndexes(String plan) {
    assertFalse(plan.contains("tableScan"), plan);
    Matcher whole = Pattern.compile("/\\* PUBLIC\\.[A-Z_0-9]+ \\*/").matcher(plan);
    assertFalse(whole.find(), plan);
  }

  private static String plan(String sql, Object... parameters) {
    return JpaTransactions.in(
        factory,
        em -> {
          var query = em.createNativeQuery("EXPLAIN " + sql);
          for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
          }
          return (String) query.getSingleResult();
        });
  }

  private static int purge(int max) {
    return JpaTransactions.in(factory, em -> new ChangeEventRows(em).purgeOlderThan(CUTOFF, max));
  }

  private static void insert(String tenant, long seq, Timestamp occurred) {
    JpaTransactions.in(
        factory,
        em ->
            em.createNativeQuery(
                    "INSERT INTO CHANGE_EVENT (TENANT_ID, SEQ, TYPE, RESOURCE_ID, OCCURRED, PAYLOAD)"
                        + " VALUES (?1, ?2, 'user.created', 'r', ?3, '{}')")
                .setParameter(1, tenant)
                .setParameter(2, seq)
                .setParameter(3, occurred)
                .executeUpdate());
  }

  private static List<Long> numbers(String tenant) {
    return JpaTransactions.in(
        factory,
        em ->
            em
                .createNativeQuery("SELECT SEQ FROM CHANGE_EVENT WHERE TENANT_ID = ?1 ORDER BY SEQ")
                .setParameter(1, tenant)
                .getResultList()
                .stream()
                .map(seq -> ((Number) seq).longValue())
                .toList());
  }

  private static String tenant() {
    return "purge-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
