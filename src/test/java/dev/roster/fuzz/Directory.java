package dev.roster.fuzz;

import static dev.roster.fuzz.Json.arr;
import static dev.roster.fuzz.Json.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small directory every seed starts from, the same in two tenants (same userNames, so that
 * tenant isolation is tested too), and the ids the server gave it. Users follow RFC 7643 §8 and the
 * shapes Entra ID and Okta create; groups nest ("Staff" holds "Tour Guides", "Everyone" holds
 * "Staff").
 *
 * @param tenants the tenants by name, in {@link #TENANTS} order
 */
public record Directory(Map<String, Tenant> tenants) {

  public static final List<String> TENANTS = List.of("acme", "globex");

  public static final List<String> USER_NAMES =
      List.of(
          "bjensen",
          "jsmith@example.org",
          "mpepper",
          "isaac.brock@example.com",
          "alice@contoso.com",
          "minimal",
          "zoë.ångström@例え.jp",
          "multi.valued@example.com",
          "bystander.8@example.com",
          "bystander.9@example.com",
          "bystander.10@example.com",
          "bystander.11@example.com");

  public static final List<String> GROUP_NAMES =
      List.of("Tour Guides", "Staff", "Empty", "Everyone");

  /**
   * Generated writes by id go to the first users and groups nearly always; the rest are bystanders,
   * read and filtered on, named as members, but rarely written, so that a write that changes what
   * it did not name shows.
   */
  public static final int WRITABLE_USERS = 5;

  public static final int WRITABLE_GROUPS = 3;

  /**
   * One tenant's seeded users and groups: their ids, by index into {@link #USER_NAMES} and {@link
   * #GROUP_NAMES}.
   */
  public record Tenant(String name, List<String> users, List<String> groups) {

    public boolean owns(String id) {
      return users.contains(id) || groups.contains(id);
    }

    /** The users generated writes go to, and nearly always name as members. */
    public List<String> writableUsers() {
      return users.subList(0, Math.min(WRITABLE_USERS, users.size()));
    }
  }

  public Tenant tenant(String name) {
    return tenants.get(name);
  }

  public String other(String tenant) {
    return tenant.equals(TENANTS.get(0)) ? TENANTS.get(1) : TENANTS.get(0);
  }

  /** The tenant that owns the id, or null for an id the directory did not seed. */
  public String ownerOf(String id) {
    for (Tenant t : tenants.values()) {
      if (t.owns(id)) {
        return t.name();
      }
    }
    return null;
  }

  /** Every seeded id of every tenant. */
  public List<String> allIds() {
    List<String> ids = new ArrayList<>();
    for (Tenant t : tenants.values()) {
      ids.addAll(t.users());
      ids.addAll(t.groups());
    }
    return ids;
  }

  /**
   * The POST body of user {@code k} of a tenant.
   *
   * @param earlier the ids of the users created before it (managers point at them)
   */
  public static String userBody(String tenant, int k, List<String> earlier) {
    String userName = USER_NAMES.get(k);
    Json.Obj user =
        switch (k) {
          case 0 ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN, Schemas.ENTERPRISE_URN),
                  "userName",
                  userName,
                  "externalId",
                  tenant + "-701984",
                  "name",
                  obj(
                      "formatted", "Ms. Barbara J Jensen, III",
                      "familyName", "Jensen",
                      "givenName", "Barbara",
                      "middleName", "Jane",
                      "honorificPrefix", "Ms.",
                      "honorificSuffix", "III"),
                  "displayName",
                  "Babs Jensen",
                  "nickName",
                  "Babs",
                  "profileUrl",
                  "https://login.example.com/bjensen",
                  "emails",
                  arr(
                      obj("value", "bjensen@example.com", "type", "work", "primary", true),
                      obj("value", "babs@jensen.org", "type", "home")),
                  "addresses",
                  arr(
                      obj(
                          "type", "work",
                          "streetAddress", "100 Universal City Plaza",
                          "locality", "Hollywood",
                          "region", "CA",
                          "postalCode", "91608",
                          "country", "US",
                          "formatted", "100 Universal City Plaza\nHollywood, CA 91608 USA",
                          "primary", true),
                      obj("type", "home", "locality", "Hollywood", "country", "US")),
                  "phoneNumbers",
                  arr(
                      obj("value", "555-555-5555", "type", "work"),
                      obj("value", "555-555-4444", "type", "mobile")),
                  "ims",
                  arr(obj("value", "someaimhandle", "type", "aim")),
                  "photos",
                  arr(
                      obj(
                          "value",
                          "https://photos.example.com/profilephoto/72930000000Ccne/F",
                          "type",
                          "photo")),
                  "userType",
                  "Employee",
                  "title",
                  "Tour Guide (" + tenant + ")",
                  "preferredLanguage",
                  "en-US",
                  "locale",
                  "en-US",
                  "timezone",
                  "America/Los_Angeles",
                  "active",
                  true,
                  "x509Certificates",
                  arr(obj("value", "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UE")),
                  Schemas.ENTERPRISE_URN,
                  obj(
                      "employeeNumber", "701984",
                      "costCenter", "4130",
                      "organization", "Universal Studios",
                      "division", "Theme Park",
                      "department", "Tour Operations"));
          case 1 ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN, Schemas.ENTERPRISE_URN),
                  "userName",
                  userName,
                  "name",
                  obj("familyName", "Smith", "givenName", "John"),
                  "active",
                  false,
                  "emails",
                  arr(obj("value", userName, "type", "work", "primary", true)),
                  Schemas.ENTERPRISE_URN,
                  obj("manager", obj("value", earlier.get(0)), "department", "Finance"));
          case 2 ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN),
                  "userName",
                  userName,
                  "title",
                  "Manager",
                  "emails",
                  arr(obj("value", "mpepper@example.com", "type", "home")));
          case 3 ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN),
                  "userName",
                  userName,
                  "externalId",
                  "00u1abcd" + tenant,
                  "name",
                  obj("givenName", "Isaac", "familyName", "Brock"),
                  "emails",
                  arr(obj("primary", true, "value", userName, "type", "work")),
                  "displayName",
                  "Isaac Brock",
                  "locale",
                  "en-US",
                  "groups",
                  arr(),
                  "password",
                  "1mz050nq",
                  "active",
                  true);
          case 4 ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN, Schemas.ENTERPRISE_URN),
                  "userName",
                  userName,
                  "externalId",
                  "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                  "active",
                  "True",
                  "displayName",
                  "Alice Example",
                  "phoneNumbers",
                  arr(obj("value", "+1 425 555 0100", "type", "mobile")),
                  Schemas.ENTERPRISE_URN,
                  obj("department", "Sales", "manager", obj("value", earlier.get(3))));
          case 5 -> obj("userName", userName);
          case 6 ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN),
                  "userName",
                  userName,
                  "displayName",
                  "Zoë Ångström 東京 😀",
                  "nickName",
                  "Zo\"ë \\ \u00a0 ok",
                  "name",
                  obj("givenName", "Zoë", "familyName", "Ångström"));
          case 7 ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN),
                  "userName",
                  userName,
                  "roles",
                  arr(obj("value", "admin", "primary", true), obj("value", "auditor")),
                  "entitlements",
                  arr(obj("value", "badge-7")),
                  "phoneNumbers",
                  arr(
                      obj("value", "555-0001", "type", "work", "primary", true),
                      obj("value", "555-0002", "type", "home"),
                      obj("value", "555-0003", "type", "fax")),
                  "addresses",
                  arr(
                      obj("type", "work", "locality", "Springfield", "primary", true),
                      obj("type", "home", "locality", "Shelbyville")),
                  "ims",
                  arr(
                      obj("value", "multi@xmpp.example", "type", "xmpp"),
                      obj("value", "multi.skype", "type", "skype")));
          default ->
              obj(
                  "schemas",
                  arr(Schemas.USER_URN),
                  "userName",
                  userName,
                  "name",
                  obj("givenName", "By", "familyName", "Stander " + k),
                  "emails",
                  arr(obj("value", userName, "type", k % 2 == 0 ? "work" : "home")),
                  "title",
                  k % 2 == 0 ? "Bystander" : "Onlooker",
                  "active",
                  k % 3 != 0);
        };
    return user.render();
  }

  /**
   * The POST body of group {@code k} of a tenant.
   *
   * @param users the tenant's user ids
   * @param earlier the ids of the groups created before it (nested groups point at them)
   */
  public static String groupBody(String tenant, int k, List<String> users, List<String> earlier) {
    List<Json> members = new ArrayList<>();
    String externalId = null;
    switch (k) {
      case 0 -> {
        members.add(obj("value", users.get(0), "display", "Babs"));
        members.add(obj("value", users.get(1)));
        externalId = tenant + "-guides";
      }
      case 1 -> {
        members.add(obj("value", earlier.get(0), "type", "Group"));
        members.add(obj("value", users.get(2), "display", "Pepper"));
      }
      case 2 -> {}
      case 3 -> {
        for (String user : users) {
          members.add(obj("value", user));
        }
        members.add(obj("value", earlier.get(1)));
        externalId = "everyone";
      }
      default -> throw new IllegalArgumentException("no group " + k);
    }
    Json.Obj group =
        obj(
            "schemas",
            arr(Schemas.GROUP_URN),
            "displayName",
            GROUP_NAMES.get(k),
            "members",
            Json.arrOf(members));
    if (externalId != null) {
      group.members().add(new Json.Member("externalId", Json.str(externalId)));
    }
    return group.render();
  }
}
