package dev.roster.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.events.entity.ChangeEvent;
import dev.roster.groups.control.GroupStore;
import dev.roster.scim.ScimException;
import dev.roster.storage.ChangeEventRows;
import dev.roster.storage.JpaTransactions;
import dev.roster.users.control.UserStore;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change feed as the stores write it, on a real database (H2, and PostgreSQL in the second
 * run): which write makes which event, that a write that changes nothing makes none, and that
 * numbers have no gaps under concurrent and failing writers.
 */
class ChangeFeedStoreIT {

  static EntityManagerFactory factory;

  @BeforeAll
  static void open() {
    factory = JpaDatabase.open("changefeedstoreit");
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void aUsersLifeIsOneEventPerChangeAndNoneForNoChange() {
    String tenant = newTenant();
    String id =
        users(
            tenant,
            s ->
                s.create(
                        json(
                            "{\"userName\":\"Nancy@Northwind.example\",\"name\":{\"givenName\":\"Nancy\","
                                + "\"familyName\":\"Davolio\"},\"emails\":[{\"type\":\"work\",\"value\":"
                                + "\"nancy@northwind.example\",\"primary\":true}],\"active\":true,"
                                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
                                + "{\"department\":\"Sales\"}}"))
                    .scimId());
    // Entra ID's no-op: the same value again
    users(tenant, s -> s.patch(id, patch("replace", "active", "true"), null));
    users(tenant, s -> s.patch(id, patch("replace", "active", "false"), null));
    // a PUT without active after a deactivation: active again in the product's view
    users(tenant, s -> s.replace(id, json("{\"userName\":\"nancy@northwind.example\"}"), null));
    users(tenant, s -> s.patch(id, patch("add", "phoneNumbers", "[{\"value\":\"+1 555\"}]"), null));
    users(tenant, s -> s.patch(id, patch("replace", "title", "\"Rep\""), null));
    users(
        tenant,
        s -> {
          s.delete(id, null);
          return null;
        });

    List<ChangeEvent> all = events(tenant);
    assertEquals(
        List.of(
            "user.created",
            "department.member_added",
            "user.deactivated",
            "user.reactivated",
            "department.member_removed", // the PUT left the department out
            "user.updated",
            "user.updated",
            "user.deleted"),
        all.stream().map(ChangeEvent::type).toList());
    assertNumberedFromOne(all);
    String sales = "attr-c2FsZXM";
    assertEquals(id, all.get(1).resourceId(), "the user whose write it was");
    assertEquals(
        json("{\"id\":\"" + sales + "\",\"name\":\"Sales\",\"source\":\"attribute\"}"),
        data(all.get(4)).getJsonObject("department"));
    assertEquals("[\"" + id + "\"]", data(all.get(4)).getJsonArray("memberIds").toString());
    List<ChangeEvent> events = all.stream().filter(e -> e.type().startsWith("user.")).toList();
    events.forEach(e -> assertEquals(id, e.resourceId()));

    JsonObject created = data(events.get(0)).getJsonObject("user");
    assertEquals("nancy@northwind.example", created.getString("email"));
    assertEquals("Sales", created.getString("department"));
    assertEquals("Davolio", created.getString("familyName"));

    JsonObject deactivated = data(events.get(1));
    assertEquals(
        json("{\"active\":{\"old\":true,\"new\":false}}"), deactivated.getJsonObject("changes"));
    assertEquals("[\"active\"]", deactivated.getJsonArray("changedAttributes").toString());

    JsonObject reactivated = data(events.get(2));
    JsonObject changes = reactivated.getJsonObject("changes");
    assertEquals(json("{\"old\":false,\"new\":true}"), changes.getJsonObject("active"));
    assertEquals("Sales", changes.getJsonObject("department").getString("old"));
    assertTrue(changes.getJsonObject("department").isNull("new"));
    // the email falls back to userName once no email is left
    assertEquals("nancy@northwind.example", changes.getJsonObject("userName").getString("new"));

    JsonObject phones = data(events.get(3));
    assertEquals(json("{}"), phones.getJsonObject("changes"));
    assertEquals("[\"phoneNumbers\"]", phones.getJsonArray("changedAttributes").toString());

    assertEquals(
        json("{\"old\":null,\"new\":\"Rep\"}"),
        data(events.get(4)).getJsonObject("changes").getJsonObject("title"));
    assertEquals(
        "nancy@northwind.example", data(events.get(5)).getJsonObject("user").getString("userName"));
  }

  @Test
  void groupEventsNameTheMembersThatChangedAndNoOthers() {
    String tenant = newTenant();
    List<String> u = createUsers(tenant, 4);
    String group =
        groups(
            tenant,
            s ->
                s.create(
                        json(
                            "{\"displayName\":\"Sales\",\"members\":["
                                + member(u.get(0))
                                + ","
                                + member(u.get(1))
                                + ",{\"value\":\"not-a-user\"}]}"))
                    .scimId());
    int before = events(tenant).size();
    // already a member, and not a member: no change
    groups(
        tenant, s -> s.patch(group, patch("add", "members", "[" + member(u.get(0)) + "]"), null));
    groups(
        tenant,
        s ->
            s.patch(group, patch("remove", "members", "[{\"value\":\"" + u.get(3) + "\"}]"), null));
    assertEquals(before, events(tenant).size());

    groups(
        tenant,
        s ->
            s.patch(
                group,
                json(
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                        + u.get(0)
                        + "\\\"]\"}]}"),
                null));
    groups(
        tenant,
        s ->
            s.replace(
                group,
                json(
                    "{\"displayName\":\"Sales EMEA\",\"members\":["
                        + member(u.get(1))
                        + ","
                        + member(u.get(2))
                        + "]}"),
                null));
    groups(
        tenant,
        s ->
            s.patch(
                group,
                json(
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members\"}]}"),
                null));
    groups(
        tenant,
        s -> {
          s.delete(group, null);
          return null;
        });

    List<ChangeEvent> events = events(tenant);
    assertNumberedFromOne(events);
    List<ChangeEvent> ofGroup = events.stream().filter(e -> e.resourceId().equals(group)).toList();
    assertEquals(
        List.of(
            "group.created",
            "group.members_added",
            "group.members_removed",
            "group.renamed",
            "group.members_added",
            "group.members_removed",
            "group.deleted"),
        ofGroup.stream().map(ChangeEvent::type).toList());
    assertEquals(List.of(u.get(0), u.get(1)), memberIds(ofGroup.get(1)));
    assertEquals(List.of(u.get(0)), memberIds(ofGroup.get(2)));
    assertEquals(
        json("{\"displayName\":{\"old\":\"Sales\",\"new\":\"Sales EMEA\"}}"),
        data(ofGroup.get(3)).getJsonObject("changes"));
    assertEquals(List.of(u.get(2)), memberIds(ofGroup.get(4)));
    assertEquals(
        List.of(u.get(1), u.get(2)).stream().sorted().toList(),
        memberIds(ofGroup.get(5)).stream().sorted().toList());
    assertEquals(
        "Sales EMEA", data(ofGroup.get(6)).getJsonObject("group").getString("displayName"));
  }

  @Test
  void aGroupWhoseExternalIdAloneChangesIsUpdatedNotRenamed() {
    String tenant = newTenant();
    String group =
        groups(
            tenant, s -> s.create(json("{\"displayName\":\"Ops\",\"externalId\":\"a\"}")).scimId());
    groups(tenant, s -> s.patch(group, patch("replace", "externalId", "\"b\""), null));
    ChangeEvent updated = events(tenant).get(1);
    assertEquals("group.updated", updated.type());
    assertEquals(
        json("{\"externalId\":{\"old\":\"a\",\"new\":\"b\"}}"),
        data(updated).getJsonObject("changes"));
  }

  @Test
  void aLargeMemberChangeIsSplitIntoEventsOfAThousand() {
    String tenant = newTenant();
    List<String> u = createUsers(tenant, 2500);
    JsonArrayBuilder members = Json.createArrayBuilder();
    u.forEach(id -> members.add(Json.createObjectBuilder().add("value", id)));
    String group =
        groups(
            tenant,
            s ->
                s.create(
                        Json.createObjectBuilder()
                            .add("displayName", "Everyone")
                            .add("members", members)
                            .build())
                    .scimId());
    List<ChangeEvent> adds =
        events(tenant).stream().filter(e -> e.type().equals("group.members_added")).toList();
    assertEquals(List.of(1000, 1000, 500), adds.stream().map(e -> memberIds(e).size()).toList());
    List<String> named = new ArrayList<>();
    adds.forEach(e -> named.addAll(memberIds(e)));
    assertEquals(u, named);
    assertTrue(adds.stream().allMatch(e -> e.resourceId().equals(group)));
  }

  @Test
  void aWriteThatFailsLeavesNoEventAndNoGap() {
    String tenant = newTenant();
    users(tenant, s -> s.create(json("{\"userName\":\"taken\"}")));
    assertThrows(
        ScimException.class, () -> users(tenant, s -> s.create(json("{\"userName\":\"TAKEN\"}"))));
    users(tenant, s -> s.create(json("{\"userName\":\"next\"}")));
    List<ChangeEvent> events = events(tenant);
    assertEquals(2, events.size());
    assertNumberedFromOne(events);
  }

  @Test
  void concurrentWritersOfOneTenantGetEveryNumberOnce() throws Exception {
    String tenant = newTenant();
    users(tenant, s -> s.create(json("{\"userName\":\"first\"}")));
    int writers = 6;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<String> created = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    String name = "w" + writer + "-" + i;
                    created.add(
                        users(
                            tenant,
                            s -> s.create(json("{\"userName\":\"" + name + "\"}")).scimId()));
                    // a write that fails in between gives its number back
                    try {
                      users(tenant, s -> s.create(json("{\"userName\":\"first\"}")));
                    } catch (ScimException expected) {
                      // 409
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<ChangeEvent> events = events(tenant);
    assertEquals(1 + writers * each, events.size());
    assertNumberedFromOne(events);
    assertEquals(
        created.stream().sorted().toList(),
        events.subList(1, events.size()).stream().map(ChangeEvent::resourceId).sorted().toList());
    long last = JpaTransactions.in(factory, em -> new ChangeEventRows(em).lastNumber(tenant));
    assertEquals(events.size(), last);
  }

  @Test
  void tenantsNumberTheirEventsEachFromOne() {
    String a = newTenant();
    String b = newTenant();
    users(a, s -> s.create(json("{\"userName\":\"a1\"}")));
    users(b, s -> s.create(json("{\"userName\":\"b1\"}")));
    users(a, s -> s.create(json("{\"userName\":\"a2\"}")));
    assertNumberedFromOne(events(a));
    assertNumberedFromOne(events(b));
    assertEquals(2, events(a).size());
    assertEquals(1, events(b).size());
  }

  @Test
  void purgeDeletesOldEventsButNumbersGoOn() {
    String tenant = newTenant();
    users(tenant, s -> s.create(json("{\"userName\":\"old\"}")));
    JpaTransactions.in(
        factory,
        em ->
            em.createNativeQuery("UPDATE CHANGE_EVENT SET OCCURRED = ?1 WHERE TENANT_ID = ?2")
                .setParameter(1, java.sql.Timestamp.valueOf("2020-01-01 00:00:00"))
                .setParameter(2, tenant)
                .executeUpdate());
    users(tenant, s -> s.create(json("{\"userName\":\"new\"}")));
    int purged =
        JpaTransactions.in(
            factory,
            em ->
                new ChangeEventRows(em).purgeOlderThan(Instant.parse("2021-01-01T00:00:00Z"), 10));
    assertTrue(purged >= 1);
    List<ChangeEvent> left = events(tenant);
    assertEquals(1, left.size());
    assertEquals(2, left.get(0).seq());
    long oldest = JpaTransactions.in(factory, em -> new ChangeEventRows(em).oldestKept(tenant));
    assertEquals(2, oldest);
    users(tenant, s -> s.create(json("{\"userName\":\"newer\"}")));
    assertEquals(3, events(tenant).get(1).seq());
  }

  // --- helpers

  private static String newTenant() {
    return "feed-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static List<String> createUsers(String tenant, int n) {
    return users(
        tenant,
        s -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            ids.add(s.create(json("{\"userName\":\"member" + i + "\"}")).scimId());
          }
          return ids;
        });
  }

  private static <T> T users(String tenant, Function<UserStore, T> work) {
    return JpaTransactions.in(factory, em -> work.apply(new UserStore(em, tenant)));
  }

  private static <T> T groups(String tenant, Function<GroupStore, T> work) {
    return JpaTransactions.in(factory, em -> work.apply(new GroupStore(em, tenant)));
  }

  private static List<ChangeEvent> events(String tenant) {
    return JpaTransactions.in(factory, em -> new ChangeEventRows(em).after(tenant, 0, 100_000));
  }

  private static void assertNumberedFromOne(List<ChangeEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).seq(), "event " + i + " of " + events);
    }
  }

  private static JsonObject data(ChangeEvent event) {
    return json(event.data());
  }

  private static List<String> memberIds(ChangeEvent event) {
    return data(event)
        .getJsonArray("memberIds")
        .getValuesAs(v -> ((jakarta.json.JsonString) v).getString());
  }

  private static String member(String id) {
    return "{\"value\":\"" + id + "\"}";
  }

  private static JsonObject patch(String op, String path, String value) {
    return json(
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\""
            + op
            + "\",\"path\":\""
            + path
            + "\",\"value\":"
            + value
            + "}]}");
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
