package dev.roster.fuzz;

import static dev.roster.fuzz.Json.arr;
import static dev.roster.fuzz.Json.obj;
import static dev.roster.fuzz.Values.chance;
import static dev.roster.fuzz.Values.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * PATCH requests (RFC 7644 §3.5.2) in the shapes Entra ID and Okta send (docs/request-shapes.md:
 * P1–P11, G1–G7, #okta-flow): operations in any case, paths with value filters, path-less values
 * with dotted and URN keys, members as lists, as objects and as bare ids. Then mistakes: unknown or
 * missing operations, broken paths, read-only targets, values of the wrong type, a broken envelope.
 */
final class PatchGenerator {

  /**
   * A PATCH body and what it does on purpose.
   *
   * @param stored the one value a targeted PATCH stores, or null
   */
  record Generated(Json body, Set<String> labels, Stored stored) {}

  private static final List<String> USER_SIMPLE =
      List.of(
          "displayName",
          "nickName",
          "title",
          "userType",
          "preferredLanguage",
          "locale",
          "timezone",
          "profileUrl",
          "externalId",
          "name.givenName",
          "name.familyName",
          "name.formatted",
          "name.middleName",
          "name.honorificPrefix");

  private static final List<String> ENTERPRISE_SIMPLE =
      List.of("employeeNumber", "costCenter", "organization", "division", "department");

  private static final List<String> FILTERED_SUB_PATHS =
      List.of(
          "emails[type eq \"work\"].value",
          "emails[type eq \"home\"].value",
          "emails[primary eq true].value",
          "phoneNumbers[type eq \"mobile\"].value",
          "phoneNumbers[type eq \"work\"].value",
          "addresses[type eq \"work\"].streetAddress",
          "addresses[type eq \"work\"].locality",
          "addresses[type eq \"home\"].postalCode",
          "roles[primary eq \"True\"].value",
          "ims[type eq \"aim\"].value",
          "emails[type eq \"work\" and primary eq true].display",
          "emails[value co \"@\"].type");

  private static final List<String> BAD_PATHS =
      List.of(
          "emails[type eq \"work\"",
          "emails[]",
          "emails[type eq]",
          "name..givenName",
          "emails[type eq \"work\"].value.extra",
          "[",
          " ",
          ".",
          "urn:ietf:params:scim:schemas:core:2.0:User:",
          "urn:example:unknown:1.0:User:foo",
          "foo",
          "name.foo",
          "emails.foo",
          "name[givenName eq \"Barbara\"]",
          "emails[value eq \"\\ud800\"].value",
          "emails[type eq \"work\"][primary eq true]",
          "emails[type eq \"work\"].",
          "\"displayName\"",
          "displayName eq \"x\"",
          "emails[foo eq \"x\"].value",
          "emails[type eq \"work\" or].value");

  private static final List<String> READ_ONLY_PATHS =
      List.of(
          "id",
          "meta",
          "meta.created",
          "meta.lastModified",
          "meta.version",
          "groups",
          "groups[value eq \"x\"].display",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName");

  private final Random r;
  private final Directory directory;
  private final Directory.Tenant tenant;
  private final String self;
  private final Set<String> labels = new TreeSet<>();

  private PatchGenerator(Random r, Directory directory, String tenant, String self) {
    this.r = r;
    this.directory = directory;
    this.tenant = directory.tenant(tenant);
    this.self = self;
  }

  /** A PATCH of user {@code self} of the tenant. */
  static Generated user(Random r, Directory directory, String tenant, String self) {
    PatchGenerator g = new PatchGenerator(r, directory, tenant, self);
    if (chance(r, 0.08)) {
      // Entra's P1 with a value that is hard to store: the answer must show it exactly.
      Stored stored = Stored.any(r);
      g.labels.add(stored.label());
      Json body =
          obj(
              "schemas",
              arr(Schemas.PATCH_OP),
              "Operations",
              arr(obj("op", "Replace", "path", "displayName", "value", stored.json())));
      return new Generated(body, g.labels, stored);
    }
    return new Generated(g.envelope(false), g.labels, null);
  }

  /** A PATCH of group {@code self} of the tenant. */
  static Generated group(Random r, Directory directory, String tenant, String self) {
    PatchGenerator g = new PatchGenerator(r, directory, tenant, self);
    return new Generated(g.envelope(true), g.labels, null);
  }

  private Json envelope(boolean group) {
    int count = chance(r, 0.03) ? pick(r, 0, 200, 2_000) : chance(r, 0.3) ? 2 + r.nextInt(3) : 1;
    if (count == 0 || count > 100) {
      labels.add("patch.op-count-" + count);
    }
    List<Json> operations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Json.Obj op = group ? groupOperation() : userOperation();
      if (chance(r, 0.12)) {
        mistake(op, group);
      }
      operations.add(op);
    }
    Json.Obj body = obj("schemas", arr(Schemas.PATCH_OP), "Operations", Json.arrOf(operations));
    if (chance(r, 0.08)) {
      brokenEnvelope(body);
    }
    if (chance(r, 0.05)) {
      Mutations.mutateTree(r, body, labels);
    }
    return body;
  }

  private String op(String name) {
    double roll = r.nextDouble();
    if (roll < 0.25) {
      labels.add("patch.op-capitalised");
      return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
    if (roll < 0.3) {
      labels.add("patch.op-upper");
      return name.toUpperCase(Locale.ROOT);
    }
    return name;
  }

  private Json.Obj operation(String op, String path, Json value) {
    Json.Obj o = obj("op", op(op));
    if (path != null) {
      o.members().add(new Json.Member("path", Json.str(path)));
    }
    if (value != null) {
      o.members().add(new Json.Member("value", value));
    }
    return o;
  }

  private String someId() {
    return Ids.named(r, directory, tenant, labels, "patch");
  }

  // Users

  private Json.Obj userOperation() {
    switch (r.nextInt(15)) {
      case 0, 1 -> {
        labels.add("patch.user.simple");
        String path = pick(r, USER_SIMPLE);
        return operation(pick(r, "replace", "add"), path, Json.str(Values.text(r)));
      }
      case 2 -> {
        labels.add("patch.user.enterprise");
        return operation(
            pick(r, "replace", "add"),
            Schemas.ENTERPRISE_URN + ":" + pick(r, ENTERPRISE_SIMPLE),
            Json.str(Values.text(r)));
      }
      case 3 -> {
        labels.add("patch.user.filtered-sub-path");
        return operation(
            pick(r, "replace", "add"), pick(r, FILTERED_SUB_PATHS), Json.str(Values.text(r)));
      }
      case 4 -> {
        labels.add("patch.user.manager");
        String id = someId();
        Json value =
            pick(
                r,
                Json.str(id),
                obj("value", id),
                arr(obj("$ref", "../Users/" + id, "value", id)),
                Json.str(""),
                obj("value", ""),
                Json.NULL);
        String path =
            chance(r, 0.8) ? Schemas.ENTERPRISE_URN + ":manager" : pick(r, "manager", "Manager");
        return operation(pick(r, "replace", "add"), path, value);
      }
      case 5 -> {
        labels.add("patch.user.manager-remove");
        String path = Schemas.ENTERPRISE_URN + ":manager";
        if (chance(r, 0.4)) {
          path += "[value eq " + Json.quote(someId()) + "]";
        }
        return operation("remove", path, null);
      }
      case 6 -> {
        labels.add("patch.user.active");
        return operation(
            pick(r, "replace", "Replace"),
            pick(r, "active", "Active"),
            pick(r, Json.str("False"), Json.str("True"), Json.FALSE, Json.TRUE, Json.str("false")));
      }
      case 7 -> {
        labels.add("patch.user.path-less");
        Json.Obj value = Json.obj();
        int keys = 1 + r.nextInt(4);
        for (int i = 0; i < keys; i++) {
          switch (r.nextInt(6)) {
            case 0 -> value.members().add(member("displayName", Json.str(Values.text(r))));
            case 1 ->
                value
                    .members()
                    .add(
                        member(
                            "name." + pick(r, "givenName", "familyName"),
                            Json.str(Values.text(r))));
            case 2 ->
                value
                    .members()
                    .add(
                        member(
                            Schemas.ENTERPRISE_URN + ":" + pick(r, ENTERPRISE_SIMPLE),
                            Json.str(Values.text(r))));
            case 3 ->
                value
                    .members()
                    .add(member("active", pick(r, Json.FALSE, Json.TRUE, Json.str("True"))));
            case 4 -> value.members().add(member("name", obj("givenName", Values.text(r))));
            default -> value.members().add(member("password", Json.str("s3cret-" + r.nextInt(99))));
          }
        }
        return operation(pick(r, "replace", "add"), null, value);
      }
      case 8 -> {
        labels.add("patch.user.roles");
        if (chance(r, 0.5)) {
          // Entra's roles without the flag: each role a JSON text inside value.
          String embedded =
              obj("id", "r" + r.nextInt(9), "value", "Admin", "displayName", "Admin").render();
          return operation("add", "roles", arr(obj("value", embedded)));
        }
        return operation(
            "replace",
            "roles",
            arr(
                obj(
                    "primary",
                    "True",
                    "type",
                    "WindowsAzureActiveDirectoryRole",
                    "display",
                    "Admin",
                    "value",
                    "Admin")));
      }
      case 9 -> {
        labels.add("patch.user.clear");
        return chance(r, 0.5)
            ? operation("replace", pick(r, USER_SIMPLE), pick(r, Json.str(""), Json.NULL))
            : operation("remove", pick(r, USER_SIMPLE), null);
      }
      case 10 -> {
        labels.add("patch.user.add-multi");
        Attr attr =
            pick(r, Schemas.USER.stream().filter(a -> a.multiValued() && !a.readOnly()).toList());
        Json value = Values.complexValue(r, attr);
        return operation("add", attr.name(), chance(r, 0.7) ? arr(value) : value);
      }
      case 11 -> {
        labels.add("patch.user.remove-filtered");
        return operation(
            "remove",
            pick(
                r,
                "emails[type eq \"home\"]",
                "phoneNumbers",
                "addresses[type eq \"work\"].locality",
                "emails[value ew \".org\"]",
                "roles",
                "ims[type eq \"nonexistent\"]",
                "x509Certificates"),
            null);
      }
      case 12 -> {
        labels.add("patch.user.userName");
        String name =
            chance(r, 0.3)
                ? pick(r, Directory.USER_NAMES).toUpperCase(Locale.ROOT)
                : Ids.unique(r, "fz.") + "@example.com";
        return operation("replace", "userName", Json.str(name));
      }
      case 13 -> {
        labels.add("patch.user.whole-complex");
        return operation(
            pick(r, "replace", "add"),
            pick(r, "name", "emails", "addresses", "phoneNumbers"),
            pick(
                r,
                obj("givenName", Values.text(r), "familyName", Values.text(r)),
                arr(obj("value", "x@example.com", "type", "work", "primary", true)),
                arr(obj("type", "home", "locality", Values.text(r)))));
      }
      default -> {
        labels.add("patch.user.okta");
        return operation(
            "replace",
            null,
            pick(
                r,
                obj("active", false),
                obj("active", true),
                obj("password", "t1meMa$heen"),
                obj("id", self, "active", false)));
      }
    }
  }

  private static Json.Member member(String key, Json value) {
    return new Json.Member(key, value);
  }

  // Groups

  private Json.Obj groupOperation() {
    switch (r.nextInt(11)) {
      case 0, 1 -> {
        labels.add("patch.group.add-members");
        return operation("add", "members", members(1 + r.nextInt(chance(r, 0.1) ? 300 : 4)));
      }
      case 2 -> {
        labels.add("patch.group.remove-members-value");
        return operation("remove", "members", members(1 + r.nextInt(3)));
      }
      case 3 -> {
        labels.add("patch.group.remove-members-filter");
        String filter =
            pick(
                r,
                "value eq " + Json.quote(someId()),
                "type eq \"Group\"",
                "type eq \"User\" and value eq " + Json.quote(someId()),
                "display co \"a\"",
                "value eq " + Json.quote(someId()) + " or value eq " + Json.quote(someId()));
        return operation("remove", "members[" + filter + "]", null);
      }
      case 4 -> {
        labels.add("patch.group.remove-all-members");
        return operation("remove", "members", null);
      }
      case 5 -> {
        labels.add("patch.group.replace-members");
        return operation("replace", "members", members(r.nextInt(4)));
      }
      case 6 -> {
        labels.add("patch.group.displayName");
        String name =
            chance(r, 0.3)
                ? pick(r, Directory.GROUP_NAMES).toLowerCase(Locale.ROOT)
                : Ids.unique(r, "fz group ");
        return operation("replace", pick(r, "displayName", "DisplayName"), Json.str(name));
      }
      case 7 -> {
        labels.add("patch.group.path-less");
        return operation(
            "replace",
            null,
            pick(
                r,
                obj("displayName", Ids.unique(r, "fz okta ")),
                obj("id", self, "displayName", Ids.unique(r, "fz okta ")),
                obj("externalId", Ids.unique(r, "ext-")),
                obj("members", members(1 + r.nextInt(2)))));
      }
      case 8 -> {
        labels.add("patch.group.bare-id");
        return operation("add", "members", Json.str(someId()));
      }
      case 9 -> {
        labels.add("patch.group.replace-filtered");
        return operation(
            "replace",
            "members[" + pick(r, "type eq \"Group\"", "value eq " + Json.quote(someId())) + "]",
            obj("value", someId()));
      }
      default -> {
        labels.add("patch.group.externalId");
        return chance(r, 0.5)
            ? operation("replace", "externalId", Json.str(Ids.unique(r, "ext-")))
            : operation("remove", "externalId", null);
      }
    }
  }

  /** Members as Entra ID and Okta send them: objects with value, sometimes display or $ref. */
  private Json.Arr members(int n) {
    List<Json> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = chance(r, 0.05) ? self : someId();
      Json.Obj m = obj("value", id);
      if (chance(r, 0.3)) {
        m.members().add(member(pick(r, "display", "displayName"), Json.str(Values.text(r))));
      }
      if (chance(r, 0.2)) {
        m.members().add(member("$ref", Json.NULL));
      }
      if (chance(r, 0.1)) {
        m.members().add(member("type", Json.str(pick(r, "User", "Group", "user", "Robot"))));
      }
      members.add(m);
    }
    return Json.arrOf(members);
  }

  // Mistakes

  private void mistake(Json.Obj op, boolean group) {
    List<Json.Member> m = op.members();
    switch (r.nextInt(9)) {
      case 0 -> {
        labels.add("patch.mut.bad-op");
        m.set(
            0,
            member(
                "op",
                pick(
                    r,
                    Json.str("move"),
                    Json.str(""),
                    Json.num(42),
                    Json.NULL,
                    Json.str("test"),
                    arr("add"),
                    Json.str("re place"))));
      }
      case 1 -> {
        labels.add("patch.mut.no-op");
        m.remove(0);
      }
      case 2 -> {
        labels.add("patch.mut.bad-path");
        setMember(op, "path", Json.str(pick(r, BAD_PATHS)));
      }
      case 3 -> {
        labels.add("patch.mut.read-only-path");
        setMember(
            op,
            "path",
            Json.str(
                group
                    ? pick(r, "id", "meta.created", "members.value", "meta")
                    : pick(r, READ_ONLY_PATHS)));
        if (op.get("value") == null) {
          setMember(op, "value", Json.str("x"));
        }
      }
      case 4 -> {
        labels.add("patch.mut.wrong-type-value");
        Attr attr = pick(r, group ? Schemas.GROUP : Schemas.USER);
        setMember(op, "path", Json.str(attr.name()));
        setMember(op, "value", Values.wrongType(r, attr));
      }
      case 5 -> {
        labels.add("patch.mut.no-value");
        m.removeIf(x -> x.key().equals("value"));
        setMember(op, "op", Json.str(pick(r, "add", "replace")));
      }
      case 6 -> {
        labels.add("patch.mut.no-target");
        setMember(
            op,
            "path",
            Json.str(
                group
                    ? "members[value eq \"00000000-0000-0000-0000-000000000000\"].display"
                    : pick(
                        r,
                        "emails[type eq \"nonexistent\"].value",
                        "addresses[type eq \"other\"].country")));
        setMember(op, "op", Json.str("replace"));
        setMember(op, "value", Json.str("x"));
      }
      case 7 -> {
        labels.add("patch.mut.required-cleared");
        setMember(op, "op", Json.str(pick(r, "remove", "replace")));
        setMember(op, "path", Json.str(group ? "displayName" : "userName"));
        setMember(op, "value", pick(r, Json.str(""), Json.NULL, Json.str("   ")));
      }
      default -> {
        labels.add("patch.mut.value");
        if (op.get("value") == null) {
          setMember(op, "value", Values.oddString(r));
        } else {
          Json.Obj wrapper = obj("v", op.get("value").copy());
          Mutations.mutateTree(r, wrapper, labels);
          setMember(
              op,
              "value",
              wrapper.members().isEmpty() ? Json.NULL : wrapper.members().get(0).value());
        }
      }
    }
  }

  private static void setMember(Json.Obj o, String key, Json value) {
    List<Json.Member> m = o.members();
    for (int i = 0; i < m.size(); i++) {
      if (m.get(i).key().equals(key)) {
        m.set(i, member(key, value));
        return;
      }
    }
    m.add(member(key, value));
  }

  private void brokenEnvelope(Json.Obj body) {
    List<Json.Member> m = body.members();
    switch (r.nextInt(8)) {
      case 0 -> {
        labels.add("patch.env.no-schemas");
        m.remove(0);
      }
      case 1 -> {
        labels.add("patch.env.wrong-schema");
        m.set(
            0,
            member(
                "schemas",
                pick(r, arr(Schemas.USER_URN), Json.str(Schemas.PATCH_OP), arr(), Json.NULL)));
      }
      case 2 -> {
        labels.add("patch.env.operations-lowercase");
        m.set(1, member("operations", m.get(1).value()));
      }
      case 3 -> {
        labels.add("patch.env.no-operations");
        m.remove(1);
      }
      case 4 -> {
        labels.add("patch.env.operations-not-array");
        Json.Arr ops = (Json.Arr) m.get(1).value();
        m.set(1, member("Operations", ops.items().isEmpty() ? Json.obj() : ops.items().get(0)));
      }
      case 5 -> {
        labels.add("patch.env.operations-null");
        m.set(1, member("Operations", pick(r, Json.NULL, Json.str("add"), Json.num(1))));
      }
      case 6 -> {
        labels.add("patch.env.operation-not-object");
        m.set(1, member("Operations", arr("add", 1, Json.NULL, arr())));
      }
      default -> {
        labels.add("patch.env.extra-members");
        m.add(member("id", Json.str(self)));
        m.add(member("meta", obj("version", "W/\"1\"")));
      }
    }
  }
}
