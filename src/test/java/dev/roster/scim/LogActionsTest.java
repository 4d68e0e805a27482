package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the log names a request that no store named: the request as sent, read without failing. */
class LogActionsTest {

  @ParameterizedTest(name = "{0} {1}/{2} filter={4} count={5} → {7}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // method | type | id | search | filter | count | body | action
        "POST | User | - | false | - | - | {\"userName\":\"bj\"} | create",
        "PUT | User | 42 | false | - | - | {\"userName\":\"bj\"} | update",
        "DELETE | User | 42 | false | - | - | - | delete",
        "GET | User | 42 | false | - | - | - | read",
        "GET | User | - | false | userName eq \"bjensen\" | - | - | lookup",
        "POST | User | - | true | userName eq \"bjensen\" | - | - | lookup",
        "GET | User | - | false | - | - | - | list",
        // Entra's Test Connection and cycle probes: a random GUID
        "GET | User | - | false | userName eq \"8f1a5b2e-53b4-4bd8-8c3c-2d57f2b5f4a1\" | - | - | test connection",
        "GET | Group | - | false | displayName eq \"8F1A5B2E-53B4-4BD8-8C3C-2D57F2B5F4A1\" | - | - | test connection",
        // Okta's Test API Credentials
        "GET | User | - | false | - | 2 | - | test connection",
        "GET | ServiceProviderConfig | - | false | - | - | - | discovery",
        // Entra's deactivation, with the boolean as a string, and Okta's
        "PATCH | User | 42 | false | - | - | {\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]} | deactivate",
        "PATCH | User | 42 | false | - | - | {\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]} | deactivate",
        "PATCH | User | 42 | false | - | - | {\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]} | reactivate",
        "PATCH | User | 42 | false | - | - | {\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]} | update",
        "PATCH | Group | 7 | false | - | - | {\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"42\"}]}]} | add members",
        "PATCH | Group | 7 | false | - | - | {\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"42\\\"]\"}]} | remove members",
        "PATCH | Group | 7 | false | - | - | {\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]} | update",
        // not a PATCH the engine can read: still named, as an update
        "PATCH | Group | 7 | false | - | - | {\"Operations\":\"nonsense\"} | update",
      })
  void namesTheActionOfARequestAsSent(
      String method,
      String type,
      String id,
      boolean search,
      String filter,
      String count,
      String body,
      String action) {
    assertEquals(action, LogActions.of(method, type, id, search, filter, count, json(body)));
  }

  @ParameterizedTest(name = "{0} {1} → {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "User | - | {\"userName\":\"bjensen@example.com\"} | bjensen@example.com",
        "User | - | {\"USERNAME\":\"Nancy\"} | Nancy",
        "Group | - | {\"displayName\":\"Sales\"} | Sales",
        "User | userName eq \"nancy\\\"s\" | - | nancy\"s",
        "User | userName eq \"8f1a5b2e-53b4-4bd8-8c3c-2d57f2b5f4a1\" | - | -",
        "User | userName sw \"n\" | - | -",
        "User | - | - | -",
      })
  void namesWhomARequestAsSentWasAbout(String type, String filter, String body, String subject) {
    assertEquals(subject, LogActions.subjectOf(type, filter, json(body)));
  }

  @org.junit.jupiter.api.Test
  void aHugeFilterIsALookupOfNobodyAndNeverOverflows() {
    String huge = "userName eq \"" + "x\\\"".repeat(50_000) + "\"";

    assertEquals(LogActions.LOOKUP, LogActions.of("POST", "User", null, true, huge, null, null));
    assertNull(LogActions.subjectOf("User", huge, null));
    String longest = "userName eq \"" + "x".repeat(LogActions.LONGEST_NAMING_FILTER - 14) + "\"";
    assertEquals(LogActions.LONGEST_NAMING_FILTER, longest.length());
    assertEquals(
        "x".repeat(LogActions.LONGEST_NAMING_FILTER - 14),
        LogActions.subjectOf("User", longest, null));
  }

  @org.junit.jupiter.api.Test
  void aPathAboutNothingHasNoAction() {
    assertNull(LogActions.of("GET", null, null, false, null, null, null));
    assertEquals(LogActions.DEACTIVATE, LogActions.ofUserChange(true, false));
    assertEquals(LogActions.REACTIVATE, LogActions.ofUserChange(false, true));
    assertEquals(LogActions.UPDATE, LogActions.ofUserChange(true, true));
  }

  private static JsonObject json(String text) {
    return text == null ? null : Json.createReader(new StringReader(text)).readObject();
  }
}
