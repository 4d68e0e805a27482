package dev.roster.scim;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON as text, for writing stored documents into a response without parsing them: a page of 100
 * users spent a third of its CPU parsing each user's document, copying it into a new object and
 * writing that out again (docs/benchmark.md, "Okta's page").
 *
 * <p>Only for documents Roster wrote itself (a JSON object as Parsson writes it); anything it does
 * not expect makes {@link #topLevelKeys} answer null, and the caller then parses.
 */
public final class JsonText {

  private JsonText() {}

  /** Appends {@code value} as a JSON string, quoted and escaped (RFC 8259 §7). */
  public static StringBuilder quote(StringBuilder out, String value) {
    int first = firstToEscape(value);
    if (first < 0) {
      // most values (ids, dates, URLs, names) need no escape: one copy, not one append a char
      return out.append('"').append(value).append('"');
    }
    out.append('"').append(value, 0, first);
    for (int i = first; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** The index of the first character that a JSON string must escape, or -1. */
  private static int firstToEscape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The members of a JSON object's text, without its braces: what goes between the braces of
   * another object. Empty for an empty object.
   *
   * @param object the text of a JSON object, as {@link #topLevelKeys} accepted it
   */
  public static String members(String object) {
    return appendMembers(new StringBuilder(), object).toString();
  }

  /** Appends {@link #members} to {@code out} without copying them into a string of their own. */
  public static StringBuilder appendMembers(StringBuilder out, String object) {
    int start = object.indexOf('{') + 1;
    int end = object.lastIndexOf('}');
    while (start < end && Character.isWhitespace(object.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(object.charAt(end - 1))) {
      end--;
    }
    return out.append(object, start, end);
  }

  /**
   * The names of a JSON object's own members, in order, reading nested values only to skip them; or
   * null when the text is not an object this reader is sure of: not an object, cut short, or a name
   * with an escape in it (a name is compared as written).
   */
  public static List<String> topLevelKeys(String object) {
    int i = skipSpace(object, 0);
    if (i >= object.length() || object.charAt(i) != '{') {
      return null;
    }
    List<String> keys = new ArrayList<>();
    int depth = 0;
    boolean expectKey = true;
    for (; i < object.length(); i++) {
      char c = object.charAt(i);
      switch (c) {
        case '{', '[' -> {
          depth++;
          expectKey = c == '{' && depth == 1;
        }
        case '}', ']' -> {
          depth--;
          if (depth == 0) {
            return skipSpace(object, i + 1) == object.length() ? keys : null;
          }
          if (depth < 0) {
            return null;
          }
        }
        case ',' -> expectKey = depth == 1;
        case '"' -> {
          int close = endOfString(object, i);
          if (close < 0) {
            return null;
          }
          if (depth == 1 && expectKey) {
            String key = object.substring(i + 1, close);
            if (key.indexOf('\\') >= 0) {
              return null;
            }
            keys.add(key);
            expectKey = false;
          }
          i = close;
        }
        default -> {
          // numbers, literals, colons and white space need no attention
        }
      }
    }
    return null;
  }

  /**
   * The index of the quote that ends the string opened at {@code open}, or -1 when the text ends
   * first. A backslash escapes the character after it.
   */
  public static int endOfString(String text, int open) {
    // String.indexOf is vectorised, and strings are most of a document: jump from quote to quote
    int quote = text.indexOf('"', open + 1);
    while (quote >= 0) {
      int backslashes = 0;
      for (int i = quote - 1; i > open && text.charAt(i) == '\\'; i--) {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        return quote;
      }
      quote = text.indexOf('"', quote + 1);
    }
    return -1;
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
