package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product's existing accounts, imported before provisioning starts, are what Entra ID and Okta
 * find and link to, by their own request shapes: nothing is created twice (docs/account-import.md).
 */
@ExtendWith(ArquillianExtension.class)
class AccountImportIT {

  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** Northwind's accounts as the product has them. */
  private static final String ACCOUNTS =
      """
      [{"accountId": "4711", "userName": "nancy.davolio@northwind.example",
        "email": "nancy.davolio@northwind.example", "otherEmails": ["nancy@northwind.example"],
        "givenName": "Nancy", "familyName": "Davolio", "department": "Sales"},
       {"accountId": "4712", "email": "andrew.fuller@northwind.example",
        "givenName": "Andrew", "familyName": "Fuller"},
       {"accountId": "4713", "userName": "janet.leverling@northwind.example",
        "email": "janet.leverling@northwind.example", "givenName": "Janet"}]
      """;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private String tenant;
  private String token;
  private ScimClient scim;

  @BeforeEach
  void aTenantWithAToken() {
    tenant = "imp-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201,
        admin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Northwind\"}").status());
    token =
        admin("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"Entra\"}")
            .json()
            .getString("token");
    scim = new ScimClient(server);
  }

  private ScimClient.Reply admin(String method, String path, String json) {
    return new AdminApiClient(server).asAdmin(method, path, json);
  }

  private JsonObject importJson(String json) {
    ScimClient.Reply reply = admin("POST", "/tenants/" + tenant + "/accounts/import", json);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private JsonObject importCsv(String csv) {
    ScimClient.Reply reply =
        new AdminApiClient(server)
            .asAdmin("POST", "/tenants/" + tenant + "/accounts/import", "text/csv", csv);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private JsonObject counts() {
    ScimClient.Reply reply = admin("GET", "/tenants/" + tenant + "/accounts", null);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private void assertCounts(int users, int imported, int linked) {
    JsonObject counts = counts();
    assertEquals(users, counts.getInt("users"), counts::toString);
    assertEquals(imported, counts.getInt("imported"), counts::toString);
    assertEquals(linked, counts.getInt("linked"), counts::toString);
    assertEquals(imported - linked, counts.getInt("notYetLinked"), counts::toString);
    assertEquals(users - imported, counts.getInt("provisionedWithoutMatch"), counts::toString);
  }

  /** Entra's match query, encoded as Entra sends it; the ids it finds. */
  private List<String> lookup(String encodedFilter) {
    ScimClient.Reply reply = scim.get("/Users?filter=" + encodedFilter, token);
    assertEquals(200, reply.status(), reply::toString);
    List<String> ids = new ArrayList<>();
    reply.json().getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
        .map(u -> u.getString("id"))
        .forEach(ids::add);
    return ids;
  }

  private JsonObject directoryUser(String id) {
    ScimClient.Reply reply = admin("GET", "/tenants/" + tenant + "/users/" + id, null);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private List<JsonObject> events() {
    ScimClient.Reply reply = admin("GET", "/tenants/" + tenant + "/events?after=0", null);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonArray("events").getValuesAs(JsonObject.class);
  }

  private static List<String> types(List<JsonObject> events) {
    return events.stream().map(e -> e.getString("type")).toList();
  }

  @Test
  void entraFindsAnImportedAccountWhateverTheCaseAndItsPatchFillsItIn() {
    JsonObject report = importJson(ACCOUNTS);
    assertEquals(3, report.getInt("received"));
    assertEquals(3, report.getInt("created"), report::toString);
    assertEquals(0, report.getInt("failed"));
    assertCounts(3, 3, 0);
    assertTrue(events().isEmpty(), "the product has these accounts: no user.created");

    // Entra's match query on userName (precedence 1), with the UPN in another case
    List<String> found = lookup("userName+eq+%22Nancy.Davolio%40Northwind.example%22");
    assertEquals(1, found.size());
    String nancy = found.get(0);
    assertCounts(3, 3, 1);
    // match found: one PATCH with what differs
    ScimClient.Reply patched =
        scim.patch(
            "/Users/" + nancy,
            token,
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [
               {"op": "Add", "path": "externalId", "value": "0a21f0f2-8d2a-4f8e-bf98-7a2e53c3f1d1"},
               {"op": "Replace", "path": "displayName", "value": "Nancy Davolio"},
               {"op": "Replace", "path": "title", "value": "Sales Representative"}]}
            """);
    assertEquals(200, patched.status(), patched::toString);
    assertEquals("nancy.davolio@northwind.example", patched.json().getString("userName"));
    assertEquals("Davolio", patched.json().getJsonObject("name").getString("familyName"));

    List<JsonObject> events = events();
    assertEquals(List.of("user.linked", "user.updated"), types(events));
    JsonObject linked = events.get(0).getJsonObject("data");
    assertEquals("4711", linked.getString("productAccountId"));
    assertEquals("lookup", linked.getString("linkedBy"));
    assertEquals(nancy, linked.getJsonObject("user").getString("id"));
    assertEquals(
        "Sales Representative",
        events.get(1).getJsonObject("data").getJsonObject("user").getString("title"));

    JsonObject entry = directoryUser(nancy);
    assertEquals("4711", entry.getString("productAccountId"));
    assertTrue(entry.getBoolean("linked"));
    JsonObject janet = directoryUser(lookupId("janet.leverling@northwind.example"));
    assertEquals("4713", janet.getString("productAccountId"));
    assertFalse(janet.getBoolean("linked"), "not found by the identity provider yet");

    // a second lookup links nothing again
    lookup("userName+eq+%22nancy.davolio%40northwind.example%22");
    assertEquals(1, types(events()).stream().filter("user.linked"::equals).count());
  }

  @Test
  void aPostWhoseUserNameMatchesAnImportedAccountLinksItAndCreatesNothing() {
    importJson(ACCOUNTS);
    String andrew = lookupId("andrew.fuller@northwind.example");
    // Entra after an unmatched lookup on another attribute: POST, userName in another case
    ScimClient.Reply created =
        scim.post(
            "/Users",
            token,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%s"],
             "externalId": "afuller", "userName": "Andrew.Fuller@northwind.example", "active": true,
             "displayName": "Andrew Fuller", "name": {"givenName": "Andrew", "familyName": "Fuller"},
             "emails": [{"primary": true, "type": "work", "value": "andrew.fuller@northwind.example"}],
             "%s": {"department": "Executive"}}
            """
                .formatted(ENTERPRISE, ENTERPRISE));
    assertEquals(201, created.status(), created::toString);
    assertEquals(andrew, created.json().getString("id"), "the imported account, not a new user");
    assertEquals("Andrew.Fuller@northwind.example", created.json().getString("userName"));
    assertCounts(3, 3, 1);
    List<JsonObject> events = events();
    assertEquals(List.of("user.linked", "user.updated"), types(events.subList(0, 2)));
    assertEquals("create", events.get(0).getJsonObject("data").getString("linkedBy"));
    assertEquals("4712", directoryUser(andrew).getString("productAccountId"));

    // once linked, the same userName again is a conflict as for any user
    assertScimError(
        scim.post("/Users", token, "{\"userName\":\"andrew.fuller@northwind.example\"}"),
        409,
        "uniqueness");
  }

  /** The ids a lookup finds, without counting as the identity provider's (it links). */
  private String lookupId(String userName) {
    ScimClient.Reply reply = admin("GET", "/tenants/" + tenant + "/users?limit=1000", null);
    for (JsonObject user : reply.json().getJsonArray("users").getValuesAs(JsonObject.class)) {
      if (user.getString("userName").equalsIgnoreCase(userName)) {
        return user.getString("id");
      }
    }
    throw new AssertionError("no user " + userName + " in " + reply);
  }

  @Test
  void anEmailThatMatchesOnlyASecondaryAddressFindsTheAccount() {
    importJson(ACCOUNTS);
    String nancy = lookupId("nancy.davolio@northwind.example");
    // a count of the matches alone finds no one in particular: nothing is linked
    ScimClient.Reply counted =
        scim.get(
            "/Users?count=0&filter=userName+eq+%22nancy.davolio%40northwind.example%22", token);
    assertEquals(200, counted.status(), counted::toString);
    assertEquals(1, counted.json().getInt("totalResults"));
    assertTrue(events().isEmpty());
    // Entra with email as a matching attribute: the secondary address, in another case
    assertEquals(
        List.of(nancy),
        lookup("emails%5Btype+eq+%22work%22%5D.value+eq+%22Nancy%40northwind.example%22"));
    assertEquals("lookup", events().get(0).getJsonObject("data").getString("linkedBy"));
  }

  @Test
  void aPostWithAnotherUserNameButASecondaryAddressLinksTheAccount() {
    importJson(ACCOUNTS);
    String nancy = lookupId("nancy.davolio@northwind.example");
    // Entra: userName lookup on the UPN finds nothing, so it creates
    assertTrue(lookup("userName+eq+%22ndavolio%40northwind.onmicrosoft.example%22").isEmpty());
    ScimClient.Reply created =
        scim.post(
            "/Users",
            token,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName": "ndavolio@northwind.onmicrosoft.example", "active": true,
             "emails": [{"primary": true, "type": "work", "value": "NANCY@northwind.example"}]}
            """);
    assertEquals(201, created.status(), created::toString);
    assertEquals(nancy, created.json().getString("id"));
    assertEquals("ndavolio@northwind.onmicrosoft.example", created.json().getString("userName"));
    assertCounts(3, 3, 1);
    assertEquals("create", events().get(0).getJsonObject("data").getString("linkedBy"));

    // an address that no imported account has creates a user as always
    ScimClient.Reply other =
        scim.post(
            "/Users",
            token,
            "{\"userName\":\"margaret@northwind.example\","
                + "\"emails\":[{\"value\":\"margaret@northwind.example\",\"type\":\"work\"}]}");
    assertEquals(201, other.status(), other::toString);
    assertCounts(4, 3, 1);
  }

  @Test
  void oktaFindsTheAccountByItsLookupAndPutsTheProfile() {
    importJson(ACCOUNTS);
    ScimClient.Reply found =
        scim.get(
            "/Users?filter=userName%20eq%20%22janet.leverling%40northwind.example%22"
                + "&startIndex=1&count=100",
            token);
    assertEquals(1, found.json().getInt("totalResults"), found::toString);
    JsonObject janet = found.json().getJsonArray("Resources").getJsonObject(0);
    String id = janet.getString("id");
    ScimClient.Reply put =
        scim.put(
            "/Users/" + id,
            token,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "%s",
             "userName": "janet.leverling@northwind.example",
             "name": {"givenName": "Janet", "familyName": "Leverling"},
             "emails": [{"primary": true, "value": "janet.leverling@northwind.example", "type": "work"}],
             "displayName": "Janet Leverling", "locale": "en-US", "externalId": "00u1abcd",
             "groups": [], "active": true, "meta": {"resourceType": "User"}}
            """
                .formatted(id));
    assertEquals(200, put.status(), put::toString);
    assertEquals("Leverling", put.json().getJsonObject("name").getString("familyName"));
    assertCounts(3, 3, 1);
    assertEquals(List.of("user.linked", "user.updated"), types(events()));
  }

  @Test
  void importingAgainFindsAccountsByIdAndLeavesLinkedOnesToTheIdentityProvider() {
    importJson(ACCOUNTS);
    lookup("userName+eq+%22nancy.davolio%40northwind.example%22"); // Nancy is linked
    JsonObject again =
        importJson(ACCOUNTS.replace("\"givenName\": \"Janet\"", "\"givenName\": \"Janet M.\""));
    assertEquals(0, again.getInt("created"), again::toString);
    assertEquals(1, again.getInt("updated"), again::toString);
    assertEquals(1, again.getInt("unchanged"), again::toString);
    assertEquals(1, again.getInt("alreadyLinked"), again::toString);
    assertCounts(3, 3, 1);
    assertEquals(
        "Janet M.",
        directoryUser(lookupId("janet.leverling@northwind.example")).getString("givenName"));
  }

  @Test
  void anAccountTheIdentityProviderCreatedFirstIsMatchedNotDuplicated() {
    ScimClient.Reply created =
        scim.post("/Users", token, "{\"userName\":\"Janet.Leverling@northwind.example\"}");
    assertEquals(201, created.status());
    JsonObject report = importJson(ACCOUNTS);
    assertEquals(2, report.getInt("created"), report::toString);
    assertEquals(1, report.getInt("matchedExisting"), report::toString);
    assertCounts(3, 3, 1);
    List<JsonObject> events = events();
    assertEquals("user.linked", events.get(events.size() - 1).getString("type"));
    assertEquals(
        "import", events.get(events.size() - 1).getJsonObject("data").getString("linkedBy"));
    assertEquals(
        "4713", directoryUser(created.json().getString("id")).getString("productAccountId"));
  }

  @Test
  void csvReportsEachBadAccountByLineAndImportsTheRest() {
    JsonObject report =
        importCsv(
            "accountId,userName,email,givenName\n"
                + "1,a@northwind.example,,Ann\n"
                + ",b@northwind.example,,Bob\n"
                + "1,c@northwind.example,,Cy\n"
                + "4,,,Dee\n"
                + "5,e@northwind.example,e@northwind.example,Eve\n"
                + "6,A@NORTHWIND.EXAMPLE,,Ann again\n");
    assertEquals("csv", report.getString("format"));
    assertEquals(6, report.getInt("received"));
    assertEquals(2, report.getInt("created"), report::toString);
    assertEquals(4, report.getInt("failed"), report::toString);
    JsonArray problems = report.getJsonArray("problems");
    assertEquals(
        List.of(3, 4, 5, 7),
        problems.getValuesAs(JsonObject.class).stream().map(p -> p.getInt("line")).toList());
    assertTrue(problems.getJsonObject(1).getString("problem").contains("twice"), report::toString);
    assertTrue(problems.getJsonObject(3).getString("problem").contains("'1'"), report::toString);
    assertCounts(2, 2, 0);
  }

  @Test
  void aFileThatCannotBeReadImportsNothing() {
    ScimClient.Reply csv =
        new AdminApiClient(server)
            .asAdmin(
                "POST",
                "/tenants/" + tenant + "/accounts/import",
                "text/csv",
                "accountId,userName,firstName\n1,a@x.example,Ann\n");
    assertScimError(csv, 400, "invalidSyntax");
    assertTrue(csv.body().contains("firstName"), csv::toString);
    ScimClient.Reply json =
        admin(
            "POST",
            "/tenants/" + tenant + "/accounts/import",
            "[{\"accountId\":\"1\",\"userName\":\"a@x.example\"}, {\"accountId\":");
    assertScimError(json, 400, "invalidSyntax");
    assertCounts(0, 0, 0);
    assertScimError(admin("POST", "/tenants/no-such-tenant/accounts/import", "[]"), 404, null);
  }

  @Test
  void manyAccountsImportInPartsAndOneBadAccountCostsOnlyItself() {
    StringBuilder csv = new StringBuilder("accountId,email,department\n");
    int count = 700;
    for (int i = 0; i < count; i++) {
      csv.append("acc-")
          .append(i)
          .append(",user")
          .append(i)
          .append("@northwind.example,Dept ")
          .append(i % 7)
          .append('\n');
    }
    // in the second part: another account with a userName that account acc-1 has
    csv.append("acc-dup,USER1@northwind.example,Sales\n");
    JsonObject report = importCsv(csv.toString());
    assertEquals(count, report.getInt("created"), report::toString);
    assertEquals(1, report.getInt("failed"), report::toString);
    assertEquals(
        "acc-dup", report.getJsonArray("problems").getJsonObject(0).getString("accountId"));
    assertCounts(count, count, 0);
    ScimClient.Reply page = scim.get("/Users?startIndex=651&count=100", token);
    assertEquals(count, page.json().getInt("totalResults"));
    assertEquals(50, page.json().getJsonArray("Resources").size());
  }

  @Test
  void deletingAnImportedUserForgetsTheAccount() {
    importJson(ACCOUNTS);
    String janet = lookup("userName+eq+%22janet.leverling%40northwind.example%22").get(0);
    assertEquals(204, scim.delete("/Users/" + janet, token).status());
    assertCounts(2, 2, 0);
    JsonObject again = importJson(ACCOUNTS);
    assertEquals(1, again.getInt("created"), again::toString);
    assertNotEquals(janet, lookupId("janet.leverling@northwind.example"));
  }

  @Test
  void theConsoleImportsACsvFileAndShowsTheCounts() {
    ConsoleClient browser = new ConsoleClient(server);
    assertEquals(200, browser.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD).status());
    ConsoleClient.Page tenantPage = browser.get("/admin/tenant.xhtml?id=" + tenant);
    assertTrue(tenantPage.contains("accounts.xhtml?id=" + tenant), "the tenant page links to it");
    ConsoleClient.Page page = browser.get("/admin/accounts.xhtml?id=" + tenant);
    assertEquals(200, page.status());
    assertEquals("0", page.textOf("countImported"));
    ConsoleClient.Page after =
        browser.submitWithFile(
            "/admin/accounts.xhtml",
            "importAccounts",
            "upload",
            Map.of("=id", tenant),
            "file",
            "northwind.csv",
            "accountId,userName,givenName\r\n7,ann@northwind.example,Ann\r\n8,,Nobody\r\n");
    assertTrue(after.redirected(), "Post/Redirect/Get: " + after.html());
    assertTrue(after.contains("1 new"), after.html());
    assertEquals("1", after.textOf("countImported"));
    assertEquals("1", after.textOf("countNotYetLinked"));
    assertTrue(after.contains("Neither userName nor email"), "the problem, by line");
    assertEquals(404, browser.get("/admin/accounts.xhtml?id=no-such-tenant").status());
  }
}
