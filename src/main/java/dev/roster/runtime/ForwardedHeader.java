package dev.roster.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Forwarded} header of RFC 7239 §4: a list of elements, one per proxy, each a list of
 * {@code name=value} pairs separated by semicolons, a value a token or a quoted string. Parsed
 * strictly, except that a bare value may hold {@code :} and brackets.
 */
final class ForwardedHeader {

  private ForwardedHeader() {}

  /**
   * The elements of the header, left to right, each with its parameter names in lower case; empty
   * when the header is absent or does not follow the grammar (a parameter twice in one element
   * counts as not following it, RFC 7239 §4). Empty list elements are skipped (RFC 9110 §5.6.1).
   */
  static Optional<List<Map<String, String>>> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    List<Map<String, String>> elements = new ArrayList<>();
    Map<String, String> element = new HashMap<>();
    int n = header.length();
    int i = 0;
    while (true) {
      i = skipSpace(header, i);
      if (i < n && isTokenChar(header.charAt(i))) {
        int nameEnd = token(header, i);
        String name = header.substring(i, nameEnd).toLowerCase(Locale.ROOT);
        if (nameEnd >= n || header.charAt(nameEnd) != '=') {
          return Optional.empty();
        }
        i = nameEnd + 1;
        StringBuilder value = new StringBuilder();
        if (i < n && header.charAt(i) == '"') {
          i = quoted(header, i + 1, value);
        } else {
          int valueEnd = unquotedValue(header, i);
          value.append(header, i, valueEnd);
          i = valueEnd > i ? valueEnd : -1;
        }
        if (i < 0 || element.putIfAbsent(name, value.toString()) != null) {
          return Optional.empty();
        }
        i = skipSpace(header, i);
      }
      if (i >= n || header.charAt(i) == ',') {
        if (!element.isEmpty()) {
          elements.add(element);
          element = new HashMap<>();
        }
        if (i >= n) {
          break;
        }
      } else if (header.charAt(i) != ';') {
        return Optional.empty();
      }
      i++;
    }
    return elements.isEmpty() ? Optional.empty() : Optional.of(elements);
  }

  /**
   * The IP address of a node ({@code for=} or {@code by=}, RFC 7239 §6): {@code 192.0.2.43}, {@code
   * 192.0.2.43:47011}, {@code [2001:db8::17]:4711}; null for none, and anything else ({@code
   * unknown}, an obfuscated {@code _hidden}) as it is, which is no address.
   */
  static String nodeAddress(String node) {
    if (node == null) {
      return null;
    }
    if (node.startsWith("[")) {
      int end = node.indexOf(']');
      return end < 0 ? node : node.substring(1, end);
    }
    int colon = node.indexOf(':');
    return colon >= 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
  }

  /** The end of a quoted string whose content starts at {@code i}, or -1 if it is malformed. */
  private static int quoted(String header, int i, StringBuilder value) {
    while (i < header.length()) {
      char c = header.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        if (i >= header.length()) {
          return -1;
        }
        c = header.charAt(i++);
      }
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return -1;
      }
      value.append(c);
    }
    return -1;
  }

  /**
   * The end of an unquoted value: a token, or also with {@code :}, {@code [} and {@code ]}, which
   * the grammar wants quoted but proxies write bare ({@code host=example.com:8443}). What the value
   * must be is checked where it is used.
   */
  private static int unquotedValue(String header, int i) {
    while (i < header.length()
        && (isTokenChar(header.charAt(i)) || ":[]".indexOf(header.charAt(i)) >= 0)) {
      i++;
    }
    return i;
  }

  private static int token(String header, int i) {
    while (i < header.length() && isTokenChar(header.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipSpace(String header, int i) {
    while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** RFC 9110 §5.6.2's tchar. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
