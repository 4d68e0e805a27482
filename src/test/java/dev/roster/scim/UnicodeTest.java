package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnicodeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "é",
        "東",
        "\uD83D\uDE00",
        "aé東\uD83D\uDE00",
        "\u007F\u0080\u07FF\u0800\uFFFF"
      })
  void utf8LengthIsWhatTheEncoderWrites(String text) {
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Unicode.utf8Length(text));
  }

  @Test
  void utf8LengthOfRandomTextIsWhatTheEncoderWrites() {
    Random random = new Random(14);
    for (int round = 0; round < 1_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
        if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
          text.appendCodePoint(codePoint);
        }
      }
      assertEquals(
          text.toString().getBytes(StandardCharsets.UTF_8).length,
          Unicode.utf8Length(text),
          text::toString);
    }
  }

  @Test
  void aLoneSurrogateCountsAsTheReplacementCharacter() {
    assertEquals(3, Unicode.utf8Length("\uD800"));
    assertEquals(4, Unicode.utf8Length("x\uDC00"));
  }
}
