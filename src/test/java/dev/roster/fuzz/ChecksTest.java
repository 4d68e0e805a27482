package dev.roster.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChecksTest {

  static final String ERROR =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\","
          + "\"scimType\":\"invalidFilter\",\"detail\":\"Bad filter.\"}";

  private static RawHttp.Response response(int status, String contentType, String body) {
    List<String[]> headers = new ArrayList<>();
    if (contentType != null) {
      headers.add(new String[] {"Content-Type", contentType});
    }
    if (status == 401) {
      headers.add(new String[] {"WWW-Authenticate", "Bearer realm=\"roster\""});
    }
    if (status == 405) {
      headers.add(new String[] {"Allow", "GET"});
    }
    return new RawHttp.Response(status, headers, body.getBytes(StandardCharsets.UTF_8), 3, null);
  }

  private static WireRequest request(String method, String tenant) {
    return WireRequest.of(method, "/scim/v2/Users", List.of(), null, tenant);
  }

  private static Set<String> checks(WireRequest request, RawHttp.Response response) {
    Set<String> names = new java.util.TreeSet<>();
    for (Checks.Failure f : Checks.check(request, response, 5_000)) {
      names.add(f.check() + ": " + f.what());
    }
    return names;
  }

  @Test
  void anRfcErrorBodyForItsStatusPasses() {
    assertEquals(
        Set.of(), checks(request("GET", "acme"), response(400, "application/scim+json", ERROR)));
  }

  @Test
  void errorsThatAreNotScimErrorBodiesFail() {
    WireRequest get = request("GET", "acme");
    assertEquals(
        Set.of("error-body: Content-Type text/html"),
        checks(get, response(400, "text/html;charset=UTF-8", "<html/>")));
    assertEquals(Set.of("error-body: Content-Type (none)"), checks(get, response(400, null, "")));
    assertEquals(
        Set.of("error-body: status \"400\" on HTTP 404"),
        checks(get, response(404, "application/scim+json", ERROR)));
    assertEquals(
        Set.of("error-body: status is not a string"),
        checks(get, response(400, "application/scim+json", ERROR.replace("\"400\"", "400"))));
    assertEquals(
        Set.of("error-body: scimType \"nope\" is not an RFC 7644 keyword"),
        checks(
            get, response(400, "application/scim+json", ERROR.replace("invalidFilter", "nope"))));
    assertEquals(
        Set.of("error-body: body shows internals"),
        checks(
            get,
            response(
                400,
                "application/scim+json",
                ERROR.replace("Bad filter.", "java.lang.NullPointerException"))));
  }

  @Test
  void serverErrorsAndSlowAnswersFail() {
    String error500 =
        ERROR.replace("\"400\"", "\"500\"").replace(",\"scimType\":\"invalidFilter\"", "");
    assertEquals(
        Set.of("5xx: status 500"),
        checks(request("GET", "acme"), response(500, "application/scim+json", error500)));
    RawHttp.Response slow =
        new RawHttp.Response(
            200,
            List.<String[]>of(new String[] {"Content-Type", "application/scim+json"}),
            "{}".getBytes(StandardCharsets.UTF_8),
            5_001,
            null);
    assertEquals(Set.of("time: over 5000 ms"), checks(request("GET", "acme"), slow));
    assertEquals(
        Set.of("no-response: timeout"),
        checks(
            request("GET", "acme"),
            new RawHttp.Response(-1, List.of(), new byte[0], 30_000, "timeout")));
  }

  @Test
  void successesMustBeScimJsonAndOnlyForKnownMethodsAndValidTokens() {
    assertEquals(
        Set.of("success-body: Content-Type (none)"),
        checks(request("GET", "acme"), response(200, null, "")));
    assertEquals(Set.of(), checks(request("DELETE", "acme"), response(204, null, "")));
    assertEquals(
        Set.of("method: accepted an unknown method", "success-body: Content-Type (none)"),
        checks(request("FOO", "acme"), response(200, null, "")));
    assertEquals(
        Set.of("auth: accepted without a valid token"),
        checks(request("GET", null), response(200, "application/scim+json", "{}")));
    WireRequest otherTenant =
        new WireRequest(
            "GET",
            "/scim/v2/Users/g-1",
            List.of(),
            null,
            "acme",
            "get",
            Set.of(),
            "globex",
            "g-1",
            null,
            null);
    assertEquals(
        Set.of("tenant-isolation: answered for another tenant's resource"),
        checks(otherTenant, response(200, "application/scim+json", "{}")));
  }

  @Test
  void filtersOnAttributesEveryResourceHasAreKnown() {
    assertTrue(Checks.alwaysPresent("meta pr", false));
    assertTrue(Checks.alwaysPresent(" Meta.LastModified \t PR", true));
    assertTrue(Checks.alwaysPresent(Schemas.USER_URN + ":userName pr", false));
    assertTrue(!Checks.alwaysPresent("userName pr", true));
    assertTrue(!Checks.alwaysPresent("title pr", false));
    assertTrue(!Checks.alwaysPresent("meta pr and title pr", false));
  }

  private static WireRequest postExpecting(WireRequest.Expectation expectation) {
    return new WireRequest(
        "POST",
        "/scim/v2/Users",
        List.of(),
        new byte[0],
        "acme",
        "post-user",
        Set.of(),
        null,
        null,
        null,
        expectation);
  }

  @Test
  void storedValuesMustComeBackAsSentOrBeRefused() {
    WireRequest post = postExpecting(new WireRequest.Expectation("displayName", "a\ud800b", false));
    assertEquals(
        Set.of("stored-value: stored displayName not returned as sent"),
        checks(post, response(201, "application/scim+json", "{\"displayName\":\"a?b\"}")));
    assertEquals(
        Set.of(),
        checks(post, response(201, "application/scim+json", "{\"displayName\":\"a\\ud800b\"}")));
    assertEquals(Set.of(), checks(post, response(400, "application/scim+json", ERROR)));
    WireRequest refused = postExpecting(new WireRequest.Expectation("displayName", null, true));
    assertTrue(
        checks(refused, response(201, "application/scim+json", "{}"))
            .contains("stored-value: accepted a value it cannot store as sent"));
  }
}
