package dev.roster.scim.filter;

import static dev.roster.scim.JsonProviders.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.Filter.And;
import dev.roster.scim.filter.Filter.Comparison;
import dev.roster.scim.filter.Filter.Or;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PATCH paths of RFC 7644 §3.5.2, and the ones Entra ID and Okta send. */
class PatchPathTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static Stream<Arguments> paths() {
    return Stream.of(
        row("userName", path("userName"), null, null),
        row("name.givenName", path("name", "givenName"), null, null),
        row("  name.givenName\t", path("name", "givenName"), null, null),
        row("displayName", path("displayName"), null, null),
        row(ENTERPRISE + ":department", urn(ENTERPRISE, "department", null), null, null),
        row(ENTERPRISE + ":manager", urn(ENTERPRISE, "manager", null), null, null),
        row(ENTERPRISE + ":manager.value", urn(ENTERPRISE, "manager", "value"), null, null),
        row(
            "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName",
            urn("urn:ietf:params:scim:schemas:core:2.0:User", "name", "familyName"),
            null,
            null),
        // a bare schema URN reads as its last segment; the schema resolves it later
        row(
            ENTERPRISE,
            urn("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null),
            null,
            null),
        row(
            "members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
            path("members"),
            eq("value", "2819c223-7f76-453a-919d-413861904646"),
            null),
        row("emails[type eq \"work\"].value", path("emails"), eq("type", "work"), "value"),
        row(
            "addresses[type eq \"work\"].streetAddress",
            path("addresses"),
            eq("type", "work"),
            "streetAddress"),
        row("roles[primary eq \"True\"].value", path("roles"), eq("primary", "True"), "value"),
        row(
            "emails[primary eq true]",
            path("emails"),
            new Comparison(AttributePath.of("primary"), Operator.EQ, JsonValue.TRUE),
            null),
        row(
            ENTERPRISE + ":manager[value eq \"abc\"]",
            urn(ENTERPRISE, "manager", null),
            eq("value", "abc"),
            null),
        row(
            "emails[type eq \"work\" and value co \"@example.com\"]",
            path("emails"),
            new And(
                eq("type", "work"),
                new Comparison(
                    AttributePath.of("value"), Operator.CO, JSON.createValue("@example.com"))),
            null),
        row(
            "members[value eq \"u1\" or value eq \"u2\"]",
            path("members"),
            new Or(eq("value", "u1"), eq("value", "u2")),
            null),
        row("EMAILS[TYPE EQ \"work\"].VALUE", path("EMAILS"), eq("TYPE", "work"), "VALUE"),
        row("emails[ type eq \"work\" ].display", path("emails"), eq("type", "work"), "display"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("paths")
  void parsesPath(String text, PatchPath expected) {
    assertEquals(expected, PatchPath.parse(text));
  }

  static List<String> invalidPaths() {
    return List.of(
        "",
        "   ",
        "emails[",
        "emails[type eq]",
        "emails[type eq \"work\"",
        "emails[type eq \"unterminated]",
        "emails[]",
        "name..x",
        "name.",
        "1abc",
        "urn:",
        "emails[type eq \"work\"]x",
        "emails[type eq \"work\"].",
        "emails[type eq \"work\"].value.x",
        "emails[type eq \"work\"] .value",
        "emails[type eq \"work\"]]",
        "emails[type eq \"work\"][value pr]",
        "emails [type eq \"work\"]",
        "emails.value[type eq \"work\"]",
        "emails[addresses[type pr]]",
        "emails[urn:ietf:params:scim:schemas:core:2.0:User:emails pr]",
        "[type eq \"x\"]",
        "userName eq \"x\"",
        "name.givenName)",
        "(userName)");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidPaths")
  void rejectsMalformedPathAsInvalidPath(String text) {
    ScimException e = assertThrows(ScimException.class, () -> PatchPath.parse(text));

    assertEquals(ScimType.INVALID_PATH, e.scimType().orElseThrow());
    assertEquals(400, e.status());
    assertFalse(e.detail().isBlank());
  }

  @Test
  void rejectsNullAsInvalidPath() {
    ScimException e = assertThrows(ScimException.class, () -> PatchPath.parse(null));

    assertEquals(ScimType.INVALID_PATH, e.scimType().orElseThrow());
  }

  @Test
  void saysWhereThePathEnded() {
    ScimException e = assertThrows(ScimException.class, () -> PatchPath.parse("emails["));

    assertEquals(
        "Unexpected end of the path at position 7; expected an attribute path, 'not' or '('.",
        e.detail());
  }

  @Test
  void reportsMalformedBracketFilterAsInvalidPathWithTheFilterDetail() {
    String text = "emails[type eq]";

    ScimException asPath = assertThrows(ScimException.class, () -> PatchPath.parse(text));
    ScimException asFilter = assertThrows(ScimException.class, () -> FilterParser.parse(text));

    assertEquals(ScimType.INVALID_PATH, asPath.scimType().orElseThrow());
    assertEquals("Expected a value after 'eq' at position 14.", asPath.detail());
    assertEquals(asFilter.detail(), asPath.detail());
  }

  // Expected paths

  static Arguments row(String text, AttributePath attribute, Filter filter, String subAttribute) {
    return arguments(text, new PatchPath(attribute, filter, subAttribute));
  }

  static AttributePath path(String attribute) {
    return AttributePath.of(attribute);
  }

  static AttributePath path(String attribute, String subAttribute) {
    return AttributePath.of(attribute, subAttribute);
  }

  static AttributePath urn(String urn, String attribute, String subAttribute) {
    return new AttributePath(urn, attribute, subAttribute);
  }

  static Filter eq(String path, String value) {
    return new Comparison(AttributePath.of(path), Operator.EQ, JSON.createValue(value));
  }
}
