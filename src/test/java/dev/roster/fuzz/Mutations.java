package dev.roster.fuzz;

import static dev.roster.fuzz.Values.chance;
import static dev.roster.fuzz.Values.pick;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Mistakes made to valid JSON bodies: in the tree (wrong types, nulls, unknown members, deep
 * nesting, huge numbers, duplicate keys, lone surrogate escapes, overlong strings) and in the bytes
 * (invalid UTF-8, a byte order mark, truncation, trailing garbage, UTF-16).
 */
final class Mutations {

  private Mutations() {}

  /** Applies one tree mutation somewhere in {@code root} (changed in place); returns its label. */
  static String mutateTree(Random r, Json root, Set<String> labels) {
    List<Json.Obj> objects = new ArrayList<>();
    collectObjects(root, objects);
    if (objects.isEmpty()) {
      return null;
    }
    Json.Obj target = pick(r, objects);
    List<Json.Member> members = target.members();
    int at = members.isEmpty() ? -1 : r.nextInt(members.size());
    String label;
    switch (r.nextInt(12)) {
      case 0 -> {
        label = "wrong-type";
        if (at >= 0) {
          Json old = members.get(at).value();
          Json replacement =
              pick(
                  r,
                  Json.num(pick(r, Values.NUMBERS)),
                  Json.str(Values.text(r)),
                  Json.of(r.nextBoolean()),
                  Json.obj("value", Values.text(r)),
                  Json.arr(Values.text(r)),
                  Json.obj(),
                  Json.arr());
          if (replacement.getClass() == old.getClass()) {
            replacement = old instanceof Json.Str ? Json.num(7) : Json.str("seven");
          }
          members.set(at, new Json.Member(members.get(at).key(), replacement));
        }
      }
      case 1 -> {
        label = "null";
        if (at >= 0) {
          members.set(at, new Json.Member(members.get(at).key(), Json.NULL));
        }
      }
      case 2 -> {
        label = "unknown-member";
        members.add(
            chance(r, 0.5) ? 0 : members.size(),
            new Json.Member(
                pick(r, "fooBar", "urn:example:ext:1.0:Thing", "", "$ref", "x".repeat(300), "é"),
                pick(r, Json.str("x"), Json.obj("a", 1), Json.arr(1, 2), Json.NULL)));
      }
      case 3 -> {
        label = "deep-nesting";
        int depth = pick(r, 64, 1_000, 10_000, 100_000);
        String open = chance(r, 0.5) ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        members.add(
            new Json.Member("deep", new Json.Raw(open.repeat(depth) + "1" + close.repeat(depth))));
      }
      case 4 -> {
        label = "huge-number";
        Json.Raw huge =
            new Json.Raw(
                pick(
                    r,
                    "1e999999999",
                    "-1e400",
                    "123456789012345678901234567890123456789",
                    "9".repeat(5_000),
                    "1E+2147483648",
                    "0." + "0".repeat(5_000) + "1",
                    "-0"));
        if (at >= 0 && chance(r, 0.6)) {
          members.set(at, new Json.Member(members.get(at).key(), huge));
        } else {
          members.add(new Json.Member("number", huge));
        }
      }
      case 5 -> {
        label = "duplicate-key";
        if (at >= 0) {
          Json.Member m = members.get(at);
          Json second =
              m.value() instanceof Json.Str ? Json.str(Values.text(r)) : Json.str("duplicate");
          members.add(
              at + 1,
              new Json.Member(
                  pick(r, m.key(), m.key().toUpperCase(java.util.Locale.ROOT)), second));
        }
      }
      case 6 -> {
        label = "lone-surrogate";
        Json.Raw odd =
            new Json.Raw(pick(r, "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud83d\"", "\"\\udfff\""));
        if (at >= 0) {
          members.set(at, new Json.Member(members.get(at).key(), odd));
        } else {
          members.add(new Json.Member("displayName", odd));
        }
      }
      case 7 -> {
        label = "odd-string";
        if (at >= 0) {
          members.set(at, new Json.Member(members.get(at).key(), Values.oddString(r)));
        }
      }
      case 8 -> {
        label = "long-string";
        if (at >= 0) {
          members.set(
              at,
              new Json.Member(
                  members.get(at).key(),
                  Json.str(Values.longText(r, pick(r, 2_048, 2_049, 10_000, 300_000)))));
        }
      }
      case 9 -> {
        label = "remove-member";
        if (at >= 0) {
          members.remove(at);
        }
      }
      case 10 -> {
        label = "key-case";
        if (at >= 0) {
          Json.Member m = members.get(at);
          String key = m.key();
          String flipped =
              key.isEmpty()
                  ? key
                  : (Character.isUpperCase(key.charAt(0))
                          ? Character.toLowerCase(key.charAt(0))
                          : Character.toUpperCase(key.charAt(0)))
                      + key.substring(1);
          members.set(at, new Json.Member(flipped, m.value()));
        }
      }
      default -> {
        label = "empty-string";
        if (at >= 0) {
          members.set(at, new Json.Member(members.get(at).key(), Json.str("")));
        }
      }
    }
    labels.add("json." + label);
    return label;
  }

  private static void collectObjects(Json json, List<Json.Obj> into) {
    if (json instanceof Json.Obj o) {
      into.add(o);
      for (Json.Member m : o.members()) {
        collectObjects(m.value(), into);
      }
    } else if (json instanceof Json.Arr a) {
      for (Json item : a.items()) {
        collectObjects(item, into);
      }
    }
  }

  /** Bytes that are not UTF-8, each a classic way of not being it. */
  static final List<byte[]> NOT_UTF8 =
      List.of(
          new byte[] {(byte) 0xC3, 0x28}, // a lead byte without its continuation
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xFE, (byte) 0xFF},
          new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, encoded
          new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xE2, (byte) 0x82}, // truncated euro sign
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}); // beyond U+10FFFF

  /** Applies one byte mutation to a rendered body; returns the new bytes. */
  static byte[] mutateBytes(Random r, byte[] body, Set<String> labels) {
    switch (r.nextInt(8)) {
      case 0, 1, 2 -> {
        labels.add("bytes.invalid-utf8");
        byte[] bad = pick(r, NOT_UTF8);
        // Inside a string value, where a lenient decoder would store it.
        int at = indexAfterQuote(r, body);
        return splice(body, at, bad);
      }
      case 3 -> {
        labels.add("bytes.bom");
        return splice(body, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      case 4 -> {
        labels.add("bytes.truncated");
        return Arrays.copyOf(body, body.length == 0 ? 0 : r.nextInt(body.length));
      }
      case 5 -> {
        labels.add("bytes.trailing");
        return splice(
            body,
            body.length,
            pick(r, "}", " x", "{}", "\u0000", "\n\n{\"userName\":\"again\"}", ",")
                .getBytes(StandardCharsets.UTF_8));
      }
      case 6 -> {
        labels.add("bytes.utf16");
        return new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
      }
      default -> {
        labels.add("bytes.control-char");
        return splice(
            body, indexAfterQuote(r, body), new byte[] {(byte) (int) pick(r, 0, 1, 8, 31)});
      }
    }
  }

  private static int indexAfterQuote(Random r, byte[] body) {
    List<Integer> quotes = new ArrayList<>();
    for (int i = 0; i < body.length; i++) {
      if (body[i] == '"') {
        quotes.add(i + 1);
      }
    }
    return quotes.isEmpty() ? body.length : pick(r, quotes);
  }

  static byte[] splice(byte[] body, int at, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + insert.length);
    out.write(body, 0, at);
    out.write(insert, 0, insert.length);
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }
}
