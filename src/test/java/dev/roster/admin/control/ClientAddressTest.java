package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which address a sign-in counts as coming from, with and without trusted proxies. */
class ClientAddressTest {

  static final ClientAddress PROXIES = ClientAddress.trusting("10.0.0.5, 192.168.0.0/16, fd00::/8");

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
    assertEquals(client, PROXIES.of(remote, header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "::1", "0:0:0:0:0:0:0:1"})
  void withoutTrustedProxiesTheHeaderIsIgnored(String remote) {
    assertEquals(remote, ClientAddress.DIRECT.of(remote, "203.0.113.7"));
    assertEquals(remote, ClientAddress.trusting(" ").of(remote, "203.0.113.7"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "cafe"})
  void aSettingThatIsNoAddressOrNetworkIsRefused(String setting) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting(setting));
    assertTrue(error.getMessage().contains(setting), error.getMessage());
  }
}
