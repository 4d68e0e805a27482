package dev.roster.scim.schema;

import java.util.Random;

/**
 * Values at the limits of what Roster stores ({@link ResourceValidator#MAX_STRING_LENGTH}
 * characters, {@link ResourceValidator#MAX_STRING_BYTES} bytes of UTF-8), for tests at every level.
 */
public final class LongValues {

  private LongValues() {}

  /**
   * Chinese characters, three bytes each in UTF-8, in an order that does not compress (PostgreSQL
   * compresses long index entries, so a repeated character would not reach its limit).
   */
  public static String ideographs(int count) {
    Random random = new Random(count);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.appendCodePoint(0x4E00 + random.nextInt(20_000));
    }
    return text.toString();
  }

  /** The most UTF-16 units within both limits: 117 emoji and 1,931 letters (2,165 units). */
  public static String widest() {
    return "\uD83D\uDE00".repeat(117) + "x".repeat(1931);
  }
}
