package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesAnObject() {
    JsonObject user =
        JsonBodies.parseObject(
            utf8(
                """
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                  "userName": "bjensen",
                  "name": {"familyName": "Jensen", "givenName": "Barbara"},
                  "active": true
                }
                """));

    assertEquals("bjensen", user.getString("userName"));
    assertEquals("Jensen", user.getJsonObject("name").getString("familyName"));
    assertTrue(user.getBoolean("active"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"userName\":\"a\\u0000b\"}",
        "{\"name\":{\"givenName\":\"\\u0000\"}}",
        "{\"emails\":[{\"value\":\"x@example.com\\u0000\"}]}",
        "{\"user\\u0000Name\":\"bjensen\"}",
        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\\u0000\"}]}",
        "{\"members\":[{\"value\":\"1\",\"display\":\"\\u0000\"}]}",
      })
  void refusesNulAnywhereAsInvalidValue(String body) {
    ScimException e = assertThrows(ScimException.class, () -> JsonBodies.parseObject(utf8(body)));

    assertEquals(ScimType.INVALID_VALUE, e.scimType().orElseThrow());
    assertTrue(e.detail().contains("U+0000"), e.detail());
  }

  @Test
  void refusesNulInASearchRequestsFilterAsInvalidFilter() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () -> JsonBodies.parseObject(utf8("{\"filter\":\"userName eq \\\"\\u0000\\\"\"}")));

    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow());
  }

  @Test
  void parsesAnEmptyObject() {
    assertEquals(JsonObject.EMPTY_JSON_OBJECT, JsonBodies.parseObject(utf8("{}")));
  }

  @Test
  void readsUtf8() {
    JsonObject user =
        JsonBodies.parseObject(
            new ByteArrayInputStream(utf8("{\"displayName\":\"Bärbel Ørsted\"}")));

    assertEquals("Bärbel Ørsted", user.getString("displayName"));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "\n\t ",
        "{",
        "{\"userName\": }",
        "{\"userName\": \"bjensen\",}",
        "{'userName': 'bjensen'}",
        "userName=bjensen",
        "<User/>",
        "[]",
        "[{\"userName\":\"bjensen\"}]",
        "\"bjensen\"",
        "42",
        "true",
        "null",
        "{\"userName\":\"bjensen\"}{\"password\":\"x\"}",
        "{\"userName\":\"bjensen\"} trailing",
        "{\"userName\":\"bjensen\"}]",
      })
  void rejectsAnythingButAnObjectAsInvalidSyntax(String body) {
    ScimException e = assertThrows(ScimException.class, () -> JsonBodies.parseObject(utf8(body)));

    assertEquals(400, e.status());
    assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType());
    assertTrue(!e.detail().isBlank());
  }

  @Test
  void rejectionOfMalformedJsonSaysWhereItBroke() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                JsonBodies.parseObject(
                    utf8("{\n  \"userName\": \"bjensen\",\n  \"active\": ,\n}")));

    assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType());
    assertTrue(e.detail().contains("line 3"), e.detail());
    assertTrue(e.detail().contains("column"), e.detail());
  }

  @Test
  void rejectionOfAnArraySaysAnObjectIsNeeded() {
    ScimException e = assertThrows(ScimException.class, () -> JsonBodies.parseObject(utf8("[]")));

    assertTrue(e.detail().contains("object"), e.detail());
  }

  @Test
  void rejectsNestingDeeperThanTheParserAllowsAsInvalidSyntax() {
    String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);

    ScimException e = assertThrows(ScimException.class, () -> JsonBodies.parseObject(utf8(deep)));

    assertEquals(400, e.status());
    assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType());
  }

  // Bytes and characters: what a client sent is read exactly, or refused

  /** A user whose userName holds these bytes, which are not UTF-8. */
  static byte[] userNameOfBytes(int... bytes) {
    byte[] head = utf8("{\"userName\":\"a");
    byte[] tail = utf8("b\"}");
    byte[] body = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    for (int i = 0; i < bytes.length; i++) {
      body[head.length + i] = (byte) bytes[i];
    }
    System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
    return body;
  }

  static Stream<Arguments> notUtf8() {
    return Stream.of(
        arguments("a continuation byte alone", new int[] {0x80}),
        arguments("a sequence cut short", new int[] {0xE2, 0x82}),
        arguments("a byte UTF-8 never uses", new int[] {0xFF}),
        arguments("Latin-1 for é", new int[] {0xE9}),
        arguments("overlong '/' in two bytes", new int[] {0xC0, 0xAF}),
        arguments("overlong '/' in three bytes", new int[] {0xE0, 0x80, 0xAF}),
        arguments("overlong NUL", new int[] {0xC0, 0x80}),
        arguments("a surrogate as a character (CESU-8)", new int[] {0xED, 0xA0, 0x80}),
        arguments(
            "an emoji as two surrogate characters (CESU-8)",
            new int[] {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}),
        arguments("beyond U+10FFFF", new int[] {0xF4, 0x90, 0x80, 0x80}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notUtf8")
  void refusesBytesThatAreNotUtf8AsInvalidSyntax(String what, int[] bytes) {
    ScimException e =
        assertThrows(ScimException.class, () -> JsonBodies.parseObject(userNameOfBytes(bytes)));

    assertEquals(400, e.status());
    assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType());
    assertTrue(e.detail().contains("not valid UTF-8"), e.detail());
    assertTrue(e.detail().contains("offset 14"), e.detail());
  }

  @Test
  void readsEveryCharacterOfUtf8AsSent() {
    String text = "a\u00e9\u20ac\uD83D\uDE00\uFFFDb"; // é, €, an emoji and U+FFFD itself
    JsonObject user = JsonBodies.parseObject(utf8("{\"userName\":\"" + text + "\"}"));

    assertEquals(text, user.getString("userName"));
  }

  static Stream<Arguments> loneSurrogates() {
    return Stream.of(
        arguments("{\"userName\":\"\\ud800\"}", "/userName"),
        arguments("{\"userName\":\"a\\uDC00b\"}", "/userName"),
        arguments("{\"userName\":\"\\ude00\\ud83d\"}", "/userName"),
        arguments("{\"name\":{\"givenName\":\"x\\ud83d\"}}", "/name/givenName"),
        arguments("{\"emails\":[{\"value\":\"\\udbff\"}]}", "/emails/0/value"),
        arguments("{\"x\\ud800\":\"member name\"}", "member name at "),
        arguments(
            "{\"Operations\":[{\"op\":\"add\",\"value\":{\"title\":\"\\ud800\"}}]}",
            "/Operations/0/value/title"),
        arguments(
            "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"\\ud800\\\"]\"}]}",
            "/Operations/0/path"),
        arguments("{\"filter\":\"userName eq \\\"\\udfff\\\"\"}", "/filter"));
  }

  /**
   * A lone surrogate escape names no character: UTF-8 cannot hold it, so it came back as '?', and
   * three different userNames came back the same.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("loneSurrogates")
  void refusesLoneSurrogateEscapesAsInvalidValue(String body, String where) {
    ScimException e = assertThrows(ScimException.class, () -> JsonBodies.parseObject(utf8(body)));

    assertEquals(400, e.status());
    assertEquals(Optional.of(ScimType.INVALID_VALUE), e.scimType());
    assertTrue(e.detail().contains("lone surrogate"), e.detail());
    assertTrue(e.detail().contains(where), e.detail());
  }

  @Test
  void readsASurrogatePairEscapeAsOneCharacter() {
    JsonObject user = JsonBodies.parseObject(utf8("{\"userName\":\"\\ud83d\\ude00\"}"));

    assertEquals("\uD83D\uDE00", user.getString("userName"));
  }

  @Test
  void acceptsThirtyTwoLevelsOfNestingAndRefusesMoreAsInvalidSyntax() {
    String within =
        "{\"a\":".repeat(JsonBodies.MAX_DEPTH - 1) + "[]" + "}".repeat(JsonBodies.MAX_DEPTH - 1);
    String over = "{\"a\":".repeat(JsonBodies.MAX_DEPTH) + "[]" + "}".repeat(JsonBodies.MAX_DEPTH);

    JsonBodies.parseObject(utf8(within));
    ScimException e = assertThrows(ScimException.class, () -> JsonBodies.parseObject(utf8(over)));

    assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType());
    assertTrue(e.detail().contains("the limit is " + JsonBodies.MAX_DEPTH), e.detail());
  }

  /** Numbers are read as sent, however large, or refused when JSON-P will not hold them. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e999999999",
        "-1e-999999999",
        "1e2147483647",
        "1e2147483648",
        "123456789012345678901234567890",
        "0.0000000000000000000000000001"
      })
  void readsOrRefusesHugeNumbersAsInvalidSyntax(String number) {
    byte[] body = utf8("{\"userName\":\"x\",\"active\":" + number + "}");
    try {
      JsonObject user = JsonBodies.parseObject(body);
      assertTrue(user.get("active") instanceof jakarta.json.JsonNumber, user::toString);
    } catch (ScimException e) {
      assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType(), e.detail());
    }
    String digits = "9".repeat(2000);
    ScimException e =
        assertThrows(
            ScimException.class, () -> JsonBodies.parseObject(utf8("{\"active\":" + digits + "}")));
    assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType());
  }
}
