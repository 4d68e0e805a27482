package dev.roster.admin.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address a sign-in comes from, as the throttle counts it. Behind a reverse proxy every request
 * comes from the proxy, and one address for everyone would let anyone lock everyone out; so when
 * the connection comes from a <em>trusted proxy</em>, the client is the last address in {@code
 * X-Forwarded-For} that is not itself a trusted proxy. Without trusted proxies (the default) the
 * header is ignored: anyone can write it.
 */
public final class ClientAddress {

  private final List<Network> trusted;

  private ClientAddress(List<Network> trusted) {
    this.trusted = trusted;
  }

  /** No trusted proxy: the connection's address is the client's. */
  public static final ClientAddress DIRECT = new ClientAddress(List.of());

  /**
   * Trusts the proxies of a setting: IP addresses and networks ({@code 10.0.0.0/8}, {@code
   * fd00::/8}), separated by commas.
   *
   * @throws IllegalArgumentException naming an entry that is not an IP address or network
   */
  public static ClientAddress trusting(String setting) {
    List<Network> networks = new ArrayList<>();
    for (String entry : setting.split(",")) {
      if (!entry.isBlank()) {
        networks.add(Network.parse(entry.strip()));
      }
    }
    return new ClientAddress(List.copyOf(networks));
  }

  /**
   * @param remoteAddress the address of the connection
   * @param forwardedFor the {@code X-Forwarded-For} header, or null
   */
  public String of(String remoteAddress, String forwardedFor) {
    if (forwardedFor == null || !isTrusted(remoteAddress)) {
      return remoteAddress;
    }
    String client = remoteAddress;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0 && isTrusted(client); i--) {
      String hop = hops[i].strip();
      if (literal(hop).isEmpty()) {
        break; // not an address: nothing left of it can be believed either
      }
      client = hop;
    }
    return client;
  }

  private boolean isTrusted(String address) {
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && trusted.stream().anyMatch(n -> n.contains(bytes.get()));
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
                          "'" + Echo.of(entry) + "' is not an IP address or network"));
      int bits = bytes.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > bytes.length * 8) {
          throw new IllegalArgumentException("'" + Echo.of(entry) + "' has an invalid prefix");
        }
      }
      return new Network(bytes, bits);
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
