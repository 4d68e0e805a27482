package dev.roster.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One generated HTTP request, exactly as it goes on the wire, and what the generator meant by it.
 *
 * @param method the method token, sent as it is (may be odd: {@code FOO}, {@code get})
 * @param target the request target, sent as it is (may hold broken percent-encoding)
 * @param headers header lines, in order; Host, Content-Length and Connection are added on sending
 * @param body the body bytes, or null for none (not even a Content-Length)
 * @param tenant the tenant of the token sent, or null when no valid token was sent
 * @param kind which generator made it, e.g. {@code filter}, {@code patch-user}
 * @param labels what the request does on purpose, e.g. {@code filter.lone-surrogate}
 * @param byIdTenant for a request on {@code /Users/{id}} or {@code /Groups/{id}}: the tenant that
 *     owns the id (null for a made-up id)
 * @param byId that id, or null when the request is not on one resource
 * @param filter the filter of a {@code GET} list request, as text before encoding, or null
 * @param expectation what an accepted answer must show, or null
 */
public record WireRequest(
    String method,
    String target,
    List<String[]> headers,
    byte[] body,
    String tenant,
    String kind,
    Set<String> labels,
    String byIdTenant,
    String byId,
    String filter,
    Expectation expectation) {

  /**
   * A value the request stores: if the server accepts it, the answer must show the attribute
   * exactly as sent ({@code refuse} false); or a value no server can store as sent, which must be
   * refused ({@code refuse} true).
   */
  public record Expectation(String attribute, String value, boolean refuse) {}

  /** A plain request of the test's own, not generated. */
  public static WireRequest of(
      String method, String target, List<String[]> headers, byte[] body, String tenant) {
    return new WireRequest(
        method, target, headers, body, tenant, "setup", Set.of(), null, null, null, null);
  }

  /** Methods that change nothing, whatever they answer. */
  public boolean isRead() {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS" -> true;
      default -> method.equals("POST") && target.contains(".search");
    };
  }

  /** The bytes of the request line and header lines as sent, without the final blank line. */
  public byte[] head(String host) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append("\r\n");
    for (String[] h : headers) {
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n");
    // ISO-8859-1: the target and headers are ASCII by construction, and any other char is meant
    // as one byte.
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The request as a person can read and replay it: the request line, headers and the body, with
   * bytes that are not printable ASCII as {@code \xNN}, cut after {@code maxBody} characters.
   */
  public String describe(int maxBody) {
    StringBuilder out = new StringBuilder();
    out.append(method).append(' ').append(printable(target, Integer.MAX_VALUE)).append('\n');
    for (String[] h : headers) {
      out.append(h[0]).append(": ").append(printable(h[1], 200)).append('\n');
    }
    if (body != null) {
      out.append("(body, ").append(body.length).append(" bytes)\n");
      out.append(printable(body, maxBody));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return describe(400);
  }

  public Set<String> sortedLabels() {
    return new TreeSet<>(labels);
  }

  private static String printable(String text, int max) {
    return printable(text.getBytes(StandardCharsets.ISO_8859_1), max);
  }

  /** UTF-8 text is shown as text; other bytes and control characters as escapes. */
  static String printable(byte[] bytes, int max) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < bytes.length && out.length() < max) {
      int b = bytes[i] & 0xff;
      int len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : 4;
      if (b >= 0x20 && b < 0x7f) {
        out.append((char) b);
        i++;
      } else if (b == '\n') {
        out.append("\\n");
        i++;
      } else if (b >= 0x80 && validUtf8(bytes, i, len)) {
        out.append(new String(bytes, i, len, StandardCharsets.UTF_8));
        i += len;
      } else {
        out.append(String.format("\\x%02X", b));
        i++;
      }
    }
    if (i < bytes.length) {
      out.append("... (").append(bytes.length - i).append(" more bytes)");
    }
    return out.toString();
  }

  private static boolean validUtf8(byte[] bytes, int at, int len) {
    if (at + len > bytes.length || len < 2) {
      return false;
    }
    String s = new String(bytes, at, len, StandardCharsets.UTF_8);
    return s.codePointCount(0, s.length()) == 1 && s.codePointAt(0) != 0xfffd;
  }

  /** A builder; generators fill in what they mean, then {@link #build()}. */
  static final class Builder {
    String method;
    String target;
    final List<String[]> headers = new ArrayList<>();
    byte[] body;
    String tenant;
    String kind;
    final Set<String> labels = new TreeSet<>();
    String byIdTenant;
    String byId;
    String filter;
    Expectation expectation;

    Builder(String kind) {
      this.kind = kind;
    }

    Builder header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    Builder label(String label) {
      labels.add(label);
      return this;
    }

    Builder body(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    WireRequest build() {
      return new WireRequest(
          method,
          target,
          List.copyOf(headers),
          body,
          tenant,
          kind,
          Set.copyOf(labels),
          byIdTenant,
          byId,
          filter,
          expectation);
    }
  }
}
