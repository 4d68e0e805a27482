package dev.roster.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The reverse proxies the operator trusts ({@code roster.http.trusted-proxies}), and what Roster
 * believes of a request because one of them forwarded it. Behind a proxy every connection comes
 * from the proxy, and every request arrives over its plain HTTP to its address; the proxy says in
 * headers who the client was ({@code X-Forwarded-For}) and which URL the client used ({@code
 * Forwarded}, {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port}). Anyone can write these
 * headers, so they count only on a connection from a trusted proxy, and of a list only the part
 * that trusted proxies wrote. Without trusted proxies (the default) they are ignored.
 */
public final class TrustedProxies {

  private final List<Network> trusted;

  private TrustedProxies(List<Network> trusted) {
    this.trusted = trusted;
  }

  /** No trusted proxy: every request is taken as it arrived. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  /**
   * Trusts the proxies of a setting: IP addresses and networks ({@code 10.0.0.0/8}, {@code
   * fd00::/8}), separated by commas.
   *
   * @throws IllegalArgumentException naming an entry that is not an IP address or network
   */
  public static TrustedProxies parse(String setting) {
    List<Network> networks = new ArrayList<>();
    for (String entry : setting.split(",")) {
      if (!entry.isBlank()) {
        networks.add(Network.parse(entry.strip()));
      }
    }
    return new TrustedProxies(List.copyOf(networks));
  }

  /** Whether a connection from this address (an IP literal) comes from a trusted proxy. */
  public boolean trust(String address) {
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && trusted.stream().anyMatch(n -> n.contains(bytes.get()));
  }

  /**
   * The client's address, as the sign-in throttle counts it: the connection's, or when that is a
   * trusted proxy, the last address in {@code X-Forwarded-For} that is not itself a trusted proxy.
   *
   * @param remoteAddress the address of the connection
   * @param forwardedFor the {@code X-Forwarded-For} header, or null
   */
  public String client(String remoteAddress, String forwardedFor) {
    if (forwardedFor == null || !trust(remoteAddress)) {
      return remoteAddress;
    }
    String client = remoteAddress;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0 && trust(client); i--) {
      String hop = hops[i].strip();
      if (literal(hop).isEmpty()) {
        break; // not an address: nothing left of it can be believed either
      }
      client = hop;
    }
    return client;
  }

  /**
   * The origin the client used, {@code https://scim.example.com}, when a trusted proxy says so;
   * empty for a connection from anyone else, or when the proxy says nothing valid. {@code
   * Forwarded} (RFC 7239) wins over the {@code X-Forwarded-*} headers. A header whose value is
   * malformed (a host that is no host[:port], a protocol other than http and https) is ignored, as
   * if it had not been sent.
   *
   * <p>Of a {@code Forwarded} list, where each proxy appends an element for the request it
   * received, the element used is the one written by the outermost proxy of an unbroken chain of
   * trusted proxies: walking from the last element, each element's {@code for} says who wrote the
   * one before it, and an element written by anyone else is not believed. Of an {@code
   * X-Forwarded-*} list, the last value is used: the one the nearest proxy wrote.
   *
   * @param remoteAddress the address of the connection
   * @param direct the origin of the request as it arrived (scheme, {@code Host} header)
   * @param headers each header's values joined by commas, or null when absent
   */
  public Optional<Origin> origin(
      String remoteAddress, Origin direct, UnaryOperator<String> headers) {
    if (!trust(remoteAddress)) {
      return Optional.empty();
    }
    Optional<Origin> forwarded =
        ForwardedHeader.parse(headers.apply("Forwarded"))
            .flatMap(elements -> fromForwarded(elements, direct));
    return forwarded.isPresent() ? forwarded : fromXForwarded(direct, headers);
  }

  private Optional<Origin> fromForwarded(List<Map<String, String>> elements, Origin direct) {
    int used = elements.size() - 1;
    while (used > 0 && trust(ForwardedHeader.nodeAddress(elements.get(used).get("for")))) {
      used--;
    }
    Map<String, String> element = elements.get(used);
    String proto = element.get("proto");
    String host = element.get("host");
    if (proto == null && host == null) {
      return Optional.empty();
    }
    Optional<String> scheme = proto == null ? Optional.of(direct.scheme()) : Origin.scheme(proto);
    if (scheme.isEmpty()) {
      return Optional.empty();
    }
    return host == null
        ? Optional.of(direct.withScheme(scheme.get()))
        : Origin.ofAuthority(scheme.get(), host);
  }

  private static Optional<Origin> fromXForwarded(Origin direct, UnaryOperator<String> headers) {
    Optional<String> proto = last(headers.apply("X-Forwarded-Proto")).flatMap(Origin::scheme);
    String scheme = proto.orElse(direct.scheme());
    Optional<Origin> host =
        last(headers.apply("X-Forwarded-Host")).flatMap(h -> Origin.ofAuthority(scheme, h));
    Optional<Integer> port = last(headers.apply("X-Forwarded-Port")).flatMap(Origin::port);
    if (proto.isEmpty() && host.isEmpty() && port.isEmpty()) {
      return Optional.empty();
    }
    Origin origin = host.orElse(proto.isPresent() ? direct.withScheme(scheme) : direct);
    return Optional.of(port.map(origin::withPort).orElse(origin));
  }

  /** The last of a header's comma-separated values: the one the nearest proxy wrote. */
  private static Optional<String> last(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.substring(header.lastIndexOf(',') + 1).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The bytes of an IP address literal; empty for anything else (never a DNS lookup). */
  static Optional<byte[]> literal(String address) {
    if (address == null
        || address.isEmpty()
        || address.length() > 45
        || !address.matches("[0-9A-Fa-f:.]+")
        || !(address.indexOf(':') >= 0 || address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private record Network(byte[] prefix, int bits) {

    static Network parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      byte[] bytes =
          literal(address)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'" + echo(entry) + "' is not an IP address or network"));
      int bits = bytes.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > bytes.length * 8) {
          throw new IllegalArgumentException("'" + echo(entry) + "' has an invalid prefix");
        }
      }
      return new Network(bytes, bits);
    }

    /** An operator's entry as a message quotes it: at most 60 characters. */
    private static String echo(String entry) {
      return entry.length() <= 60 ? entry : entry.substring(0, 60) + "…";
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
