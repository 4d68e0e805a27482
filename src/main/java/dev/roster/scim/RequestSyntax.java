package dev.roster.scim;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The syntax of a request's target and {@code Host} as RFC 3986 and RFC 9110 define it, checked on
 * the raw text the client sent, before anything decodes it. A SCIM request that fails here is
 * answered {@code 400 invalidSyntax}; the servlet container would otherwise answer it itself, or
 * fail on it (see {@code README}, "Requests the container cannot read").
 */
public final class RequestSyntax {

  /** Where the SCIM API lives. */
  public static final String SCIM_BASE = "/scim/v2";

  /** Characters a path may hold as they are (RFC 3986 §3.3: pchar and "/", without "%"). */
  private static final boolean[] PLAIN = new boolean[128];

  /** Characters a reg-name may hold as they are (RFC 3986 §3.2.2: unreserved and sub-delims). */
  private static final boolean[] HOST = new boolean[128];

  static {
    String unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    String subDelims = "!$&'()*+,;=";
    for (char c : (unreserved + subDelims + ":@/").toCharArray()) {
      PLAIN[c] = true;
    }
    for (char c : (unreserved + subDelims).toCharArray()) {
      HOST[c] = true;
    }
  }

  private RequestSyntax() {}

  /**
   * Why the raw path (without the query) cannot be read, or empty when it can: a character RFC 3986
   * does not allow in a path, a broken percent-encoding, bytes that are not UTF-8, a NUL or a
   * backslash (which the container refuses), or a {@code .} or {@code ..} segment (which it would
   * resolve, turning {@code DELETE /Users/{id}/..} into {@code DELETE /Users}). A plain path costs
   * one pass over its characters and no allocation.
   */
  public static Optional<String> pathProblem(String rawPath) {
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return Optional.of("The request path must start with '/'.");
    }
    boolean encoded = false;
    int segmentStart = 1;
    for (int i = 0; i <= rawPath.length(); i++) {
      char c = i < rawPath.length() ? rawPath.charAt(i) : '/';
      if (c == '/') {
        if (isDotSegment(rawPath, segmentStart, i)) {
          return Optional.of(
              "The request path has a '.' or '..' segment, which no SCIM path has: "
                  + printable(rawPath)
                  + ".");
        }
        segmentStart = i + 1;
      } else if (c == '%') {
        if (i + 2 >= rawPath.length()
            || hex(rawPath.charAt(i + 1)) < 0
            || hex(rawPath.charAt(i + 2)) < 0) {
          return Optional.of(
              "The request path has a broken percent-encoding (RFC 3986 §2.1): "
                  + printable(rawPath)
                  + ".");
        }
        encoded = true;
        i += 2;
      } else if (c >= 128 || !PLAIN[c]) {
        return Optional.of(
            "The request path holds a character that must be percent-encoded (RFC 3986 §3.3): "
                + printable(rawPath)
                + ".");
      }
    }
    return encoded ? decodedProblem(rawPath) : Optional.empty();
  }

  /** What the percent-encoded bytes of a well-formed path decode to may still be unreadable. */
  private static Optional<String> decodedProblem(String rawPath) {
    byte[] bytes = percentDecode(rawPath);
    for (byte b : bytes) {
      if (b == 0 || b == '\\') {
        return Optional.of(
            "The request path encodes a NUL or a backslash, which no SCIM path has: "
                + printable(rawPath)
                + ".");
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return Optional.of(
          "The request path's percent-encoded bytes are not UTF-8 (RFC 3986 §2.5): "
              + printable(rawPath)
              + ".");
    }
    return Optional.empty();
  }

  /**
   * Whether a path the container maps addresses the SCIM API: as sent, or as the container
   * normalizes it (escapes decoded, {@code //} collapsed, dot segments resolved), so that {@code
   * //scim/v2/Users/%zz} and {@code /x/../scim/v2/Users/%zz} count as well.
   */
  public static boolean isScimPath(String rawPath) {
    return underScimBase(rawPath) || underScimBase(normalize(rawPath));
  }

  private static boolean underScimBase(String path) {
    if (!path.startsWith(SCIM_BASE)) {
      return false;
    }
    if (path.length() == SCIM_BASE.length()) {
      return true;
    }
    char next = path.charAt(SCIM_BASE.length());
    return next == '/' || next == ';';
  }

  /**
   * The part of a SCIM path after {@value #SCIM_BASE} ({@code Users/%zz}), as far as it can be
   * told; empty for a path that is not under it as sent.
   */
  public static String relativeToScimBase(String rawPath) {
    return underScimBase(rawPath) ? rawPath.substring(SCIM_BASE.length()) : "";
  }

  /** The path as the container maps it, leniently: what cannot be decoded stays as it is. */
  static String normalize(String rawPath) {
    StringBuilder decoded = new StringBuilder(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%' && i + 2 < rawPath.length()) {
        int high = hex(rawPath.charAt(i + 1));
        int low = hex(rawPath.charAt(i + 2));
        if (high >= 0 && low >= 0 && high < 8) {
          decoded.append((char) (high * 16 + low));
          i += 2;
          continue;
        }
      }
      decoded.append(c);
    }
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : decoded.toString().split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments);
  }

  /**
   * Why a {@code Host} header cannot be read (RFC 9110 §7.2: {@code host [":" port]} of RFC 3986
   * §3.2.2), or empty when it can. A missing header is no problem here: HTTP/1.0 may leave it out,
   * and for HTTP/1.1 the container refuses that itself.
   */
  public static Optional<String> hostProblem(String host) {
    if (host == null) {
      return Optional.empty();
    }
    int portStart;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 2 || !allowed(host, 1, close, true)) {
        return hostError(host);
      }
      portStart = close + 1;
    } else {
      int colon = host.indexOf(':');
      portStart = colon < 0 ? host.length() : colon;
      if (portStart == 0 || !allowed(host, 0, portStart, false)) {
        return hostError(host);
      }
    }
    return portStart == host.length() || validPort(host, portStart)
        ? Optional.empty()
        : hostError(host);
  }

  private static Optional<String> hostError(String host) {
    return Optional.of(
        "The Host header '" + printable(host) + "' is not a host and an optional port.");
  }

  /** Whether {@code text[start, end)} is a reg-name (or, with colons, an IP literal's inside). */
  private static boolean allowed(String text, int start, int end, boolean colons) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < end && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
        i += 2;
      } else if (c >= 128 || !(HOST[c] || (colons && c == ':'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code text} from {@code colon} on is ":" and a port: none (RFC 3986 allows it) to
   * 65535.
   */
  private static boolean validPort(String text, int colon) {
    int digits = text.length() - colon - 1;
    if (text.charAt(colon) != ':' || digits > 5) {
      return false;
    }
    int port = 0;
    for (int i = colon + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65535;
  }

  private static boolean isDotSegment(String path, int start, int end) {
    int dots = 0;
    for (int i = start; i < end; dots++) {
      if (path.charAt(i) == '.') {
        i++;
      } else if (path.regionMatches(true, i, "%2e", 0, 3)) {
        i += 3;
      } else {
        return false;
      }
    }
    return dots == 1 || dots == 2;
  }

  private static byte[] percentDecode(String rawPath) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        bytes.write(hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2)));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toByteArray();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /**
   * The text with control and non-ASCII characters escaped, and cut at 200 characters, so that a
   * detail message echoes what the client sent without carrying it whole.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 200; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.length() < 200 ? out.toString() : out + "...";
  }
}
