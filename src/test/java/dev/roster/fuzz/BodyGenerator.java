package dev.roster.fuzz;

import static dev.roster.fuzz.Json.arr;
import static dev.roster.fuzz.Json.obj;
import static dev.roster.fuzz.Values.chance;
import static dev.roster.fuzz.Values.pick;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bodies for {@code POST} and {@code PUT} of users and groups, and SearchRequests: valid ones in
 * the shapes Entra ID and Okta send, then mutated in the tree or in the bytes (see {@link
 * Mutations}), sometimes empty, sometimes with another Content-Type or none.
 */
final class BodyGenerator {

  /**
   * A body, its Content-Type, and what it does on purpose.
   *
   * @param body the bytes; empty for an empty body, null for none at all
   * @param contentType the Content-Type header, or null for none
   * @param expectation what an accepted answer must show, or null
   */
  record Generated(
      byte[] body, String contentType, Set<String> labels, WireRequest.Expectation expectation) {}

  private final Random r;
  private final Directory directory;
  private final Directory.Tenant tenant;
  private final Set<String> labels = new TreeSet<>();

  private BodyGenerator(Random r, Directory directory, String tenant) {
    this.r = r;
    this.directory = directory;
    this.tenant = directory.tenant(tenant);
  }

  /**
   * A user for POST /Users, or for PUT /Users/{id} of user {@code index} (-1 for POST).
   *
   * @param index the seeded user a PUT replaces, or -1
   */
  static Generated user(Random r, Directory directory, String tenant, int index) {
    BodyGenerator g = new BodyGenerator(r, directory, tenant);
    if (chance(r, 0.12)) {
      return g.stored(index);
    }
    return g.finish(g.user(index), 0.35);
  }

  /** A group for POST /Groups, or for PUT /Groups/{id} of group {@code index} (-1 for POST). */
  static Generated group(Random r, Directory directory, String tenant, int index) {
    BodyGenerator g = new BodyGenerator(r, directory, tenant);
    return g.finish(g.group(index), 0.35);
  }

  /** A SearchRequest (RFC 7644 §3.4.3) for POST /Users/.search or /Groups/.search. */
  static Generated search(Random r, Directory directory, String tenant, boolean groups) {
    BodyGenerator g = new BodyGenerator(r, directory, tenant);
    Json.Obj body = g.searchRequest(groups);
    // An extreme filter is sent as it is: a mistake elsewhere would stop it before the filter.
    boolean extreme = g.labels.stream().anyMatch(FilterGenerator.EXTREME::contains);
    return extreme
        ? new Generated(
            body.render().getBytes(StandardCharsets.UTF_8), "application/scim+json", g.labels, null)
        : g.finish(body, 0.1);
  }

  /**
   * A valid user whose displayName is a {@link Stored} value, with nothing else wrong: the only way
   * the answer can be judged against the value.
   */
  private Generated stored(int index) {
    Stored stored = Stored.any(r);
    labels.add(stored.label());
    String userName =
        index >= 0 ? Directory.USER_NAMES.get(index) : Ids.unique(r, "fz.stored.") + "@example.com";
    Json.Obj user =
        obj("schemas", arr(Schemas.USER_URN), "userName", userName, "displayName", stored.json());
    return new Generated(
        stored.bytes(user.render()),
        "application/scim+json",
        labels,
        stored.expectation("displayName"));
  }

