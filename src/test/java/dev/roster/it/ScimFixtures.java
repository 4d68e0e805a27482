package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimJson.CORE_GROUP;
import static dev.roster.it.ScimJson.LIST_RESPONSE;
import static dev.roster.it.ScimJson.encoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Users and groups for tests to start from, made and read over HTTP as acme unless a token is
 * given; each call checks the status it must answer. The static methods build request bodies: RFC
 * 7643 §8's bjensen, and names under a prefix of their own, so that tests share a server but not
 * their resources.
 */
public final class ScimFixtures {

  private final ScimClient scim;

  public ScimFixtures(ScimClient scim) {
    this.scim = scim;
  }

  // Bodies and names

  /** A new prefix for names: the letter, then ten random hexadecimal digits. */
  public static String prefix(String letter) {
    return letter + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** The name with its letters' case flipped by the bits of {@code n}. */
  public static String caseVariant(String name, int n) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (((n >> (i % 6)) & 1) == 1) {
        chars[i] = Character.toUpperCase(chars[i]);
      }
    }
    return new String(chars);
  }

  public static String minimalUser(String userName) {
    return """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s"}
        """
        .formatted(userName);
  }

  /** bjensen of RFC 7643 §8.2, under another userName. */
  public static String fullUser(String userName) {
    return """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "%s",
          "name": {"familyName": "Jensen", "givenName": "Barbara"},
          "displayName": "Babs Jensen",
          "title": "Tour Guide",
          "active": true,
          "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}]
        }
        """
        .formatted(userName);
  }

  public static String groupJson(String displayName, String... memberIds) {
    return groupJson(displayName, null, Arrays.asList(memberIds));
  }

  /**
   * @param externalId null for none
   */
  public static String groupJson(String displayName, String externalId, List<String> memberIds) {
    String members =
        memberIds.stream()
            .map(id -> "{\"value\": \"" + id + "\"}")
            .collect(Collectors.joining(", ", "[", "]"));
    return """
        {"schemas": ["%s"], "displayName": "%s",%s "members": %s}
        """
        .formatted(
            CORE_GROUP,
            displayName,
            externalId == null ? "" : " \"externalId\": \"" + externalId + "\",",
            members);
  }

  /** An operation adding these ids to {@code members}. */
  public static String addMembers(String... ids) {
    return Arrays.stream(ids)
        .map(id -> "{\"value\": \"" + id + "\"}")
        .collect(
            Collectors.joining(
                ", ", "{\"op\": \"add\", \"path\": \"members\", \"value\": [", "]}"));
  }

  // Reads

  /** The body of a 200 in {@code application/scim+json}. */
  public JsonObject ok(ScimClient.Reply reply) {
    return assertScimJson(reply, 200);
  }

  /** A ListResponse, whose page holds as many resources as {@code itemsPerPage} says. */
  public JsonObject list(String token, String pathAndQuery) {
    JsonObject list = ok(scim.get(pathAndQuery, token));
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0));
    assertEquals(list.getInt("itemsPerPage"), list.getJsonArray("Resources").size());
    return list;
  }

  public JsonObject usersWhere(String filter) {
    return list(ACME_TOKEN, "/Users?filter=" + encoded(filter));
  }

  public JsonObject groupsWhere(String filter) {
    return list(ACME_TOKEN, "/Groups?filter=" + encoded(filter));
  }

  public JsonObject readUser(String id) {
    return ok(scim.get("/Users/" + id, ACME_TOKEN));
  }

  public JsonObject readGroup(String id) {
    return ok(scim.get("/Groups/" + id, ACME_TOKEN));
  }

  // Writes

  /** Creates a user of acme and answers its id. */
  public String createUser(String body) {
    return created(scim.post("/Users", ACME_TOKEN, body));
  }

  /** Creates a user of acme that has nothing but this userName, and answers its id. */
  public String user(String userName) {
    return user(ACME_TOKEN, userName);
  }

  public String user(String token, String userName) {
    return created(scim.post("/Users", token, "{\"userName\": \"" + userName + "\"}"));
  }

  /** Creates {@code n} users on 8 threads and answers their ids, in order. */
  public List<String> createUsers(String prefix, int n) throws Exception {
    List<Callable<ScimClient.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String body = "{\"userName\": \"" + prefix + "user" + i + "\"}";
      creates.add(() -> scim.post("/Users", ACME_TOKEN, body));
    }
    List<String> ids = new ArrayList<>();
    for (ScimClient.Reply reply : Concurrently.inParallel(creates, 8)) {
      ids.add(created(reply));
    }
    return ids;
  }

  /** Creates a group of acme and answers its id. */
  public String createGroup(String body) {
    return created(scim.post("/Groups", ACME_TOKEN, body));
  }

  /** Creates a group of acme with these members and answers its id. */
  public String group(String displayName, String... memberIds) {
    return createGroup(groupJson(displayName, memberIds));
  }

  /** A user PATCH, which answers 200 with the user. */
  public ScimClient.Reply patchUser(String id, String body) {
    ScimClient.Reply reply = scim.patch("/Users/" + id, ACME_TOKEN, body);
    assertEquals(200, reply.status(), reply::toString);
    return reply;
  }

  /** A group PATCH, which answers 204 without a body and with the new version in the ETag. */
  public void patchGroup(String id, String body) {
    ScimClient.Reply reply = scim.patch("/Groups/" + id, ACME_TOKEN, body);
    assertEquals(204, reply.status(), reply::toString);
    assertEquals("", reply.body());
    assertTrue(reply.header("ETag").orElse("").matches("W/\"\\d+\""), reply::toString);
  }

  private static String created(ScimClient.Reply reply) {
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }
}
