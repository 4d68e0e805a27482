package dev.roster.runtime;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an absolute URL starts with: {@code https://scim.example.com}, or {@code
 * http://localhost:8080}. The host is a DNS name, an IPv4 literal or a bracketed IPv6 literal; the
 * port is always known, and left out of the URL when it is the scheme's default.
 */
public record Origin(String scheme, String host, int port) {

  /** A DNS name or IPv4 literal (RFC 3986 §3.2.2's reg-name, without percent-encoding). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

  private static final Pattern PORT = Pattern.compile("\\d{1,5}");

  public static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : 80;
  }

  /**
   * The origin of a request as the container saw it.
   *
   * @param host a name, or an IPv6 literal with or without brackets
   * @param port the port, or a value below 1 for the scheme's default
   */
  public static Origin of(String scheme, String host, int port) {
    String lower = scheme.toLowerCase(Locale.ROOT);
    boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
    return new Origin(lower, ipv6 ? "[" + host + "]" : host, port > 0 ? port : defaultPort(lower));
  }

  /** {@code http} or {@code https} in any case, lower-cased; empty for anything else. */
  static Optional<String> scheme(String value) {
    return "http".equalsIgnoreCase(value) || "https".equalsIgnoreCase(value)
        ? Optional.of(value.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /** A port from 1 to 65535, in decimal digits; empty for anything else. */
  static Optional<Integer> port(String value) {
    if (!PORT.matcher(value).matches()) {
      return Optional.empty();
    }
    int port = Integer.parseInt(value);
    return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
  }

  /**
   * The origin of {@code host[:port]} as a {@code Host} header carries it (RFC 9110 §7.2), the
   * scheme's default port when none is given; empty when it is no such thing.
   */
  static Optional<Origin> ofAuthority(String scheme, String authority) {
    int hostEnd =
        authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.lastIndexOf(':');
    String host = hostEnd <= 0 ? authority : authority.substring(0, hostEnd);
    String rest = hostEnd <= 0 ? "" : authority.substring(hostEnd);
    boolean validHost =
        host.startsWith("[")
            ? host.endsWith("]")
                && host.indexOf(':') > 0
                && TrustedProxies.literal(host.substring(1, host.length() - 1)).isPresent()
            : host.length() <= 253 && NAME.matcher(host).matches();
    if (!validHost) {
      return Optional.empty();
    }
    if (rest.isEmpty()) {
      return Optional.of(new Origin(scheme, host, defaultPort(scheme)));
    }
    return rest.startsWith(":")
        ? port(rest.substring(1)).map(port -> new Origin(scheme, host, port))
        : Optional.empty();
  }

  /** The same host with another scheme, on that scheme's default port. */
  Origin withScheme(String scheme) {
    return new Origin(scheme, host, defaultPort(scheme));
  }

  Origin withPort(int port) {
    return new Origin(scheme, host, port);
  }

  /** {@code scheme://host}, with {@code :port} unless it is the scheme's default. */
  @Override
  public String toString() {
    return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
  }
}
