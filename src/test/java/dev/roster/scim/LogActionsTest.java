package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

  @Test
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

  @Test
  void aPathAboutNothingHasNoAction() {
    assertNull(LogActions.of("GET", null, null, false, null, null, null));
    assertEquals(LogActions.DEACTIVATE, LogActions.ofUserChange(true, false));
    assertEquals(LogActions.REACTIVATE, LogActions.ofUserChange(false, true));
    assertEquals(LogActions.UPDATE, LogActions.ofUserChange(true, true));
  }

  /**
   * The regular expressions the log read a filter with until the hand-written reading replaced them
   * for speed: the oracle that reading must agree with.
   */
  private static final Pattern EQUALITY =
      Pattern.compile(
          "^\\s*+([A-Za-z][\\w.:\\[\\]-]*+)\\s++(?i:eq)\\s++\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*+$");

  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private static final String[] PIECES = {
    " ",
    "\t",
    "\n",
    "\r",
    "\u000B",
    "\f",
    "\u0085",
    "\u2028",
    "\u2029",
    "\u00A0",
    "\"",
    "\\",
    "\\\"",
    "e",
    "E",
    "q",
    "Q",
    "eq",
    "EQ",
    "sw",
    "userName",
    "emails[type eq \"work\"].value",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
    "x",
    "_",
    ".",
    ":",
    "[",
    "]",
    "-",
    "7",
    "é",
    "(",
    "8f1a5b2e-53b4-4bd8-8c3c-2d57f2b5f4a1",
    "8F1A5B2E-53B4-4BD8-8C3C-2D57F2B5F4A",
    "\uD83D\uDE00",
    "\uD83D",
    " eq \"",
    "\" "
  };

  @Test
  void readsEveryFilterAsTheRegularExpressionsDid() {
    Random random = new Random(18);
    int named = 0;
    int tests = 0;
    for (int round = 0; round < 300_000; round++) {
      String filter = random.nextBoolean() ? anyPieces(random) : anEquality(random);
      Matcher equality = EQUALITY.matcher(filter);
      boolean matches = filter.length() <= LogActions.LONGEST_NAMING_FILTER && equality.matches();
      boolean guid = matches && GUID.matcher(equality.group(2)).matches();
      String subject = matches && !guid ? equality.group(2).replaceAll("\\\\(.)", "$1") : null;
      String action = filter.isBlank() ? LogActions.LIST : guid ? "test connection" : "lookup";

      String shown = filter.replace("\n", "\\n").replace("\r", "\\r");
      assertEquals(matches ? equality.group(2) : null, LogActions.equalityValue(filter), shown);
      assertEquals(subject, LogActions.subjectOf("User", filter, null), shown);
      assertEquals(action, LogActions.of("GET", "User", null, false, filter, null, null), shown);
      named += subject != null ? 1 : 0;
      tests += guid ? 1 : 0;
    }
    assertTrue(named > 20_000 && tests > 1_000, named + " named, " + tests + " tests");
  }

  private static String anyPieces(Random random) {
    StringBuilder filter = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      filter.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return filter.toString();
  }

  /**
   * {@code attribute eq "value"}, each part now and then broken by a random piece, the value often
   * made of random pieces.
   */
  private static String anEquality(Random random) {
    String[] parts = {
      random.nextInt(4) == 0 ? " \t" : "",
      random.nextInt(3) == 0 ? "name.givenName" : "userName",
      random.nextInt(3) == 0 ? "\n " : " ",
      random.nextInt(3) == 0 ? "eQ" : "eq",
      " ",
      "\"",
      switch (random.nextInt(4)) {
        case 0 -> "8f1a5b2e-53b4-4bd8-8c3c-2d57f2b5f4a1";
        case 1 -> "bjensen\\\"x";
        default -> anyPieces(random);
      },
      "\"",
      random.nextInt(4) == 0 ? " \r\n" : ""
    };
    StringBuilder filter = new StringBuilder();
    for (String part : parts) {
      filter.append(random.nextInt(12) == 0 ? PIECES[random.nextInt(PIECES.length)] : part);
    }
    return filter.toString();
  }

  private static JsonObject json(String text) {
    return text == null ? null : Json.createReader(new StringReader(text)).readObject();
  }
}
