package dev.roster.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.JsonBodies;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyRedactorTest {

  private static final int LARGE = 100_000;
  private static final String REDACTED = "[REDACTED]";

  private static String redact(String body) {
    return BodyRedactor.redact(body.getBytes(StandardCharsets.UTF_8), LARGE);
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** Valid JSON bodies: input, the secret in it, and the expected compact output. */
  static Stream<Arguments> jsonBodies() {
    return Stream.of(
        Arguments.of(
            "password",
            """
            {"userName":"bjensen","password":"t1meMa$heen"}""",
            "t1meMa$heen",
            """
            {"userName":"bjensen","password":"[REDACTED]"}"""),
        Arguments.of(
            "Password",
            """
            {"userName": "bjensen", "Password": "t1meMa$heen"}""",
            "t1meMa$heen",
            """
            {"userName":"bjensen","Password":"[REDACTED]"}"""),
        Arguments.of(
            "PASSWORD",
            """
            {"PASSWORD":"t1meMa$heen"}""",
            "t1meMa$heen",
            """
            {"PASSWORD":"[REDACTED]"}"""),
        Arguments.of(
            "nested object",
            """
            {"user":{"credentials":{"password":"n3sted-pw"}},"active":true}""",
            "n3sted-pw",
            """
            {"user":{"credentials":{"password":"[REDACTED]"}},"active":true}"""),
        Arguments.of(
            "object in array",
            """
            {"Operations":[{"op":"add","value":{"password":"arr4y-pw"}},{"password":"s3cond-pw"}]}""",
            "arr4y-pw",
            """
            {"Operations":[{"op":"add","value":{"password":"[REDACTED]"}},{"password":"[REDACTED]"}]}"""),
        Arguments.of(
            "top-level array",
            """
            [{"password":"top-arr4y"}, 1, "x"]""",
            "top-arr4y",
            """
            [{"password":"[REDACTED]"},1,"x"]"""),
        Arguments.of(
            "URN-qualified",
            """
            {"urn:ietf:params:scim:schemas:core:2.0:User:password":"urn-pw-42"}""",
            "urn-pw-42",
            """
            {"urn:ietf:params:scim:schemas:core:2.0:User:password":"[REDACTED]"}"""),
        Arguments.of(
            "PATCH path password",
            """
            {"op":"replace","path":"password","value":"patch-pw-1"}""",
            "patch-pw-1",
            """
            {"op":"replace","path":"password","value":"[REDACTED]"}"""),
        Arguments.of(
            "PATCH path PASSWORD",
            """
            {"op":"replace","path":"PASSWORD","value":"patch-pw-2"}""",
            "patch-pw-2",
            """
            {"op":"replace","path":"PASSWORD","value":"[REDACTED]"}"""),
        Arguments.of(
            "PATCH path URN-qualified, in a PatchOp",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:password","value":"patch-pw-3"}]}""",
            "patch-pw-3",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:password","value":"[REDACTED]"}]}"""),
        Arguments.of(
            "PATCH without path",
            """
            {"op":"replace","value":{"password":"pathless-pw","active":false}}""",
            "pathless-pw",
            """
            {"op":"replace","value":{"password":"[REDACTED]","active":false}}"""),
        Arguments.of(
            "secret",
            """
            {"secret":"s3cr3t-value"}""",
            "s3cr3t-value",
            """
            {"secret":"[REDACTED]"}"""),
        Arguments.of(
            "token",
            """
            {"token":"tok-value-1"}""",
            "tok-value-1",
            """
            {"token":"[REDACTED]"}"""),
        Arguments.of(
            "access_token",
            """
            {"access_token":"acc-value-1","token_type":"Bearer"}""",
            "acc-value-1",
            """
            {"access_token":"[REDACTED]","token_type":"Bearer"}"""),
        Arguments.of(
            "clientSecret",
            """
            {"clientId":"app","clientSecret":"cs-value-1"}""",
            "cs-value-1",
            """
            {"clientId":"app","clientSecret":"[REDACTED]"}"""),
        Arguments.of(
            "non-string secret",
            """
            {"password":{"hash":"h4sh-val","salt":"s4lt-val"}}""",
            "h4sh-val",
            """
            {"password":"[REDACTED]"}"""),
        Arguments.of(
            "number secret",
            """
            {"password":987654321}""",
            "987654321",
            """
            {"password":"[REDACTED]"}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonBodies")
  void redactsSecretsInJson(String why, String body, String secret, String expected) {
    String redacted = redact(body);

    assertFalse(redacted.contains(secret), redacted);
    assertTrue(redacted.contains(REDACTED), redacted);
    assertEquals(expected, redacted);
    try (JsonReader reader = Json.createReader(new StringReader(redacted))) {
      reader.readValue();
    }
  }

  /** The log redacts the body the request parsed instead of parsing it again: the same text. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonBodies")
  void redactsAParsedBodyAsItsBytes(String why, String body, String secret, String expected) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertEquals(
        expected,
        BodyRedactor.redact(bytes, JsonBodies.parseValue(new StringReader(body)), LARGE),
        why);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "{\"Operations\":[{\"op\":\"Replace\",\"Path\":\"password\",\"Value\":\"entra-pw\"}]}",
        "{\"op\":\"replace\",\"PATH\":\"password\",\"value\":\"entra-pw\"}",
      })
  void redactsPatchValueWhateverTheCaseOfPath(String body) {
    String redacted = redact(body);

    assertFalse(redacted.contains("entra-pw"), redacted);
    assertTrue(redacted.contains(REDACTED), redacted);
  }

  @Test
  void keepsEverythingElse() {
    String redacted =
        redact(
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "bjensen",
              "name": {"familyName": "Jensen", "givenName": "Barbara"},
              "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}],
              "password": "t1meMa$heen",
              "passwordHint": "a machine",
              "tokenCount": 3
            }
            """);

    assertFalse(redacted.contains("t1meMa$heen"), redacted);
    JsonObject json = parse(redacted);
    assertEquals(REDACTED, json.getString("password"));
    assertEquals("bjensen", json.getString("userName"));
    assertEquals("Barbara", json.getJsonObject("name").getString("givenName"));
    assertEquals(
        "bjensen@example.com", json.getJsonArray("emails").getJsonObject(0).getString("value"));
    assertEquals("a machine", json.getString("passwordHint"));
    assertEquals(3, json.getInt("tokenCount"));
    assertFalse(redacted.contains("\n"), "compact: " + redacted);
  }

  @Test
  void leavesPatchValuesOfOtherPathsAlone() {
    String redacted = redact("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Babs\"}");

    assertEquals("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Babs\"}", redacted);
  }

  /** Bodies that are not JSON: input and the secret that must not survive. */
  static Stream<Arguments> textBodies() {
    return Stream.of(
        Arguments.of("cut after a member", "{\"password\":\"abc-pw-1\", \"x\": ", "abc-pw-1"),
        Arguments.of("unterminated value", "{\"password\":\"abc-pw-2", "abc-pw-2"),
        Arguments.of(
            "unterminated, upper case",
            "{\"userName\":\"b\",\"PASSWORD\" : \"abc-pw-3",
            "abc-pw-3"),
        Arguments.of("escaped quote in value", "{\"password\":\"ab\\\"c-pw-4\", ", "c-pw-4"),
        Arguments.of(
            "URN-qualified, malformed",
            "{\"urn:ietf:params:scim:schemas:core:2.0:User:password\":\"urn-pw-5\",",
            "urn-pw-5"),
        Arguments.of("access_token, malformed", "{\"access_token\": \"acc-pw-6\" ", "acc-pw-6"),
        Arguments.of(
            "PATCH value, malformed",
            "{\"Operations\":[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"patch-pw-7\"}",
            "patch-pw-7"),
        Arguments.of("form body", "user=a&password=form-pw-8", "form-pw-8"),
        Arguments.of("form body, secret first", "password=form-pw-9&user=a", "form-pw-9"),
        Arguments.of(
            "form body, client_secret", "grant_type=x&client_secret=form-pw-10&y=1", "form-pw-10"),
        Arguments.of("query string", "?filter=x&token=query-tok-11", "query-tok-11"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textBodies")
  void redactsSecretsInTextThatIsNotJson(String why, String body, String secret) {
    String redacted = redact(body);

    assertFalse(redacted.contains(secret), redacted);
    assertTrue(redacted.contains(REDACTED), redacted);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodiesTheFallbackMisses")
  void redactsSecretsInMalformedJsonWhateverTheirShape(String why, String body, String secret) {
    String redacted = redact(body);

    assertFalse(redacted.contains(secret), redacted);
  }

  static Stream<Arguments> malformedBodiesTheFallbackMisses() {
    return Stream.of(
        Arguments.of(
            "value before path",
            "{\"op\":\"replace\",\"value\":\"pw-vb-1\",\"path\":\"password\"",
            "pw-vb-1"),
        Arguments.of(
            "member between path and value",
            "{\"op\":\"replace\",\"path\":\"password\",\"x\":1,\"value\":\"pw-mid-2\"",
            "pw-mid-2"),
        Arguments.of("number", "{\"password\": 12345678, ", "12345678"),
        Arguments.of("array", "{\"password\":[\"pw-arr-3\"], ", "pw-arr-3"),
        Arguments.of(
            "a second object after a valid one",
            "{\"userName\":\"b\"}{\"password\":\"pw-second-4\"}",
            "pw-second-4"));
  }

  @Test
  void redactsMalformedJsonInPlace() {
    assertEquals("{\"password\":\"[REDACTED]\", \"x\": ", redact("{\"password\":\"abc\", \"x\": "));
  }

  @Test
  void redactsFormFieldKeepingTheOthers() {
    assertEquals("user=a&password=[REDACTED]", redact("user=a&password=b"));
  }

  @Test
  void leavesTextWithoutSecretsAlone() {
    assertEquals("user=a&passwordless=true", redact("user=a&passwordless=true"));
    assertEquals("{\"userName\":\"bjensen\", ", redact("{\"userName\":\"bjensen\", "));
  }

  @Test
  void keepsABodyOfExactlyMaxChars() {
    String body = "{\"userName\":\"" + "b".repeat(30) + "\"}";

    assertEquals(body, BodyRedactor.redact(body.getBytes(StandardCharsets.UTF_8), body.length()));
  }

  @Test
  void cutsALongBodyAndSaysHowLongItWas() {
    String body = "{\"userName\":\"" + "b".repeat(500) + "\"}";

    String capped = BodyRedactor.redact(body.getBytes(StandardCharsets.UTF_8), 100);

    assertTrue(capped.startsWith(body.substring(0, 100)), capped);
    String marker = capped.substring(100);
    assertTrue(marker.contains("truncated"), marker);
    assertTrue(marker.contains(Integer.toString(body.length())), marker);
    assertTrue(capped.length() < body.length());
  }

  @Test
  void redactsBeforeCutting() {
    String secret = "t1meMa$heen-and-more";
    String body =
        "{\"userName\":\"bjensen\",\"password\":\""
            + secret
            + "\",\"x\":\""
            + "y".repeat(200)
            + "\"}";
    int cut = body.indexOf(secret) + 5;

    String capped = BodyRedactor.redact(body.getBytes(StandardCharsets.UTF_8), cut);

    assertFalse(capped.contains(secret.substring(0, 5)), capped);
    assertTrue(capped.contains("truncated"), capped);
  }

  @Test
  void redactsAnEmptyBodyToNothing() {
    assertEquals("", redact(""));
  }

  @Test
  void redactTextWorksOnItsOwn() {
    String redacted = BodyRedactor.redactText("password=pw-12&apiKey=key-13&bearer=b-14");

    assertFalse(redacted.contains("pw-12"), redacted);
    assertFalse(redacted.contains("key-13"), redacted);
    assertFalse(redacted.contains("b-14"), redacted);
  }

  @Test
  void survivesNestingDeeperThanTheParserAllows() {
    String deep = "[".repeat(5000) + "{\"password\":\"deep-pw-1\"}" + "]".repeat(5000);

    String redacted = redact(deep);

    assertFalse(redacted.contains("deep-pw-1"), redacted.substring(4990, 5040));
  }

  // One notion of "this path names a password", shared with the PATCH engine (issue 12: the engine
  // trimmed "password " and applied it; the log kept its value in clear)

  static final String URN = "urn:ietf:params:scim:schemas:core:2.0:User:password";

  /** Spellings of a password path or key, as JSON string content. */
  static Stream<String> passwordPaths() {
    return Stream.of(
        "password",
        "password ",
        " password",
        "\\tpassword\\n",
        "\\u0000password",
        "PASSWORD",
        "Password ",
        // equalsIgnoreCase, which resolves names, reads U+017F (long s) as s
        "pa\u017F\u017Fword",
        "PA\u017F\u017FWORD ",
        URN,
        URN.toUpperCase(java.util.Locale.ROOT),
        " " + URN + " ",
        "password[value eq \\\"x\\\"]",
        URN + "[value pr]");
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("passwordPaths")
  void redactsThePatchValueOfEverySpellingOfAPasswordPath(String path) {
    String body =
        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"pw-sec-1\"}]}";

    assertFalse(redact(body).contains("pw-sec-1"), redact(body));
    // and when the body is cut off, so that it is not JSON
    String cut = body.substring(0, body.length() - 3);
    assertFalse(redact(cut).contains("pw-sec-1"), redact(cut));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("passwordPaths")
  void redactsEverySpellingOfAPasswordAsAMemberName(String name) {
    for (String body :
        List.of(
            "{\"userName\":\"b\",\"" + name + "\":\"pw-sec-2\"}",
            "{\"Operations\":[{\"op\":\"add\",\"value\":{\"" + name + "\":\"pw-sec-2\"}}]}",
            "{\"Operations\":[{\"op\":\"add\",\"value\":{\"" + name + "\":[\"pw-sec-2\"]")) {
      assertFalse(redact(body).contains("pw-sec-2"), redact(body));
    }
  }

  /**
   * The redactor's notion is the engine's: for each spelling, the engine applies the operation to
   * the password exactly when {@link PatchEngine#namesNeverReturned} says so, and the log redacts
   * it either way.
   */
  @ParameterizedTest(name = "[{0}]")
  @MethodSource("passwordPaths")
  void namesAPasswordExactlyWhenTheEngineAppliesOneThere(String path) {
    String unescaped = parse("{\"p\":\"" + path + "\"}").getString("p");
    boolean applied;
    try {
      JsonObject result =
          new PatchEngine(ResourceType.USER)
              .apply(
                  parse("{\"userName\":\"b\"}"),
                  PatchOperation.listOf(
                      parse(
                          "{\"Operations\":[{\"op\":\"replace\",\"path\":\""
                              + path
                              + "\",\"value\":\"pw-sec-3\"}]}")));
      applied = result.containsKey("password");
    } catch (dev.roster.scim.ScimException refused) {
      applied = false;
    }

    assertEquals(applied, PatchEngine.namesNeverReturned(unescaped), unescaped);
  }

  /** Roster refuses filters on a password, but the log keeps the query and body that asked. */
  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "filter=password eq \"pw-f-1\"&count=1",
        "filter=userName eq \"b\" and PASSWORD co pw-f-1",
        "filter=urn:ietf:params:scim:schemas:core:2.0:User:password sw \"pw-f-1",
        "filter=not (password ne \"pw-f-1\")"
      })
  void redactsTheValueOfAFilterOnAPassword(String query) {
    String redacted = BodyRedactor.redactText(query);
    assertFalse(redacted.contains("pw-f-1"), redacted);

    String search = redact("{\"filter\":" + Json.createValue(query.substring(7)) + "}");
    assertFalse(search.contains("pw-f-1"), search);
  }

  @Test
  void keepsFiltersOnOtherAttributes() {
    String query = "filter=passwordHint eq \"x\" and userName eq \"bjensen\"";

    assertEquals(query, BodyRedactor.redactText(query));
  }

  /** Java's regular expressions recurse once per character of some loops: none of those here. */
  @Test
  void redactsLongTextWithoutRunningOutOfStack() {
    String longValue = "x".repeat(200_000);
    String escapes = "\\\"".repeat(100_000);
    List<String> bodies =
        List.of(
            "{\"userName\":\"" + longValue + "\",\"password\":\"pw-long-1\"}",
            "{\"userName\":\"" + longValue + "\",\"password\":\"pw-long-1\"",
            "{\"userName\":\"" + escapes + "\",\"password\":\"pw-long-1\"",
            "{\"filter\":\"password eq \\\"" + longValue + "pw-long-1\\\"\"}",
            "{\"filter\":\"password eq \\\"" + escapes + "pw-long-1\\\"\"");
    for (String body : bodies) {
      String redacted = redact(body);
      assertFalse(
          redacted.contains("pw-long-1"),
          () -> redacted.substring(Math.max(0, redacted.length() - 80)));
    }
    String query = "filter=password eq \"" + escapes + "pw-long-1\"";
    assertFalse(BodyRedactor.redactText(query).contains("pw-long-1"));
  }

  /** Shapes that make a backtracking pattern slow: each must take well under a second. */
  @Test
  void redactsPathologicalTextInLinearTime() {
    List<String> bodies =
        List.of(
            "{\"" + "[".repeat(200_000) + "\":1}",
            "{\"" + "a.".repeat(100_000) + "\":1}",
            "{\"x\":\"" + "password ".repeat(20_000) + "\"}",
            "{\"x\":\"" + "password ".repeat(20_000),
            "\"".repeat(100_000) + "password");
    for (String body : bodies) {
      long start = System.nanoTime();
      redact(body);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 1000, millis + " ms for " + body.substring(0, 20));
    }
  }

  private static final String[] PIECES = {
    "password",
    "PassWord",
    "pa\u017Fsword",
    "secret",
    "SECRET",
    "token",
    "access_token",
    "refreshToken",
    "client_secret",
    "api_key",
    "api\u212Aey",
    "apiKey",
    "bearer",
    "Bearer",
    "passwordless",
    "=",
    "&",
    "?",
    " ",
    "\t",
    "\\t",
    "\\u0041",
    " eq ",
    " sw ",
    " pr",
    "\"",
    ":",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "x",
    "7",
    "-1.5",
    "userName",
    "filter=",
    "urn:ietf:params:x:",
    "\u0131",
    "\u0130",
    "é",
    ","
  };

  /** The quick check before the patterns must never let through what the patterns redact. */
  @Test
  void theQuickCheckSkipsOnlyTextThePatternsLeaveAlone() {
    Random random = new Random(18);
    int skipped = 0;
    int redacted = 0;
    for (int round = 0; round < 100_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(10); i > 0; i--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String fully = BodyRedactor.redactTextFully(text.toString());

      assertEquals(fully, BodyRedactor.redactText(text.toString()), text.toString());
      skipped += BodyRedactor.mayNameASecret(text.toString()) ? 0 : 1;
      redacted += fully.equals(text.toString()) ? 0 : 1;
    }
    assertTrue(skipped > 10_000 && redacted > 5_000, skipped + " skipped, " + redacted);
  }
}
