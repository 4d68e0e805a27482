package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.databases.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deprovisioning hold's count of a tenant's active users ({@link
 * DeprovisioningRows#activeUsersUpTo}) on a real database (H2, and PostgreSQL in the second run):
 * what it counts, and that it reads only the index {@code SCIM_USERS_ACTIVE}. It runs under the
 * tenant's row lock; when it read the users' rows, a count at a million users took 1.2–1.6 s and
 * the tenant's next deactivation waited past the lock timeout
 * (docs/benchmark.md#hold-count-at-a-million-2026-12-07).
 */
class ActiveUsersCountIT {

  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() & 0xFFFFFFFFFFL);

  static EntityManagerFactory factory;

  @BeforeAll
  static void open() {
    factory = JpaDatabase.open("activeuserscountit");
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void countsTheTenantsActiveAndUnmarkedUsersUpToTheLimit() {
    String tenant = tenant();
    String other = tenant();
    insert(tenant, true, 3);
    insert(tenant, null, 2); // never marked: a user is active unless told otherwise
    insert(tenant, false, 4);
    insert(other, true, 6);

    assertEquals(5, count(tenant, 100));
    assertEquals(5, count(tenant, 5));
    assertEquals(3, count(tenant, 3)); // the count stops at its limit
    assertEquals(6, count(other, 100));
    assertEquals(0, count(tenant(), 100));
  }

  @Test
  void readsOnlyTheIndexHoldingActive() {
    String tenant = tenant();
    insert(tenant, true, 30);
    insert(tenant, false, 30);
    String plan =
        JpaTransactions.in(
            factory,
            em -> {
              if (TestDatabase.isPostgresql()) {
                // a few rows are cheaper to scan; what is checked is that the index can answer
                em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
                em.createNativeQuery("SET LOCAL enable_bitmapscan = off").executeUpdate();
              }
              var query = em.createNativeQuery("EXPLAIN " + DeprovisioningRows.ACTIVE_USERS_SQL);
              query.setParameter(1, tenant);
              query.setParameter(2, 1000);
              @SuppressWarnings("unchecked")
              List<Object> lines = query.getResultList();
              return String.join("\n", lines.stream().map(String::valueOf).toList());
            });
    if (TestDatabase.isPostgresql()) {
      assertTrue(plan.contains("Index Only Scan using scim_users_active"), plan);
    } else {
      assertTrue(plan.contains("PUBLIC.SCIM_USERS_ACTIVE: TENANT_ID = ?1"), plan);
      assertFalse(plan.contains("tableScan"), plan);
    }
  }

  private static long count(String tenant, long limit) {
    return JpaTransactions.in(
        factory, em -> new DeprovisioningRows(em).activeUsersUpTo(tenant, limit));
  }

  private static void insert(String tenant, Boolean active, int users) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    JpaTransactions.in(
        factory,
        em -> {
          for (int i = 0; i < users; i++) {
            long id = IDS.incrementAndGet();
            // ACTIVE as a literal (TRUE, FALSE or NULL): PostgreSQL cannot type a null parameter
            String activeLiteral = String.valueOf(active).toUpperCase(Locale.ROOT);
            em.createNativeQuery(
                    "INSERT INTO SCIM_USERS (ID, ACTIVE, CREATED, DOCUMENT, LAST_MODIFIED, SCIM_ID,"
                        + " TENANT_ID, USER_NAME_KEY, VERSION)"
                        + " VALUES (?1, "
                        + activeLiteral
                        + ", ?3, '{}', ?3, ?4, ?5, ?6, 1)")
                .setParameter(1, id)
                .setParameter(3, now)
                .setParameter(4, UUID.randomUUID().toString())
                .setParameter(5, tenant)
                .setParameter(6, "user" + id)
                .executeUpdate();
          }
          return null;
        });
  }

  private static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
