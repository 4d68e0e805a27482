package dev.roster.fuzz;

import static dev.roster.fuzz.Values.chance;
import static dev.roster.fuzz.Values.pick;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Generates SCIM requests against a seeded {@link Directory}: filters, PATCH operations, POST and
 * PUT bodies, SearchRequests, list parameters and odd URLs and methods. Request {@code index} of
 * {@code seed} depends on nothing but the two numbers and the directory, so any one request can be
 * generated again on its own to replay it.
 */
public final class RequestGenerator {

  /** The SCIM base path of the server under test. */
  public static final String BASE = "/scim/v2";

  private final Random r;
  private final Directory directory;
  private final WireRequest.Builder b;
  private final String tenant;

  private RequestGenerator(Random r, Directory directory, String kind, String tenant) {
    this.r = r;
    this.directory = directory;
    this.b = new WireRequest.Builder(kind);
    this.tenant = tenant;
  }

  /** Request {@code index} of {@code seed}. */
  public static WireRequest generate(long seed, int index, Directory directory) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 1);
    String tenant = chance(r, 0.75) ? Directory.TENANTS.get(0) : Directory.TENANTS.get(1);
    String kind = kind(r);
    RequestGenerator g = new RequestGenerator(r, directory, kind, tenant);
    g.b.tenant = tenant;
    g.build(kind);
    return g.b.build();
  }

  private static String kind(Random r) {
    int roll = r.nextInt(100);
    if (roll < 21) {
      return "filter";
    } else if (roll < 29) {
      return "search";
    } else if (roll < 32) {
      return "list";
    } else if (roll < 37) {
      return "get";
    } else if (roll < 54) {
      return "patch-user";
    } else if (roll < 65) {
      return "patch-group";
    } else if (roll < 73) {
      return "post-user";
    } else if (roll < 78) {
      return "post-group";
    } else if (roll < 84) {
      return "put-user";
    } else if (roll < 88) {
      return "put-group";
    } else if (roll < 90) {
      return "delete";
    } else if (roll < 98) {
      return "url";
    }
    return "auth";
  }

  private void build(String kind) {
    switch (kind) {
      case "filter" -> filter();
      case "search" -> search();
      case "list" -> list();
      case "get" -> get();
      case "patch-user" -> patch(false);
      case "patch-group" -> patch(true);
      case "post-user" -> post(false);
      case "post-group" -> post(true);
      case "put-user" -> put(false);
      case "put-group" -> put(true);
      case "delete" -> delete();
      case "url" -> url();
      default -> auth();
    }
    if (!b.labels.contains("auth.odd")) {
      b.headers.add(0, new String[] {"Authorization", "Bearer " + token(tenant)});
    }
    if (chance(r, 0.08)) {
      extraHeader();
    }
  }

  private Directory.Tenant own() {
    return directory.tenant(tenant);
  }

  private static String token(String tenant) {
    return tenant + "-token-0123456789";
  }

  // Kinds

  private void filter() {
    boolean groups = chance(r, 0.3);
    FilterGenerator.Generated filter = FilterGenerator.generate(r, groups, own(), false);
    b.labels.addAll(filter.labels());
    StringBuilder query = new StringBuilder("filter=").append(encode(filter.text()));
    if (chance(r, 0.4)) {
      query.append('&').append(listParameter(groups));
    }
    if (chance(r, 0.15)) {
      query.append("&excludedAttributes=members");
    }
    b.method = "GET";
    b.target = BASE + (groups ? "/Groups" : "/Users") + "?" + query;
    b.filter = filter.text();
    if (b.target.length() > 7_000) {
      b.filter = null;
      // Beyond what an HTTP server takes in a request line: send it as a SearchRequest.
      b.labels.add("filter.moved-to-search");
      b.method = "POST";
      b.target = BASE + (groups ? "/Groups" : "/Users") + "/.search";
      b.header("Content-Type", "application/scim+json");
      b.body(
          Json.obj("schemas", Json.arr(Schemas.SEARCH_REQUEST), "filter", Json.str(filter.text()))
              .render());
    }
  }

  private void search() {
    boolean groups = chance(r, 0.3);
    BodyGenerator.Generated body = BodyGenerator.search(r, directory, tenant, groups);
    b.method = "POST";
    b.target = BASE + (groups ? "/Groups" : "/Users") + (chance(r, 0.9) ? "/.search" : "/.SEARCH");
    withBody(body);
  }

  private void list() {
    boolean groups = chance(r, 0.35);
    List<String> parameters = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      parameters.add(listParameter(groups));
    }
    b.method = "GET";
    b.target = BASE + (groups ? "/Groups" : "/Users") + "?" + String.join("&", parameters);
  }

  /** One list parameter with a value that is right, odd or wrong. */
  private String listParameter(boolean groups) {
    b.labels.add("list.parameters");
    return switch (r.nextInt(8)) {
      case 0 ->
          "startIndex="
              + pick(r, "1", "2", "0", "-1", "100", "99999999999", "abc", "", "1.5", "1e2", "+1");
      case 1 ->
          "count="
              + pick(r, "0", "1", "10", "200", "201", "-5", "2147483648", "x", "", "1.0", "%20");
      case 2 ->
          "sortBy="
              + encode(
                  pick(
                      r,
                      groups ? "displayName" : "userName",
                      "name.givenName",
                      "emails",
                      "meta.created",
                      "meta.lastModified",
                      "id",
                      "externalId",
                      "foo",
                      "members",
                      "emails[type eq \"work\"].value",
                      Schemas.ENTERPRISE_URN + ":department",
                      "groups",
                      ""));
      case 3 -> "sortOrder=" + pick(r, "ascending", "descending", "DESCENDING", "up", "");
      case 4, 5 ->
          pick(r, "attributes=", "excludedAttributes=")
              + encode(
                  pick(
                      r,
                      "userName,emails",
                      "emails[type eq \"work\"]",
                      "emails[value eq \"x\"]",
                      "name.givenName",
                      Schemas.USER_URN + ":userName",
                      Schemas.ENTERPRISE_URN + ":manager.value",
                      Schemas.ENTERPRISE_URN,
                      ",,",
                      "foo",
                      "members",
                      "members.value",
                      "meta.created",
                      "groups",
                      "",
                      "name.",
                      "displayName, members"));
      case 6 -> pick(r, "aadOptscim062020", "foo=bar", "filter", "count", "=x", "&&");
      default -> "filter=" + encode(pick(r, "userName pr", "", " ", "displayName eq \"Staff\""));
    };
  }

  private void get() {
    boolean groups = chance(r, 0.35);
    int size = groups ? Directory.GROUP_NAMES.size() : Directory.USER_NAMES.size();
    String id = byId(groups, r.nextInt(size));
    b.method = "GET";
    String query = "";
    if (chance(r, 0.5)) {
      query = "?" + listParameter(groups);
    }
    b.target = BASE + (groups ? "/Groups/" : "/Users/") + id + query;
    if (chance(r, 0.15)) {
      b.header("If-None-Match", pick(r, "W/\"1\"", "W/\"2\"", "*", "\"1\"", "garbage"));
    }
  }

  private void patch(boolean groups) {
    String id = byId(groups);
    PatchGenerator.Generated patch =
        groups
            ? PatchGenerator.group(r, directory, tenant, id)
            : PatchGenerator.user(r, directory, tenant, id);
    b.labels.addAll(patch.labels());
    b.method = "PATCH";
    b.target = BASE + (groups ? "/Groups/" : "/Users/") + id;
    if (patch.stored() != null) {
      b.header("Content-Type", "application/scim+json");
      b.body = patch.stored().bytes(patch.body().render());
      b.expectation = patch.stored().expectation("displayName");
      return;
    }
    b.target += patchQuery(groups);
    byte[] bytes = patch.body().render().getBytes(StandardCharsets.UTF_8);
    double roll = r.nextDouble();
    if (roll < 0.04) {
      bytes = Mutations.mutateBytes(r, bytes, b.labels);
    } else if (roll < 0.06) {
      b.labels.add("body.none");
      bytes = null;
    }
    if (bytes != null || chance(r, 0.5)) {
      b.header("Content-Type", chance(r, 0.9) ? "application/scim+json" : "application/json");
    }
    b.body = bytes;
  }

  private String patchQuery(boolean groups) {
    if (chance(r, 0.15)) {
      b.labels.add("patch.with-attributes");
      return "?"
          + pick(r, "attributes=", "excludedAttributes=")
          + pick(r, groups ? "members" : "groups", "displayName", "id", "foo");
    }
    return "";
  }

  private void post(boolean groups) {
    BodyGenerator.Generated body =
        groups
            ? BodyGenerator.group(r, directory, tenant, -1)
            : BodyGenerator.user(r, directory, tenant, -1);
    b.method = "POST";
    b.target = BASE + (groups ? "/Groups" : "/Users");
    withBody(body);
  }

  private void put(boolean groups) {
    int index = writable(groups);
    String id = byId(groups, index);
    BodyGenerator.Generated body =
        groups
            ? BodyGenerator.group(r, directory, tenant, index)
            : BodyGenerator.user(r, directory, tenant, index);
    b.method = "PUT";
    b.target = BASE + (groups ? "/Groups/" : "/Users/") + id;
    withBody(body);
  }

  private void delete() {
    boolean groups = chance(r, 0.4);
    String id = byId(groups);
    b.method = "DELETE";
    b.target = BASE + (groups ? "/Groups/" : "/Users/") + id;
  }

  private void withBody(BodyGenerator.Generated body) {
    b.labels.addAll(body.labels());
    if (body.contentType() != null) {
      b.header("Content-Type", body.contentType());
    }
    b.body = body.body();
    b.expectation = body.expectation();
  }

  /** The id of a resource to write to: see {@link #writable(boolean)}. */
  private String byId(boolean groups) {
    return byId(groups, writable(groups));
  }

  /**
   * The index of a seeded resource to write to: nearly always one of the first few, so that the
   * others are bystanders, which the IT can expect to find unchanged; now and then any.
   */
  private int writable(boolean groups) {
    if (chance(r, 0.05)) {
      return r.nextInt(groups ? Directory.GROUP_NAMES.size() : Directory.USER_NAMES.size());
    }
    return r.nextInt(groups ? Directory.WRITABLE_GROUPS : Directory.WRITABLE_USERS);
  }

  private String byId(boolean groups, int index) {
    double roll = r.nextDouble();
    String owner = tenant;
    if (roll < 0.04) {
      b.labels.add("id.other-tenant");
      owner = directory.other(tenant);
    } else if (roll < 0.07) {
      b.labels.add("id.other-type");
      groups = !groups;
      index = 0;
    } else if (roll < 0.1) {
      b.labels.add("id.made-up");
      String id = pick(r, "00000000-0000-0000-0000-000000000000", "nope", "1", "%20");
      b.byId = id;
      return id;
    }
    Directory.Tenant t = directory.tenant(owner);
    String id = (groups ? t.groups() : t.users()).get(index);
    b.byId = id;
    b.byIdTenant = owner;
    return id;
  }

  // Odd URLs, methods and credentials

  private void url() {
    Directory.Tenant t = own();
    String user = pick(r, t.users());
    String group = pick(r, t.groups());
    String path =
        pick(
            r,
            "/Users/../Groups",
            "/Users/./",
            "//Users",
            "/Users//" + user,
            "/Users/" + user + "/",
            "/Users/" + user + "/extra",
            "/Groups/" + group + "/members",
            "/Users/%00",
            "/Users/" + user + "%00",
            "/Users/%zz",
            "/Users/%",
            "/Users/%c3%28",
            "/Users/%ED%A0%80",
            "/Users/%2e%2e/Groups",
            "/Users/a%2fb",
            "/Users/%2F",
            "/NoSuchEndpoint",
            "/Bulk",
            "/Me",
            "/users",
            "/USERS/" + user,
            "/Users/.search",
            "/Schemas/" + Schemas.USER_URN,
            "/Schemas/%75rn:x",
            "/ResourceTypes/User",
            "/ResourceTypes/Nope",
            "/ServiceProviderConfig?filter=x",
            "/Users;jsessionid=abc",
            "/Users/" + user + ";x=y",
            "/Users/" + "a".repeat(pick(r, 300, 5_000)),
            "/Users/..;/Groups",
            "/",
            "",
            "/Users/%E2%80%AE",
            "/Users/" + user + "?attributes=%zz",
            "/Users?filter=userName%20eq%20%22x%zz",
            "/Users?filter=%",
            "/Users?count=%FF",
            "/Users?filter="
                + new String(new byte[] {(byte) 0xC3, (byte) 0xA9}, StandardCharsets.ISO_8859_1),
            "/Users?filter=userName eq \"x\"".replace(' ', '+'),
            "/../v2/Users",
            "/Users/" + user + "/..",
            "/Users?" + "x=" + "y".repeat(20_000),
            "/Users/%u0041",
            "/Groups/.search?filter=x");
    b.labels.add("url.path");
    b.target = BASE + path;
    b.method =
        pick(
            r,
            "GET",
            "GET",
            "GET",
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
            "HEAD",
            "OPTIONS",
            "TRACE",
            "FOO",
            "get",
            "PROPFIND");
    if (!b.method.equals("GET")) {
      b.labels.add("url.method");
    }
    switch (b.method) {
      case "POST", "PUT" -> {
        b.header("Content-Type", "application/scim+json");
        b.body(
            Json.obj("userName", "fz.url." + Long.toHexString(r.nextLong() & 0xffffffL)).render());
      }
      case "PATCH" -> {
        b.header("Content-Type", "application/scim+json");
        b.body(
            Json.obj(
                    "schemas",
                    Json.arr(Schemas.PATCH_OP),
                    "Operations",
                    Json.arr(Json.obj("op", "replace", "path", "externalId", "value", "url")))
                .render());
      }
      default -> {}
    }
  }

  private void auth() {
    b.labels.add("auth.odd");
    String path = pick(r, "/Users", "/Groups", "/ServiceProviderConfig", "/NoSuch", "/Users/x");
    b.method = pick(r, "GET", "DELETE", "POST");
    b.target = BASE + path;
    String t = token(tenant);
    double roll = r.nextDouble();
    if (roll < 0.3) {
      // Documented forms of a valid token.
      b.header("Authorization", pick(r, "bearer ", "BEARER ", "") + t);
    } else {
      b.tenant = null;
      String bad =
          pick(
              r,
              null,
              "",
              "Bearer",
              "Bearer ",
              "Bearer " + t + "x",
              "Bearer " + t.substring(1),
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(("acme:" + t).getBytes(StandardCharsets.UTF_8)),
              "Bearer " + "x".repeat(4_000),
              "Bearer not-a-token-%00",
              "Token " + t);
      if (bad != null) {
        b.header("Authorization", bad);
      }
    }
    if (b.method.equals("POST")) {
      b.header("Content-Type", "application/scim+json");
      b.body(Json.obj("userName", "fz.auth." + r.nextInt(1_000_000)).render());
    }
  }

  private void extraHeader() {
    b.labels.add("header.extra");
    switch (r.nextInt(5)) {
      case 0 -> b.header("If-Match", pick(r, "W/\"1\"", "W/\"999\"", "*", "\"", "garbage", ""));
      case 1 -> b.header("Accept", pick(r, "text/html", "application/xml", "*/*", "garbage"));
      case 2 ->
          b.header(
              pick(r, "X-Request-Id", "client-request-id"),
              pick(r, "x".repeat(300), "a b", "<script>", "ok-123"));
      case 3 -> b.header("X-HTTP-Method-Override", pick(r, "DELETE", "PUT"));
      default -> b.header("Accept-Charset", "iso-8859-1");
    }
  }

  // Encoding

  /**
   * Percent-encodes a query value the way clients do: strictly (RFC 3986), with {@code +} for
   * spaces (Entra ID), or loosely, leaving quotes and brackets as they are (as browsers and curl
   * users do). A lone surrogate becomes its three bytes as if it were a character (not UTF-8).
   */
  String encode(String value) {
    double roll = r.nextDouble();
    String style = roll < 0.7 ? "strict" : roll < 0.9 ? "plus" : "loose";
    if (!style.equals("strict")) {
      b.labels.add("url.encoding-" + style);
    }
    return encode(value, style);
  }

  /** Percent-encodes every byte but the unreserved characters of RFC 3986. */
  public static String encodeStrictly(String value) {
    return encode(value, "strict");
  }

  private static String encode(String value, String style) {
    StringBuilder out = new StringBuilder();
    for (byte raw : wtf8(value)) {
      int c = raw & 0xff;
      boolean unreserved =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (unreserved) {
        out.append((char) c);
      } else if (c == ' ' && style.equals("plus")) {
        out.append('+');
      } else if (style.equals("loose") && "\"[]:@,/;=!$'()*".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** UTF-8, except that a lone surrogate is written as its own three bytes. */
  static byte[] wtf8(String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        out.write(cp);
      } else if (cp < 0x800) {
        out.write(0xC0 | cp >> 6);
        out.write(0x80 | cp & 0x3F);
      } else if (cp < 0x10000) {
        out.write(0xE0 | cp >> 12);
        out.write(0x80 | cp >> 6 & 0x3F);
        out.write(0x80 | cp & 0x3F);
      } else {
        out.write(0xF0 | cp >> 18);
        out.write(0x80 | cp >> 12 & 0x3F);
        out.write(0x80 | cp >> 6 & 0x3F);
        out.write(0x80 | cp & 0x3F);
      }
    }
    return out.toByteArray();
  }

  /**
   * Seeds from a list such as {@code 1,2,5} or a range such as {@code 1-200}, or both ({@code
   * 1-3,17}).
   */
  public static List<Long> seeds(String spec) {
    List<Long> seeds = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int dash = p.indexOf('-', 1);
      if (dash > 0) {
        long from = Long.parseLong(p.substring(0, dash).trim());
        long to = Long.parseLong(p.substring(dash + 1).trim());
        for (long s = from; s <= to; s++) {
          seeds.add(s);
        }
      } else {
        seeds.add(Long.parseLong(p));
      }
    }
    return seeds;
  }
}
