package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