  private Json.Obj user(int index) {
    String userName;
    double roll = r.nextDouble();
    if (index >= 0 && roll < 0.6) {
      userName = Directory.USER_NAMES.get(index);
    } else if (roll < 0.75) {
      labels.add("body.user.taken-userName");
      userName = pick(r, Directory.USER_NAMES);
      if (chance(r, 0.5)) {
        userName = userName.toUpperCase(Locale.ROOT);
      }
    } else {
      userName = Ids.unique(r, "fz.") + "@example.com";
    }
    Json.Obj user;
    switch (r.nextInt(4)) {
      case 0 -> {
        labels.add("body.user.okta");
        user =
            obj(
                "schemas",
                arr(Schemas.USER_URN),
                "userName",
                userName,
                "name",
                obj("givenName", Values.text(r), "familyName", Values.text(r)),
                "emails",
                arr(obj("primary", true, "value", userName, "type", "work")),
                "displayName",
                Values.text(r),
                "locale",
                "en-US",
                "externalId",
                "00u" + r.nextInt(1_000_000),
                "groups",
                arr(),
                "password",
                "1mz050nq",
                "active",
                true);
      }
      case 1 -> {
        labels.add("body.user.entra");
        user =
            obj(
                "schemas",
                arr(Schemas.USER_URN, Schemas.ENTERPRISE_URN),
                "externalId",
                Ids.unique(r, "ext-"),
                "userName",
                userName,
                "active",
                pick(r, "True", "False", "true"),
                "displayName",
                Values.text(r),
                "emails",
                arr(obj("primary", "True", "type", "work", "value", userName)),
                "meta",
                obj("resourceType", "User"),
                "name",
                obj(
                    "formatted",
                    Values.text(r),
                    "familyName",
                    Values.text(r),
                    "givenName",
                    Values.text(r)),
                "roles",
                arr(),
                Schemas.ENTERPRISE_URN,
                obj(
                    "department",
                    Values.text(r),
                    "manager",
                    obj("value", pick(r, tenant.users()))));
      }
      case 2 -> {
        labels.add("body.user.minimal");
        user = obj("userName", userName);
      }
      default -> {
        labels.add("body.user.random");
        user = obj("schemas", arr(Schemas.USER_URN), "userName", userName);
        for (Attr attr : Schemas.USER) {
          if (!attr.name().equals("userName") && chance(r, 0.3)) {
            Json value =
                attr.multiValued()
                    ? Json.arrOf(List.of(Values.complexValue(r, attr)))
                    : Values.valueFor(r, attr);
            user.members().add(new Json.Member(attr.name(), value));
          }
        }
        if (chance(r, 0.4)) {
          Json.Obj enterprise = Json.obj();
          for (Attr attr : Schemas.ENTERPRISE) {
            if (chance(r, 0.4)) {
              enterprise.members().add(new Json.Member(attr.name(), Values.valueFor(r, attr)));
            }
          }
          user.members().add(new Json.Member(Schemas.ENTERPRISE_URN, enterprise));
        }
      }
    }
    if (index >= 0 && chance(r, 0.3)) {
      labels.add("body.put.read-only-members");
      user.members().add(new Json.Member("id", Json.str(pick(r, tenant.users()))));
      user.members().add(new Json.Member("meta", obj("version", "W/\"9\"", "created", "x")));
    }
    return user;
  }

  private Json.Obj group(int index) {
    String name;
    double roll = r.nextDouble();
    if (index >= 0 && roll < 0.5) {
      name = Directory.GROUP_NAMES.get(index);
    } else if (roll < 0.65) {
      labels.add("body.group.taken-displayName");
      name = pick(r, Directory.GROUP_NAMES).toUpperCase(Locale.ROOT);
    } else {
      name = Ids.unique(r, "fz group ");
    }
    Json.Obj group = obj("schemas", arr(Schemas.GROUP_URN), "displayName", name);
    if (chance(r, 0.7)) {
      int n = chance(r, 0.1) ? 100 + r.nextInt(400) : r.nextInt(5);
      Json.Arr members = arr();
      for (int i = 0; i < n; i++) {
        String id = Ids.named(r, directory, tenant, labels, "body");
        Json.Obj member = obj("value", id);
        if (chance(r, 0.3)) {
          member.members().add(new Json.Member("display", Json.str(Values.text(r))));
        }
        if (chance(r, 0.1)) {
          member.members().add(new Json.Member("type", Json.str(pick(r, "User", "Group", "x"))));
        }
        members.items().add(member);
      }
      group.members().add(new Json.Member("members", members));
    }
    if (chance(r, 0.3)) {
      group.members().add(new Json.Member("externalId", Json.str(Ids.unique(r, "ext-"))));
    }
    return group;
  }

