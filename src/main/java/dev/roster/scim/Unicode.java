package dev.roster.scim;

/**
 * Text as Roster documents it: a character is a Unicode code point, and a string holds whole ones
 * only.
 */
public final class Unicode {

  /**
   * U+0000, which Roster accepts in no value, name, filter or path, on any database: PostgreSQL's
   * text cannot hold it, and an answer must not depend on the database.
   */
  public static final char NUL = '\0';

  private Unicode() {}

  /** The number of characters: an emoji is one, although Java stores it as two {@code char}s. */
  public static int length(CharSequence text) {
    return Character.codePointCount(text, 0, text.length());
  }

  /**
   * The bytes the text takes in UTF-8, counted without encoding it. A lone surrogate counts as the
   * three bytes of a replacement character.
   */
  public static int utf8Length(CharSequence text) {
    int bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * The index of the first surrogate that is not half of a pair, or -1. JSON's {@code \\u} escapes
   * can write one ({@code "\\ud800"}, RFC 8259 §8.2), although no character is one: UTF-8 cannot
   * encode it, so it would be stored and returned as {@code ?}, and different values would come
   * back the same.
   */
  public static int loneSurrogate(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
