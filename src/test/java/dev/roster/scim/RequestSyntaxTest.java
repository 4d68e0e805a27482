package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestSyntaxTest {

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "/scim/v2/Users",
        "/scim/v2/Users/2819c223-7f76-453a-919d-413861904646",
        "/scim/v2/Users/.search",
        "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
        "/scim/v2/Users/a%20b",
        "/scim/v2/Users/%C3%A9t%C3%A9",
        "/scim/v2/Users/%F0%9F%98%80",
        "/scim/v2/Users/%2F",
        "/scim/v2/Users/...",
        "/scim/v2/Users/.x",
        "/scim/v2/Users;x=y",
        "/scim/v2/Users/a!$&'()*+,;=:@b",
        "/scim/v2/",
        "/",
      })
  void readsPathsRfc3986Allows(String path) {
    assertEquals(Optional.empty(), RequestSyntax.pathProblem(path));
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "/scim/v2/Users/%zz|broken percent-encoding",
        "/scim/v2/Users/%|broken percent-encoding",
        "/scim/v2/Users/%4|broken percent-encoding",
        "/scim/v2/Users/%u0041|broken percent-encoding",
        "/scim/v2/Users/%00|NUL or a backslash",
        "/scim/v2/Users/%5c|NUL or a backslash",
        "/scim/v2/Users/a\\b|must be percent-encoded",
        "/scim/v2/Users/%ED%A0%80|not UTF-8",
        "/scim/v2/Users/%c3%28|not UTF-8",
        "/scim/v2/Users/%C0%AF|not UTF-8",
        "/scim/v2/Users/%ff|not UTF-8",
        "/scim/v2/Users/%F4%90%80%80|not UTF-8",
        "/scim/v2/Users/é|must be percent-encoded",
        "/scim/v2/Users/{x}|must be percent-encoded",
        "/scim/v2/Users/a^b|must be percent-encoded",
        "/scim/v2/Users/a b|must be percent-encoded",
        "/scim/v2/Users/a\"b|must be percent-encoded",
        "/scim/v2/Users/0123456789012345678901234567890123456/..|'.' or '..' segment",
        "/scim/v2/Users/.|'.' or '..' segment",
        "/scim/v2/./Users|'.' or '..' segment",
        "/scim/v2/../admin/|'.' or '..' segment",
        "/scim/v2/Users/%2e%2e|'.' or '..' segment",
        "/scim/v2/Users/.%2E/x|'.' or '..' segment",
        "scim/v2/Users|must start with '/'",
      })
  void namesWhatMakesAPathUnreadable(String path, String reason) {
    Optional<String> problem = RequestSyntax.pathProblem(path);
    assertTrue(problem.isPresent(), path);
    assertTrue(problem.get().contains(reason), problem.get());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "/scim/v2",
        "/scim/v2/Users/%zz",
        "/scim/v2;x=y/Users",
        "//scim//v2/Users/%zz",
        "/x/../scim/v2/Users",
        "/%73cim/v2/Users",
        "/scim/v2/../admin/",
        "/./scim/v2/Users",
      })
  void recognisesPathsTheContainerMapsToScim(String path) {
    assertTrue(RequestSyntax.isScimPath(path));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {"/scim/v20/Users", "/SCIM/v2/Users", "/admin/", "/scim", "/scimv2", "*", "/"})
  void leavesOtherPathsAlone(String path) {
    assertFalse(RequestSyntax.isScimPath(path));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "localhost",
        "localhost:8080",
        "roster.example.com:443",
        "127.0.0.1:1",
        "[::1]",
        "[::1]:8080",
        "ex%41mple",
        "a:",
        "a:65535",
      })
  void readsHostsRfc3986Allows(String host) {
    assertEquals(Optional.empty(), RequestSyntax.hostProblem(host));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "{x}",
        "a b",
        "a:notaport",
        "a:65536",
        "a:123456",
        "[::1",
        "[]",
        "é",
        ":80",
        "a/b"
      })
  void refusesHostsThatAreNotAHostAndPort(String host) {
    assertTrue(RequestSyntax.hostProblem(host).isPresent(), host);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {"abc|abc", "a\u0000b|a\\u0000b", "é|\\u00e9"})
  void printableEscapesControlAndNonAsciiCharacters(String text, String expected) {
    assertEquals(expected, RequestSyntax.printable(text));
  }

  @Test
  void printableCutsLongText() {
    assertEquals(203, RequestSyntax.printable("x".repeat(5000)).length());
  }
}
