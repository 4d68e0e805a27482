package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "",
        "quote \" and backslash \\",
        "new\nline, tab\t, return\r, \b and \f",
        "\u0000 \u001f \u007f",
        "ümlaut, 漢字, emoji \ud83d\ude00",
        "W/\"3\"",
        "</script>"
      })
  void aQuotedStringReadsBackAsItself(String value) {
    String json = JsonText.quote(new StringBuilder("["), value).append(']').toString();
    assertEquals(value, Json.createReader(new StringReader(json)).readArray().getString(0));
  }

  @Test
  void topLevelKeysSkipWhatIsNested() {
    String document =
        """
        {"userName":"a{b}[c]","name":{"givenName":"x","familyName":"y"},\
        "emails":[{"value":"q\\"uote\\\\","type":"work"},{"value":"z"}],"active":true,\
        "n":-1.5e3,"empty":{},"list":[[],[{}]],"nil":null,\
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"d"}}""";
    assertEquals(
        List.of(
            "userName",
            "name",
            "emails",
            "active",
            "n",
            "empty",
            "list",
            "nil",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
        JsonText.topLevelKeys(document));
  }

  @Test
  void anEmptyObjectHasNoKeysAndNoMembers() {
    assertEquals(List.of(), JsonText.topLevelKeys(" { } "));
    assertEquals("", JsonText.members(" { } "));
  }

  @Test
  void membersAreTheTextBetweenTheBraces() {
    assertEquals("\"a\":{\"b\":1},\"c\":[2]", JsonText.members("{\"a\":{\"b\":1},\"c\":[2]}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1]",
        "\"text\"",
        "",
        "{\"a\":1",
        "{\"a\":\"unterminated}",
        "{\"a\":1}}",
        "{\"a\":1} trailing",
        "{\"a\\u0062\":1}"
      })
  void whatItIsNotSureOfIsNull(String text) {
    assertNull(JsonText.topLevelKeys(text));
  }

  @Test
  void aStringEndsAtTheFirstQuoteThatNoBackslashEscapes() {
    assertEquals(3, JsonText.endOfString("\"ab\" x", 0));
    assertEquals(4, JsonText.endOfString("\"a\\\\\"", 0)); // "a\\" : the backslash is escaped
    assertEquals(7, JsonText.endOfString("\"a\\\"b\\\\\"c", 0)); // "a\"b\\" : an escaped quote
    assertEquals(-1, JsonText.endOfString("\"a\\\"", 0)); // "a\" : cut short
    assertEquals(-1, JsonText.endOfString("\"abc", 0));
    assertEquals(5, JsonText.endOfString("x:\"\\\\\"", 2)); // a string of one escaped backslash
  }

  @Test
  void membersAreAppendedWithoutTheSpaceAroundThem() {
    StringBuilder out = new StringBuilder("{");
    assertEquals("{\"a\": 1", JsonText.appendMembers(out, " {\n  \"a\": 1\n} ").toString());
  }
}
