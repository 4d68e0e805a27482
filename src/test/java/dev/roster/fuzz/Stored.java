package dev.roster.fuzz;

import static dev.roster.fuzz.Values.pick;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * A value put into one stored string attribute and nothing else wrong with the request, so that the
 * outcome can be judged: the README promises that values are "stored and returned exactly as sent"
 * and that strings over 2048 characters or 2400 bytes of UTF-8 are refused. A value that has no
 * exact form once stored (bytes that are not UTF-8) must be refused.
 *
 * @param label what the value is
 * @param value the value as a Java string, or null when the request carries bytes instead
 * @param refuse whether the server must refuse it
 */
record Stored(String label, String value, boolean refuse) {

  /** Stands in for the invalid bytes until the body is rendered. */
  static final String PLACEHOLDER = "@@not-utf-8@@";

  static Stored any(Random r) {
    return switch (r.nextInt(7)) {
      case 0 ->
          new Stored("stored.lone-surrogate", pick(r, "a\ud800b", "\udc00", "x\ud83d"), false);
      case 1 -> new Stored("stored.nul", "nul\u0000here", false);
      case 2 -> new Stored("stored.astral", "😀 東京 e\u0301 \u00a0", false);
      case 3 ->
          pick(
              r,
              new Stored("stored.at-limit", "x".repeat(2_048), false),
              new Stored("stored.at-byte-limit", "é".repeat(1_200), false));
      case 4 ->
          pick(
              r,
              new Stored("stored.over-limit", "x".repeat(2_049), true),
              new Stored("stored.over-byte-limit", "東".repeat(801), true));
      case 5 -> new Stored("stored.control", "tab\tline\nfeed\u001f", false);
      default -> new Stored("stored.invalid-utf8", null, true);
    };
  }

  /** The JSON value to put in the body: the string, or the placeholder for invalid bytes. */
  Json json() {
    return Json.str(value == null ? PLACEHOLDER : value);
  }

  /** The expectation a checker holds the answer to. */
  WireRequest.Expectation expectation(String attribute) {
    return new WireRequest.Expectation(attribute, value, refuse);
  }

  /** The rendered body, with the placeholder replaced by bytes that are not UTF-8. */
  byte[] bytes(String rendered) {
    byte[] body = rendered.getBytes(StandardCharsets.UTF_8);
    if (value != null) {
      return body;
    }
    byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + placeholder.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + placeholder.length, placeholder, 0, placeholder.length)) {
        byte[] bad = {'a', (byte) 0xC3, '(', 'b', (byte) 0xFF};
        byte[] out = new byte[body.length - placeholder.length + bad.length];
        System.arraycopy(body, 0, out, 0, i);
        System.arraycopy(bad, 0, out, i, bad.length);
        System.arraycopy(
            body,
            i + placeholder.length,
            out,
            i + bad.length,
            body.length - i - placeholder.length);
        return out;
      }
    }
    return body;
  }
}
