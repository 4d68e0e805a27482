package dev.roster.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a request's headers are believed to say, with and without trusted proxies: the client's
 * address (the sign-in throttle) and the origin the client used (every absolute URL).
 */
class TrustedProxiesTest {

  static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.5, 192.168.0.0/16, fd00::/8");

  /** The request as it reached Roster: plain HTTP, the Host header the proxy passed on. */
  static final Origin DIRECT = Origin.of("http", "roster.internal", 8080);

  @ParameterizedTest(name = "{0} via [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // the proxy's own requests, and clients behind it
        "10.0.0.5 | - | 10.0.0.5",
        "10.0.0.5 | 203.0.113.7 | 203.0.113.7",
        "10.0.0.5 | 203.0.113.7, 192.168.1.1 | 203.0.113.7",
        "192.168.3.4 | 2001:db8::1 | 2001:db8::1",
        "fd12::1 | 203.0.113.7 | 203.0.113.7",
        // what a client writes itself, left of what the proxy saw, is not believed
        "10.0.0.5 | 1.2.3.4, 203.0.113.7 | 203.0.113.7",
        "10.0.0.5 | 10.0.0.5, 192.168.0.9 | 10.0.0.5",
        "10.0.0.5 | made-up, 192.168.0.9 | 192.168.0.9",
        "10.0.0.5 | evil.example.com | 10.0.0.5",
        // a connection that is no trusted proxy: the header is anyone's to write
        "203.0.113.7 | 1.2.3.4 | 203.0.113.7",
        "10.0.0.6 | 1.2.3.4 | 10.0.0.6",
      })
  void theClientIsTheLastAddressNoTrustedProxyWrote(String remote, String header, String client) {
    assertEquals(client, PROXIES.client(remote, header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "::1", "0:0:0:0:0:0:0:1"})
  void withoutTrustedProxiesTheHeaderIsIgnored(String remote) {
    assertEquals(remote, TrustedProxies.NONE.client(remote, "203.0.113.7"));
    assertEquals(remote, TrustedProxies.parse(" ").client(remote, "203.0.113.7"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "cafe"})
  void aSettingThatIsNoAddressOrNetworkIsRefused(String setting) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(setting));
    assertTrue(error.getMessage().contains(setting), error.getMessage());
  }

  @ParameterizedTest(name = "Forwarded: {0} gives {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "proto=https;host=scim.example.com | https://scim.example.com",
        "for=203.0.113.7;proto=https;host=scim.example.com;by=10.0.0.5 | https://scim.example.com",
        "Proto=HTTPS; Host=\"scim.example.com:8443\" | https://scim.example.com:8443",
        "proto=http;host=scim.example.com:80 | http://scim.example.com",
        "proto=https;host=scim.example.com:443 | https://scim.example.com",
        "host=\"[2001:db8::1]:8443\";proto=https | https://[2001:db8::1]:8443",
        "host=192.0.2.7 | http://192.0.2.7",
        // proto alone: the Host header's host, on the new scheme's port
        "proto=https | https://roster.internal",
        // the element of the outermost trusted proxy: the one 10.0.0.5 was a client of
        "for=203.0.113.7;proto=https;host=cdn.example.com, for=10.0.0.5;proto=http;host=lb"
            + " | https://cdn.example.com",
        "for=203.0.113.7;proto=https;host=a.example.com, for=\"[fd00::7]:1234\";host=lb"
            + " | https://a.example.com",
        // what a client wrote, left of what a trusted proxy appended, is not believed
        "host=evil.example.com, for=203.0.113.7;proto=https;host=scim.example.com"
            + " | https://scim.example.com",
        "host=evil.example.com, for=unknown;proto=https;host=scim.example.com"
            + " | https://scim.example.com",
        "host=evil.example.com, for=_hidden;proto=https;host=scim.example.com"
            + " | https://scim.example.com",
        // empty elements and pairs are allowed
        "for=1.2.3.4;;proto=https;host=s.example.com,, | https://s.example.com",
        // nothing about the origin, or a header that does not follow RFC 7239: as if not sent
        "for=203.0.113.7 | -",
        "proto=ftp;host=scim.example.com | -",
        "proto=https;host=scim.example.com/path | -",
        "proto=https;host=\"scim.example.com:99999\" | -",
        "proto=https;host=\"evil.example.com@scim\" | -",
        "proto=https;host=\"[::1\" | -",
        "proto=https;host=\"[not-ipv6]\" | -",
        "proto=https;proto=http;host=scim.example.com | -",
        "proto=https;host=\"scim.example.com | -",
        "proto=https host=scim.example.com | -",
        "proto= | -",
        "=https | -",
        "proto=https;host=\"a\u0000b\" | -",
      })
  void aTrustedProxyForwardsTheOrigin(String forwarded, String origin) {
    assertEquals(origin, origin("10.0.0.5", Map.of("Forwarded", forwarded)));
  }

  @ParameterizedTest(name = "proto {0}, host {1}, port {2} give {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "https | scim.example.com | - | https://scim.example.com",
        "HTTPS | scim.example.com:8443 | - | https://scim.example.com:8443",
        "https | scim.example.com | 8443 | https://scim.example.com:8443",
        "https | - | - | https://roster.internal",
        "https | - | 443 | https://roster.internal",
        "- | scim.example.com | - | http://scim.example.com",
        "- | - | 9090 | http://roster.internal:9090",
        "- | [2001:db8::1] | - | http://[2001:db8::1]",
        // a list: the value the nearest proxy wrote
        "http, https | evil.example.com, scim.example.com | - | https://scim.example.com",
        // a malformed header is ignored, the others still count
        "javascript | scim.example.com | - | http://scim.example.com",
        "https | scim.example.com:0 | - | https://roster.internal",
        "https | evil.example.com:443/x | - | https://roster.internal",
        "https | scim.example.com | 70000 | https://scim.example.com",
        "https | scim.example.com | 443x | https://scim.example.com",
        "ftp | a b | -1 | -",
        "- | - | - | -",
      })
  void aTrustedProxyForwardsTheOriginInXForwardedHeaders(
      String proto, String host, String port, String origin) {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Forwarded-Proto", proto);
    headers.put("X-Forwarded-Host", host);
    headers.put("X-Forwarded-Port", port);
    assertEquals(origin, origin("192.168.7.7", headers));
  }

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.7", "10.0.0.6", "::1", "not-an-address"})
  void anyoneElsesForwardingHeadersAreIgnored(String remote) {
    Map<String, String> headers =
        Map.of(
            "Forwarded", "proto=https;host=evil.example.com",
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "evil.example.com");
    assertEquals(null, origin(remote, headers));
    assertEquals(null, TrustedProxies.NONE.origin("10.0.0.5", DIRECT, headers::get).orElse(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "proto=https;host=scim.example.com | http | evil.example.com | https://scim.example.com",
        "proto=https;host=\"bad host\" | https | scim.example.com | https://scim.example.com",
      })
  void forwardedWinsOverXForwardedUnlessItIsMalformed(
      String forwarded, String proto, String host, String origin) {
    assertEquals(
        origin,
        origin(
            "10.0.0.5",
            Map.of("Forwarded", forwarded, "X-Forwarded-Proto", proto, "X-Forwarded-Host", host)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http | localhost | 8080 | http://localhost:8080",
        "HTTP | localhost | 80 | http://localhost",
        "https | ::1 | 443 | https://[::1]",
        "https | [::1] | 8443 | https://[::1]:8443",
        "http | example.com | -1 | http://example.com",
      })
  void theDirectOriginIsTheContainers(String scheme, String host, int port, String origin) {
    assertEquals(origin, Origin.of(scheme, host, port).toString());
  }

  private static String origin(String remote, Map<String, String> headers) {
    return PROXIES.origin(remote, DIRECT, headers::get).map(Origin::toString).orElse(null);
  }
}