  private Json.Obj searchRequest(boolean groups) {
    FilterGenerator.Generated filter = FilterGenerator.generate(r, groups, tenant, true);
    labels.addAll(filter.labels());
    Json.Obj body = obj("schemas", arr(Schemas.SEARCH_REQUEST));
    if (filter.labels().stream().anyMatch(FilterGenerator.EXTREME::contains)) {
      body.members().add(new Json.Member("filter", Json.str(filter.text())));
      return body;
    }
    if (chance(r, 0.9)) {
      body.members().add(new Json.Member("filter", Json.str(filter.text())));
    }
    maybe(
        body,
        0.3,
        "startIndex",
        Json.num(1),
        Json.num(2),
        Json.num(0),
        Json.num(-7),
        Json.str("3"),
        Json.num("1e3"));
    maybe(
        body,
        0.4,
        "count",
        Json.num(10),
        Json.num(0),
        Json.num(500),
        Json.num(-1),
        Json.str("5"),
        Json.num("2.5"));
    if (chance(r, 0.2)) {
      body.members()
          .add(
              new Json.Member(
                  "sortBy",
                  Json.str(
                      pick(
                          r,
                          groups ? "displayName" : "userName",
                          "meta.created",
                          "name.givenName",
                          "emails",
                          "foo"))));
      body.members()
          .add(new Json.Member("sortOrder", Json.str(pick(r, "ascending", "descending", "up"))));
    }
    if (chance(r, 0.2)) {
      body.members()
          .add(
              new Json.Member(
                  pick(r, "attributes", "excludedAttributes"),
                  pick(
                      r,
                      arr("userName", "emails"),
                      Json.str("displayName,members"),
                      arr("name.givenName"),
                      arr(1),
                      Json.str(""))));
    }
    return body;
  }

  /** Adds a member with one of the values, with probability {@code p}. */
  private void maybe(Json.Obj body, double p, String name, Json... values) {
    if (chance(r, p)) {
      body.members().add(new Json.Member(name, pick(r, values)));
    }
  }

  /**
   * Mutates the tree (with probability {@code mutate}) or the bytes, sometimes, and picks the
   * Content-Type.
   */
  private Generated finish(Json json, double mutate) {
    if (chance(r, mutate)) {
      int n = chance(r, 0.7) ? 1 : 2;
      for (int i = 0; i < n; i++) {
        Mutations.mutateTree(r, json, labels);
      }
    }
    byte[] body = json.render().getBytes(StandardCharsets.UTF_8);
    double roll = r.nextDouble();
    if (roll < 0.1) {
      body = Mutations.mutateBytes(r, body, labels);
    } else if (roll < 0.12) {
      labels.add("body.none");
      return new Generated(null, chance(r, 0.5) ? "application/scim+json" : null, labels, null);
    } else if (roll < 0.15) {
      labels.add("body.empty");
      body =
          pick(
              r,
              new byte[0],
              " ".getBytes(StandardCharsets.UTF_8),
              "\r\n".getBytes(StandardCharsets.UTF_8));
    } else if (roll < 0.17) {
      labels.add("body.not-an-object");
      body =
          pick(r, "[]", "null", "\"text\"", "42", "[{\"userName\":\"x\"}]", "{}")
              .getBytes(StandardCharsets.UTF_8);
    }
    String contentType = "application/scim+json";
    double type = r.nextDouble();
    if (type < 0.06) {
      labels.add("body.no-content-type");
      contentType = null;
    } else if (type < 0.16) {
      labels.add("body.content-type");
      contentType =
          pick(
              r,
              "application/json",
              "application/json; charset=utf-8",
              "application/scim+json;charset=UTF-8",
              "APPLICATION/SCIM+JSON",
              "text/plain",
              "application/json; charset=utf-16",
              "application/scim+json; charset=iso-8859-1",
              "application/xml",
              "multipart/form-data; boundary=x",
              "application/json;foo=bar",
              "application/",
              ";;;",
              "*/*");
    }
    return new Generated(body, contentType, labels, null);
  }
}
