package dev.roster.it;

import static dev.roster.it.ScimFixtures.minimalUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.PostgresCluster;
import dev.roster.databases.TestDatabase;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The current WAR on a database that the last build without migrations made and filled
 * (src/test/resources/upgrade): it starts, records that schema as its baseline, applies only the
 * later migrations, and every user, group, member, token, admin account and log record is there and
 * works, on H2 and on PostgreSQL.
 */
class SchemaUpgradeIT {

  static final String TOKEN = "acme-token-0123456789";

  @TempDir Path data;

  @Test
  void theLastBuildsDataIsIntactAndInUse() throws Exception {
    Map<String, String> settings = oldDatabase();
    try (PayaraMicroProcess server = PayaraMicroProcess.start(settings)) {
      ScimClient scim = new ScimClient(server.url());

      JsonObject users = scim.get("/Users?sortBy=userName", TOKEN).json();
      assertEquals(3, users.getInt("totalResults"), users::toString);
      List<String> names = new ArrayList<>();
      List<Boolean> active = new ArrayList<>();
      users
          .getJsonArray("Resources")
          .forEach(
              u -> {
                names.add(u.asJsonObject().getString("userName"));
                active.add(u.asJsonObject().getBoolean("active"));
              });
      assertEquals(List.of("user1@contoso.com", "user2@contoso.com", "user3@contoso.com"), names);
      assertEquals(List.of(true, true, false), active, "user3's deactivation");
      JsonObject first = users.getJsonArray("Resources").getJsonObject(0);
      assertEquals(
          "Sales",
          first
              .getJsonObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
              .getString("department"));
      // the value index came along: lookups by email and externalId
      assertEquals(
          1,
          scim.get(
                  "/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22USER2@contoso.com%22",
                  TOKEN)
              .json()
              .getInt("totalResults"));
      assertEquals(
          1,
          scim.get("/Users?filter=externalId%20eq%20%22ext-3%22", TOKEN)
              .json()
              .getInt("totalResults"));

      JsonObject groups = scim.get("/Groups", TOKEN).json();
      assertEquals(1, groups.getInt("totalResults"));
      JsonObject sales = groups.getJsonArray("Resources").getJsonObject(0);
      assertEquals("Sales", sales.getString("displayName"));
      assertEquals(2, sales.getJsonArray("members").size());

      // new writes continue the old sequences without colliding
      ScimClient.Reply created =
          scim.post("/Users", TOKEN, minimalUser("after-upgrade@contoso.com"));
      assertEquals(201, created.status(), created::toString);
      JsonObject after = scim.get("/Users", TOKEN).json();
      assertEquals(4, after.getInt("totalResults"));
      assertEquals(
          "after-upgrade@contoso.com",
          after.getJsonArray("Resources").getJsonObject(3).getString("userName"),
          "without sortBy, in creation order");

      // the old admin account signs in to the admin API, and reads the old log
      ScimClient.Reply log = adminGet(server, "api/admin/v1/log?tenant=acme&limit=100");
      assertEquals(200, log.status(), log::toString);
      assertTrue(
          log.body().contains("user1@contoso.com") || log.body().contains("/scim/v2/Users"),
          log::toString);

      // an old record is found by its correlation id, through the hash V16 wrote for it
      String correlation =
          TestDatabase.isPostgresql()
              ? "0cbce7fc-dfe9-44ba-80d0-213f83f8d729"
              : "1d3d6b0d-c784-4284-a3cd-fbc4fbe2ea2b";
      ScimClient.Reply byCorrelation =
          adminGet(server, "api/admin/v1/log?correlation=" + correlation);
      assertEquals(200, byCorrelation.status(), byCorrelation::toString);
      assertTrue(byCorrelation.body().contains("user1@contoso.com"), byCorrelation::toString);
      assertEquals(
          1,
          byCorrelation.body().split("\"correlationId\"", -1).length - 1,
          byCorrelation::toString);

      String output = server.output();
      assertFalse(output.contains("already exists"), "no DDL warning:\n" + output);
      server.stop();
    }

    try (Connection db = connect(settings);
        Statement sql = db.createStatement();
        ResultSet history =
            sql.executeQuery(
                "SELECT \"version\", \"type\" FROM \"flyway_schema_history\""
                    + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      List<String> applied = new ArrayList<>();
      while (history.next()) {
        applied.add(history.getString(1) + " " + history.getString(2));
      }
      List<String> expected = new ArrayList<>(List.of("1 BASELINE", "2 SQL", "3 SQL"));
      if (TestDatabase.isPostgresql()) {
        expected.add("4 SQL");
      }
      expected.add("5 SQL");
      expected.add("6 SQL");
      expected.add("7 SQL");
      expected.add("8 SQL");
      expected.add("9 SQL");
      expected.add("10 SQL");
      expected.add("11 SQL");
      expected.add("12 SQL");
      expected.add(TestDatabase.isPostgresql() ? "13 SQL" : "14 SQL");
      if (TestDatabase.isPostgresql()) {
        expected.add("15 SQL");
      }
      expected.add("16 JDBC");
      expected.add("17 SQL");
      assertEquals(expected, applied, "V1 recorded as the baseline, not run");
    }
  }

  /** Loads the old build's dump into a new database; the server settings to open it. */
  private Map<String, String> oldDatabase() throws Exception {
    String script = resource(TestDatabase.isPostgresql() ? "postgresql" : "h2");
    if (TestDatabase.isPostgresql()) {
      PostgresCluster.shared().recreate("upgrade");
      Map<String, String> settings = TestDatabase.POSTGRESQL.serverSettings("upgrade");
      try (Connection db = connect(settings);
          Statement sql = db.createStatement()) {
        sql.execute(script);
      }
      return settings;
    }
    String url = "jdbc:h2:file:" + data.resolve("roster").toAbsolutePath();
    try (Connection db = DriverManager.getConnection(url, "roster", "roster");
        Statement sql = db.createStatement()) {
      for (String statement : script.split(";\\s*\\n")) {
        if (!statement.isBlank() && !statement.strip().startsWith("CREATE USER")) {
          sql.execute(statement);
        }
      }
      sql.execute("SHUTDOWN"); // the old build set DB_CLOSE_DELAY -1, which keeps it open here
    }
    return Map.of(
        "ROSTER_DB_URL",
        url + ";DB_CLOSE_ON_EXIT=FALSE",
        "ROSTER_DB_USER",
        "roster",
        "ROSTER_DB_PASSWORD",
        "roster");
  }

  private static Connection connect(Map<String, String> settings) throws SQLException {
    return DriverManager.getConnection(
        settings.get("ROSTER_DB_URL"),
        settings.get("ROSTER_DB_USER"),
        settings.get("ROSTER_DB_PASSWORD"));
  }

  private static String resource(String database) throws Exception {
    try (InputStream in =
        SchemaUpgradeIT.class.getResourceAsStream(
            "/upgrade/before-migrations-" + database + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.startsWith("--"))
          .collect(Collectors.joining("\n"));
    }
  }

  private static ScimClient.Reply adminGet(PayaraMicroProcess server, String path) {
    return new ScimClient(server.url())
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", ScimClient.basic("admin", "admin-password-0123")));
  }
}
