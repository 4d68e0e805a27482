package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.databases.TestDatabase;
import dev.roster.users.control.UserStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reads behind departments at a size where a scan would show (docs/directory-api.md): 4,000
 * users in 40 departments. Listing departments seeks the lookup index once per department, and a
 * page of a department's members is one range of it, whichever page.
 */
class DepartmentQueriesIT {

  static final int USERS = 4_000;
  static final int DEPARTMENTS = 40;

  static EntityManagerFactory factory;
  static final String TENANT = "departments-" + UUID.randomUUID();

  @BeforeAll
  static void fixture() {
    factory =
        JpaDatabase.open(
            "departmentqueriesit",
            Map.of(
                "eclipselink.session-event-listener", SqlCounter.class.getName(),
                "eclipselink.jdbc.batch-writing", "JDBC",
                "eclipselink.jdbc.batch-writing.size", "500"));
    for (int from = 0; from < USERS; from += 1000) {
      int start = from;
      transaction(
          em -> {
            UserStore store = new UserStore(em, TENANT);
            for (int i = start; i < start + 1000; i++) {
              // "Dept 07" first written in capitals, later in lower case: one department
              String department = (i < DEPARTMENTS ? "DEPT " : "Dept ") + two(i % DEPARTMENTS);
              store.create(
                  json(
                      "{\"userName\":\"user"
                          + i
                          + "\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
                          + "{\"department\":\""
                          + department
                          + "\"}}"));
            }
            return null;
          });
    }
    if (TestDatabase.isPostgresql()) {
      transaction(em -> em.createNativeQuery("ANALYZE").executeUpdate());
    }
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void departmentsAreTheDistinctValuesInKeyOrderNamedAsFirstWritten() {
    List<DepartmentQueries.DepartmentValue> all =
        transaction(em -> new DepartmentQueries(em).departmentsAfter(TENANT, null, 1000));
    assertEquals(DEPARTMENTS, all.size());
    for (int d = 0; d < DEPARTMENTS; d++) {
      assertEquals("dept " + two(d), all.get(d).key());
      assertEquals("user" + d, all.get(d).firstUser().userNameKey());
    }
    List<String> walked = new ArrayList<>();
    String after = null;
    for (int pages = 0; pages < DEPARTMENTS; pages++) {
      String from = after;
      List<DepartmentQueries.DepartmentValue> page =
          transaction(em -> new DepartmentQueries(em).departmentsAfter(TENANT, from, 7));
      page.forEach(v -> walked.add(v.key()));
      if (page.size() < 7) {
        break;
      }
      after = page.get(page.size() - 1).key();
    }
    assertEquals(all.stream().map(DepartmentQueries.DepartmentValue::key).toList(), walked);
  }

  @Test
  void listingDepartmentsReadsOneEntryPerDepartmentNotEveryUser() {
    SqlCounter.start();
    transaction(em -> new DepartmentQueries(em).departmentsAfter(TENANT, null, 10));
    List<SqlCounter.Statement> statements = SqlCounter.stop();
    int rowsRead =
        statements.stream().filter(SqlCounter.Statement::isSelect).mapToInt(s -> s.rows()).sum();
    assertEquals(10, statements.size(), statements::toString);
    assertEquals(10, rowsRead, statements::toString);
    String plan = transaction(statements.get(0)::plan).toUpperCase(Locale.ROOT);
    assertTrue(plan.contains("SCIM_USER_VALUES_LOOKUP"), plan);
    assertFalse(plan.contains("SEQ SCAN"), plan);
  }

  @Test
  void aPageOfMembersIsOneRangeOfTheLookupIndexOnAnyPage() {
    String key = "dept 03";
    List<Long> rows = new ArrayList<>();
    long after = 0;
    List<String> firstShape = null;
    while (true) {
      long from = after;
      SqlCounter.start();
      List<dev.roster.users.entity.StoredUser> page =
          transaction(em -> new DepartmentQueries(em).usersWithDepartment(TENANT, key, from, 25));
      List<SqlCounter.Statement> statements = SqlCounter.stop();
      assertEquals(1, statements.size(), statements::toString);
      assertEquals(page.size(), statements.get(0).rows());
      if (firstShape == null) {
        firstShape = statements.stream().map(SqlCounter.Statement::sql).toList();
        String plan = transaction(statements.get(0)::plan).toUpperCase(Locale.ROOT);
        assertTrue(plan.contains("SCIM_USER_VALUES_LOOKUP"), plan);
        assertFalse(plan.contains("SEQ SCAN"), plan);
        if (TestDatabase.isPostgresql()) {
          assertFalse(plan.contains("SORT"), plan);
        } else {
          assertTrue(plan.contains("INDEX SORTED"), plan);
        }
      }
      page.forEach(u -> rows.add(u.id()));
      if (page.size() < 25) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    assertEquals(USERS / DEPARTMENTS, rows.size());
    assertEquals(rows.stream().sorted().distinct().toList(), rows);
  }

  @Test
  void aDepartmentIsFoundByItsKeyOnlyWhileSomeoneHasIt() {
    assertTrue(
        transaction(em -> new DepartmentQueries(em).department(TENANT, "dept 39")).isPresent());
    assertTrue(
        transaction(em -> new DepartmentQueries(em).department(TENANT, "dept 40")).isEmpty());
    assertTrue(
        transaction(em -> new DepartmentQueries(em).department("other-" + TENANT, "dept 01"))
            .isEmpty());
  }

  private static String two(int n) {
    return String.format("%02d", n);
  }

  private static <T> T transaction(Function<EntityManager, T> work) {
    return JpaTransactions.in(factory, work);
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
