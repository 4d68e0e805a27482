package dev.roster.it;

import static dev.roster.it.ScimJson.LIST_RESPONSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/** Assertions on the wire format of RFC 7644. */
public final class ScimAssertions {

  private ScimAssertions() {}

  /** The response is application/scim+json. */
  public static void assertScimJson(ScimClient.Reply reply) {
    assertTrue(
        reply.contentType().startsWith("application/scim+json"),
        () -> "Content-Type of " + reply + " is " + reply.contentType());
  }

  /** The response has this status and is application/scim+json; answers its body. */
  public static JsonObject assertScimJson(ScimClient.Reply reply, int status) {
    assertEquals(status, reply.status(), reply::toString);
    assertScimJson(reply);
    return reply.json();
  }

  /**
   * A 200 with an RFC 7644 §3.4.2 ListResponse whose numbers are numbers and whose page holds as
   * many resources as {@code itemsPerPage} says (clients such as Okta's read all of it); answers
   * the list.
   */
  public static JsonObject assertListResponse(ScimClient.Reply reply) {
    JsonObject list = assertScimJson(reply, 200);
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0), reply::toString);
    assertTrue(list.get("totalResults") instanceof JsonNumber, reply::toString);
    assertTrue(list.get("itemsPerPage") instanceof JsonNumber, reply::toString);
    assertTrue(list.get("startIndex") instanceof JsonNumber, reply::toString);
    assertNotNull(list.getJsonArray("Resources"), reply::toString);
    assertEquals(
        list.getInt("itemsPerPage"), list.getJsonArray("Resources").size(), reply::toString);
    return list;
  }

  /**
   * Of the replies to simultaneous requests for one name, exactly one has the status and every
   * other is a 409 {@code uniqueness} error (RFC 7644 §3.12); answers that one.
   */
  public static ScimClient.Reply assertOneWinner(List<ScimClient.Reply> replies, int status) {
    List<ScimClient.Reply> winners = replies.stream().filter(r -> r.status() == status).toList();
    assertEquals(1, winners.size(), () -> status + "s: " + winners + "\nall: " + statuses(replies));
    for (ScimClient.Reply reply : replies) {
      if (reply.status() != status) {
        assertScimError(reply, 409, "uniqueness");
      }
    }
    return winners.get(0);
  }

  private static String statuses(List<ScimClient.Reply> replies) {
    return Arrays.toString(replies.stream().mapToInt(ScimClient.Reply::status).toArray());
  }

  /**
   * An RFC 7644 §3.12 error: the status, {@code status} as a string, the scimType (or none), a
   * detail, and the SCIM media type.
   *
   * @param scimType the expected keyword, or null when the error must have none
   */
  public static JsonObject assertScimError(ScimClient.Reply reply, int status, String scimType) {
    assertEquals(status, reply.status(), () -> "status of " + reply);
    assertScimJson(reply);
    JsonObject error = reply.json();
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:Error",
        error.getJsonArray("schemas").getString(0),
        reply::toString);
    assertEquals(Integer.toString(status), error.getString("status"), reply::toString);
    if (scimType == null) {
      assertFalse(error.containsKey("scimType"), reply::toString);
    } else {
      assertEquals(scimType, error.getString("scimType"), reply::toString);
    }
    assertFalse(error.getString("detail", "").isBlank(), reply::toString);
    assertFalse(
        reply.body().contains("Exception") || reply.body().contains("\tat "),
        () -> "error body shows internals: " + reply);
    return error;
  }
}
