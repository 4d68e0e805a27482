package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A logged request as a shell-safe curl command, without its token. */
class CurlCommandTest {

  @Test
  void quotesEveryArgumentAndLeavesTheTokenOut() {
    assertEquals(
        "curl -i -X 'POST' 'https://roster.example:443/scim/v2/Users' \\\n"
            + "  -H \"Authorization: Bearer $ROSTER_TOKEN\" \\\n"
            + "  -H 'Content-Type: application/scim+json' \\\n"
            + "  --data-binary '{\"userName\":\"o'\\''brien\"}'",
        CurlCommand.of(
            "POST",
            "https://roster.example:443",
            "/scim/v2/Users",
            null,
            "{\"userName\":\"o'brien\"}"));
  }

  @Test
  void encodesTheLoggedQueryAgain() {
    assertEquals(
        "curl -i -X 'GET' 'http://h:8080/scim/v2/Users?filter=userName%20eq%20%22a%2Bb%22&count=2' \\\n"
            + "  -H \"Authorization: Bearer $ROSTER_TOKEN\"",
        CurlCommand.of(
            "GET", "http://h:8080", "/scim/v2/Users", "filter=userName eq \"a+b\"&count=2", null));
  }
}
