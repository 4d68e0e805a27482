package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Departments black-box (docs/directory-api.md): from the users' enterprise {@code department} as
 * Entra ID and Okta send it, from pushed groups, or both, as the tenant's {@code departmentSource}
 * says; their members; and the department events of the change feed under each setting.
 */
@ExtendWith(ArquillianExtension.class)
class DepartmentsIT {

  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private String tenant;
  private String token;
  private String key;

  @BeforeEach
  void aTenantWithATokenAndAKey() {
    tenant = "dep-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201,
        asAdmin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Departments\"}")
            .status());
    token =
        asAdmin("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"Entra\"}")
            .json()
            .getString("token");
    key =
        asAdmin("POST", "/api-keys", "{\"label\":\"product\",\"scopes\":[\"directory\"]}")
            .json()
            .getString("key");
  }

  @Test
  void byDefaultDepartmentsAreTheUsersDepartmentValuesWithoutCase() {
    String barbara = user("bjensen", "Sales");
    String kim = user("kakers", "sales");
    user("nobody", null);
    String ravi = user("ravi", "Marketing");

    JsonObject list = read("/tenants/" + tenant + "/departments").json();
    assertEquals("attribute", list.getString("departmentSource"));
    List<JsonObject> departments = list.getJsonArray("departments").getValuesAs(JsonObject.class);
    assertEquals(List.of("Marketing", "Sales"), names(departments), list::toString);
    assertTrue(list.isNull("next"));
    JsonObject sales = departments.get(1);
    assertEquals("attribute", sales.getString("source"));

    assertEquals(
        sales, read("/tenants/" + tenant + "/departments/" + sales.getString("id")).json());
    assertEquals(List.of(barbara, kim), memberIds(sales.getString("id")));
    assertEquals(List.of(ravi), memberIds(departments.get(0).getString("id")));

    JsonObject user = read("/tenants/" + tenant + "/users/" + kim).json();
    assertEquals(sales.getString("id"), departmentIdsOf(user).get(0), user::toString);
    assertEquals(
        0,
        read("/tenants/" + tenant + "/users")
            .json()
            .getJsonArray("users")
            .get(2)
            .asJsonObject()
            .getJsonArray("departments")
            .size());
  }

  @Test
  void aDepartmentLeftByItsLastMemberIsGone() {
    String only = user("solo", "Legal");
    String id = departmentIdsOf(read("/tenants/" + tenant + "/users/" + only).json()).get(0);
    assertEquals(200, read("/tenants/" + tenant + "/departments/" + id).status());

    patch("/Users/" + only, replace(ENTERPRISE + ":department", "\"Finance\""));

    assertScimError(read("/tenants/" + tenant + "/departments/" + id), 404, null);
    assertEquals(
        List.of("Finance"),
        names(
            read("/tenants/" + tenant + "/departments")
                .json()
                .getJsonArray("departments")
                .getValuesAs(JsonObject.class)));
  }

  @Test
  void pagesWalkEveryDepartmentAndEveryMemberOnce() {
    List<String> sales = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      user("d" + i, "Dept " + (i % 3));
      sales.add(user("s" + i, "Sales"));
    }
    List<String> seen = new ArrayList<>();
    String after = null;
    for (int pages = 0; pages < 10; pages++) {
      JsonObject page =
          read("/tenants/"
                  + tenant
                  + "/departments?limit=2"
                  + (after == null ? "" : "&after=" + after))
              .json();
      seen.addAll(names(page.getJsonArray("departments").getValuesAs(JsonObject.class)));
      if (page.isNull("next")) {
        break;
      }
      after = page.getString("next");
    }
    assertEquals(List.of("Dept 0", "Dept 1", "Dept 2", "Sales"), seen);

    String salesId =
        departmentIdsOf(read("/tenants/" + tenant + "/users/" + sales.get(0)).json()).get(0);
    List<String> members = new ArrayList<>();
    String from = "";
    for (int pages = 0; pages < 10; pages++) {
      JsonObject page =
          read("/tenants/"
                  + tenant
                  + "/departments/"
                  + salesId
                  + "/members?limit=3"
                  + (from.isEmpty() ? "" : "&after=" + from))
              .json();
      page.getJsonArray("members").forEach(m -> members.add(m.asJsonObject().getString("id")));
      if (page.isNull("next")) {
        break;
      }
      from = page.getString("next");
    }
    assertEquals(sales, members);
  }

  @Test
  void underGroupsTheDepartmentsAreThePushedGroupsAndTheirUserMembers() {
    String barbara = user("bjensen", "Sales");
    String kim = user("kakers", null);
    String nested = group("Nested", List.of());
    String emea = group("Sales EMEA", List.of(barbara, kim, nested));

    JsonObject changed = setSource("groups");
    assertEquals("groups", changed.getString("departmentSource"));

    JsonObject list = read("/tenants/" + tenant + "/departments").json();
    assertEquals(
        List.of("Nested", "Sales EMEA"),
        names(list.getJsonArray("departments").getValuesAs(JsonObject.class)));
    JsonObject department = read("/tenants/" + tenant + "/departments/" + emea).json();
    assertEquals("group", department.getString("source"));
    assertEquals("Sales EMEA", department.getString("name"));
    assertEquals(List.of(barbara, kim), memberIds(emea), "users only, in the order added");
    assertEquals(
        List.of(emea), departmentIdsOf(read("/tenants/" + tenant + "/users/" + barbara).json()));

    String attributeId = "attr-c2FsZXM"; // "sales"
    assertScimError(read("/tenants/" + tenant + "/departments/" + attributeId), 404, null);

    setSource("both");
    JsonObject both = read("/tenants/" + tenant + "/departments?limit=1").json();
    assertEquals(
        "Sales", names(both.getJsonArray("departments").getValuesAs(JsonObject.class)).get(0));
    JsonObject next =
        read("/tenants/" + tenant + "/departments?limit=5&after=" + both.getString("next")).json();
    assertEquals(
        List.of("Nested", "Sales EMEA"),
        names(next.getJsonArray("departments").getValuesAs(JsonObject.class)));
    assertEquals(
        List.of(attributeId, emea),
        departmentIdsOf(read("/tenants/" + tenant + "/users/" + barbara).json()));
    assertEquals(200, read("/tenants/" + tenant + "/departments/" + attributeId).status());
  }

  @Test
  void departmentEventsFollowTheTenantsSource() {
    long start = latest();
    String barbara = user("bjensen", "Sales");
    patch("/Users/" + barbara, replace(ENTERPRISE + ":department", "\"SALES\"")); // case only
    patch("/Users/" + barbara, replace(ENTERPRISE + ":department", "\"Marketing\""));
    patch("/Users/" + barbara, replace("title", "\"Rep\"")); // no department change

    List<JsonObject> events = eventsAfter(start);
    assertEquals(
        List.of(
            "user.created",
            "department.member_added",
            "user.updated",
            "user.updated",
            "department.member_removed",
            "department.member_added",
            "user.updated"),
        types(events));
    JsonObject joined = events.get(1).getJsonObject("data");
    assertEquals("Sales", joined.getJsonObject("department").getString("name"));
    assertEquals("attribute", joined.getJsonObject("department").getString("source"));
    assertEquals(List.of(barbara), ids(joined));
    assertEquals(
        "SALES", events.get(4).getJsonObject("data").getJsonObject("department").getString("name"));
    assertEquals(
        "Marketing",
        events.get(5).getJsonObject("data").getJsonObject("department").getString("name"));
    String seen = String.join(",", types(events));
    assertTrue(!seen.contains("department.created"), "attribute departments have no lifecycle");

    long beforeGroups = latest();
    setSource("groups");
    String group = group("Sales EMEA", List.of(barbara));
    rename(group, "Sales Europe");
    user("kakers", "Legal"); // not a department under 'groups'
    assertEquals(204, new ScimClient(server).delete("/Groups/" + group, token).status());

    List<JsonObject> grouped = eventsAfter(beforeGroups);
    assertEquals(
        List.of(
            "departments.source_changed",
            "group.created",
            "department.created",
            "group.members_added",
            "department.member_added",
            "group.renamed",
            "department.renamed",
            "user.created",
            "group.deleted",
            "department.deleted"),
        types(grouped));
    JsonObject source = grouped.get(0).getJsonObject("data");
    assertEquals("groups", source.getString("departmentSource"));
    assertEquals("attribute", source.getJsonObject("source").getString("old"));
    JsonObject added = grouped.get(4).getJsonObject("data");
    assertEquals(group, added.getJsonObject("department").getString("id"));
    assertEquals("group", added.getJsonObject("department").getString("source"));
    assertEquals(List.of(barbara), ids(added));
    assertEquals(
        "Sales Europe",
        grouped
            .get(6)
            .getJsonObject("data")
            .getJsonObject("changes")
            .getJsonObject("name")
            .getString("new"));

    long beforeSame = latest();
    setSource("groups");
    assertEquals(beforeSame, latest(), "choosing the same source again is no change");
  }

  @Test
  void aDepartmentWithAVeryLongNameIsADepartmentToo() {
    String name = "Research and development, ".repeat(40).strip();
    long start = latest();
    String user = user("long", name);
    String id = departmentIdsOf(read("/tenants/" + tenant + "/users/" + user).json()).get(0);
    assertEquals(name, read("/tenants/" + tenant + "/departments/" + id).json().getString("name"));
    assertEquals(List.of(user), memberIds(id));
    List<JsonObject> events = eventsAfter(start);
    assertEquals(List.of("user.created", "department.member_added"), types(events));
    assertEquals(user, events.get(1).getString("resourceId"), "the user whose write it was");
  }

  @Test
  void badSettingsAndCursorsAreRefusedAndChangeNothing() {
    assertScimError(
        asAdmin("PATCH", "/tenants/" + tenant, "{\"departmentSource\":\"ou\",\"name\":\"New\"}"),
        400,
        "invalidValue");
    JsonObject unchanged = asAdmin("GET", "/tenants/" + tenant, null).json();
    assertEquals("attribute", unchanged.getString("departmentSource"));
    assertEquals("Departments", unchanged.getString("name"));
    assertScimError(
        asAdmin("PATCH", "/tenants/" + tenant, "{\"departmentSource\":true}"), 400, "invalidValue");

    assertScimError(
        read("/tenants/" + tenant + "/departments?after=nonsense"), 400, "invalidValue");
    assertScimError(read("/tenants/" + tenant + "/departments?after=group-x"), 400, "invalidValue");
    assertScimError(read("/tenants/" + tenant + "/departments?limit=0"), 400, "invalidValue");
    assertScimError(read("/tenants/" + tenant + "/departments/attr-%25%25"), 404, null);
    assertScimError(read("/tenants/no-such-tenant/departments"), 404, null);
    String adminKey =
        asAdmin("POST", "/api-keys", "{\"label\":\"ops\",\"scopes\":[\"admin\"]}")
            .json()
            .getString("key");
    assertScimError(
        new AdminApiClient(server)
            .withKey(adminKey, "GET", "/tenants/" + tenant + "/departments", null),
        403,
        null);
  }

  // SCIM writes as Entra ID sends them

  private String user(String name, String department) {
    String enterprise =
        department == null ? "" : ",\"" + ENTERPRISE + "\":{\"department\":\"" + department + "\"}";
    ScimClient.Reply reply =
        new ScimClient(server)
            .post(
                "/Users",
                token,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                    + ENTERPRISE
                    + "\"],\"userName\":\""
                    + name
                    + "@contoso.com\",\"active\":true"
                    + enterprise
                    + "}");
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  private String group(String name, List<String> members) {
    StringBuilder values = new StringBuilder();
    for (String member : members) {
      values
          .append(values.length() == 0 ? "" : ",")
          .append("{\"value\":\"")
          .append(member)
          .append("\"}");
    }
    ScimClient.Reply reply =
        new ScimClient(server)
            .post(
                "/Groups",
                token,
                "{\"displayName\":\"" + name + "\",\"members\":[" + values + "]}");
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  private void rename(String group, String name) {
    patch("/Groups/" + group, replace("displayName", "\"" + name + "\""));
  }

  private void patch(String path, String operation) {
    ScimClient.Reply reply =
        new ScimClient(server)
            .patch(
                path,
                token,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":["
                    + operation
                    + "]}");
    assertTrue(reply.status() == 200 || reply.status() == 204, reply::toString);
  }

  private static String replace(String path, String value) {
    return "{\"op\":\"Replace\",\"path\":\"" + path + "\",\"value\":" + value + "}";
  }

  // The product's side

  private JsonObject setSource(String source) {
    ScimClient.Reply reply =
        asAdmin("PATCH", "/tenants/" + tenant, "{\"departmentSource\":\"" + source + "\"}");
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private List<String> memberIds(String department) {
    ScimClient.Reply reply = read("/tenants/" + tenant + "/departments/" + department + "/members");
    assertEquals(200, reply.status(), reply::toString);
    List<String> ids = new ArrayList<>();
    reply.json().getJsonArray("members").forEach(m -> ids.add(m.asJsonObject().getString("id")));
    return ids;
  }

  private long latest() {
    return read("/tenants/" + tenant + "/events?after=latest")
        .json()
        .getJsonNumber("next")
        .longValue();
  }

  private List<JsonObject> eventsAfter(long after) {
    ScimClient.Reply reply = read("/tenants/" + tenant + "/events?limit=1000&after=" + after);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonArray("events").getValuesAs(JsonObject.class);
  }

  private static List<String> types(List<JsonObject> events) {
    return events.stream().map(e -> e.getString("type")).toList();
  }

  private static List<String> ids(JsonObject data) {
    return data.getJsonArray("memberIds").getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  private static List<String> names(List<JsonObject> departments) {
    return departments.stream().map(d -> d.getString("name")).toList();
  }

  private static List<String> departmentIdsOf(JsonObject user) {
    return user.getJsonArray("departments").getValuesAs(JsonObject.class).stream()
        .map(d -> d.getString("id"))
        .toList();
  }

  private ScimClient.Reply read(String path) {
    return new AdminApiClient(server).withKey(key, "GET", path, null);
  }

  private ScimClient.Reply asAdmin(String method, String path, String json) {
    return new AdminApiClient(server).asAdmin(method, path, json);
  }
}
