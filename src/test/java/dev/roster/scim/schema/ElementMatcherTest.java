package dev.roster.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.Filter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Value filters (RFC 7644 §3.4.2.2) matched against one element of a complex attribute, as a PATCH
 * path such as {@code emails[type eq "work"]} needs: each row is the attribute, the element, the
 * filter text relative to the element, and whether it matches.
 */
class ElementMatcherTest {

  private static final String WORK_EMAIL =
      """
      {"value":"bjensen@example.com","type":"work","primary":true}
      """;
  private static final String HOME_EMAIL =
      """
      {"value":"babs@jensen.org","type":"home"}
      """;

  private static Attribute attribute(String name) {
    Optional<Attribute> found =
        switch (name) {
          case "members" -> CoreSchemas.GROUP.attribute(name);
          case "manager" -> CoreSchemas.ENTERPRISE_USER.attribute(name);
          case "meta" -> CoreSchemas.COMMON.stream().filter(a -> a.name().equals(name)).findFirst();
          default -> CoreSchemas.USER.attribute(name);
        };
    return found.orElseThrow(() -> new AssertionError(name));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static Arguments row(String attribute, String element, String filter, boolean matches) {
    return Arguments.of(attribute, element.strip(), filter, matches);
  }

  static Stream<Arguments> matches() {
    return Stream.of(
        // eq / ne, with caseExact=false values and names in any case
        row("emails", WORK_EMAIL, "type eq \"work\"", true),
        row("emails", WORK_EMAIL, "type eq \"WORK\"", true),
        row("emails", WORK_EMAIL, "Type EQ \"Work\"", true),
        row("emails", WORK_EMAIL, "type eq \"home\"", false),
        row("emails", WORK_EMAIL, "value eq \"BJensen@Example.com\"", true),
        row("emails", WORK_EMAIL, "type ne \"home\"", true),
        row("emails", WORK_EMAIL, "type ne \"Work\"", false),
        // ne is not eq: an element without the sub-attribute is "not equal"
        row("emails", HOME_EMAIL, "primary ne true", true),
        row("emails", HOME_EMAIL, "display ne \"Babs\"", true),
        row("emails", "{\"value\":\"x@example.com\"}", "type ne \"work\"", true),
        row("emails", "{\"value\":\"x@example.com\"}", "type eq \"work\"", false),
        // substrings
        row("emails", WORK_EMAIL, "value co \"jensen\"", true),
        row("emails", WORK_EMAIL, "value co \"JENSEN@\"", true),
        row("emails", WORK_EMAIL, "value co \"babs\"", false),
        row("emails", WORK_EMAIL, "value sw \"bjensen@\"", true),
        row("emails", WORK_EMAIL, "value sw \"example\"", false),
        row("emails", WORK_EMAIL, "value ew \"example.com\"", true),
        row("emails", WORK_EMAIL, "value ew \"EXAMPLE.COM\"", true),
        row("emails", WORK_EMAIL, "value ew \".org\"", false),
        row("emails", HOME_EMAIL, "display co \"b\"", false),
        // ordering on strings (lower case, since caseExact is false)
        row("emails", WORK_EMAIL, "value gt \"a\"", true),
        row("emails", WORK_EMAIL, "value gt \"C\"", false),
        row("emails", WORK_EMAIL, "value gt \"bjensen@example.com\"", false),
        row("emails", WORK_EMAIL, "value ge \"BJENSEN@example.com\"", true),
        row("emails", WORK_EMAIL, "value lt \"c\"", true),
        row("emails", WORK_EMAIL, "value lt \"b\"", false),
        row("emails", WORK_EMAIL, "value le \"bjensen@example.com\"", true),
        row("emails", WORK_EMAIL, "value le \"bjensen@example.co\"", false),
        row("addresses", "{\"type\":\"work\",\"postalCode\":\"91608\"}", "postalCode ge 9", true),
        // ordering on dateTimes compares instants
        row(
            "meta",
            "{\"created\":\"2010-01-23T04:56:22Z\"}",
            "created gt \"2010-01-01T00:00:00Z\"",
            true),
        row(
            "meta",
            "{\"created\":\"2010-01-23T04:56:22Z\"}",
            "created lt \"2010-01-23T04:56:22.001Z\"",
            true),
        row(
            "meta",
            "{\"created\":\"2010-01-23T04:56:22Z\"}",
            "created eq \"2010-01-23T06:56:22+02:00\"",
            true),
        row(
            "meta",
            "{\"created\":\"2010-01-23T04:56:22Z\"}",
            "created ge \"2011-05-13T04:42:34Z\"",
            false),
        // pr
        row("emails", WORK_EMAIL, "value pr", true),
        row("emails", WORK_EMAIL, "display pr", false),
        row("emails", HOME_EMAIL, "primary pr", false),
        row("emails", "{\"value\":\"\",\"type\":\"work\"}", "value pr", false),
        row("emails", "{\"value\":\"\",\"type\":\"work\"}", "type pr", true),
        // booleans: JSON literals and Entra's "True"/"False" strings
        row("emails", WORK_EMAIL, "primary eq true", true),
        row("emails", WORK_EMAIL, "primary eq \"True\"", true),
        row("emails", WORK_EMAIL, "primary eq \"TRUE\"", true),
        row("emails", WORK_EMAIL, "primary eq false", false),
        row("emails", WORK_EMAIL, "primary eq \"False\"", false),
        row("emails", WORK_EMAIL, "primary ne false", true),
        row("emails", HOME_EMAIL, "primary eq false", false),
        row("roles", "{\"value\":\"Admin\",\"primary\":true}", "primary eq \"True\"", true),
        row("roles", "{\"value\":\"Admin\",\"primary\":false}", "primary eq \"True\"", false),
        // and / or / not, and grouping
        row("emails", WORK_EMAIL, "type eq \"work\" and value ew \"example.com\"", true),
        row("emails", WORK_EMAIL, "type eq \"work\" and value ew \".org\"", false),
        row("emails", WORK_EMAIL, "type eq \"home\" or primary eq true", true),
        row("emails", WORK_EMAIL, "type eq \"home\" or display pr", false),
        row("emails", WORK_EMAIL, "not (type eq \"work\")", false),
        row("emails", WORK_EMAIL, "not (type eq \"home\")", true),
        row("emails", HOME_EMAIL, "not (primary eq true)", true),
        row(
            "emails",
            WORK_EMAIL,
            "(type eq \"home\" or type eq \"work\") and primary eq \"True\"",
            true),
        row("emails", HOME_EMAIL, "type eq \"home\" and not (value co \"example\")", true),
        row("emails", HOME_EMAIL, "type eq \"work\" or type eq \"home\" and value pr", true),
        // other complex attributes
        row(
            "members",
            "{\"value\":\"2819c223-7f76-453a-919d-413861904646\",\"display\":\"Babs Jensen\"}",
            "value eq \"2819c223-7f76-453a-919d-413861904646\"",
            true),
        row(
            "members",
            "{\"value\":\"2819c223-7f76-453a-919d-413861904646\",\"display\":\"Babs Jensen\"}",
            "value eq \"902c246b-6245-4190-8e05-00816be7344a\"",
            false),
        row(
            "members",
            "{\"value\":\"2819c223\",\"$ref\":\"https://example.com/v2/Users/2819c223\"}",
            "$ref ew \"/Users/2819c223\"",
            true),
        row(
            "manager",
            "{\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\"}",
            "value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"",
            true),
        row(
            "addresses",
            "{\"type\":\"work\",\"locality\":\"Hollywood\",\"region\":\"CA\"}",
            "type eq \"work\" and locality eq \"hollywood\"",
            true),
        // unquoted words are strings (Microsoft's test collection sends them)
        row("emails", WORK_EMAIL, "type eq work", true));
  }

  @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
  @MethodSource("matches")
  void matchesElement(String attribute, String element, String filter, boolean expected) {
    Attribute complex = attribute(attribute);
    Filter parsed = Filter.parse(filter);

    ElementMatcher.check(complex, parsed);
    assertEquals(expected, ElementMatcher.matches(complex, parsed, json(element)));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("emails", "kind eq \"work\""),
        Arguments.of("emails", "type eq \"work\" or kind eq \"work\""),
        Arguments.of("emails", "type eq \"home\" and kind eq \"work\""),
        Arguments.of("emails", "not (kind pr)"),
        Arguments.of("emails", "value.domain eq \"example.com\""),
        Arguments.of("emails", "emails.value eq \"bjensen@example.com\""),
        Arguments.of("emails", "urn:ietf:params:scim:schemas:core:2.0:User:value eq \"x\""),
        Arguments.of("emails", "type[value eq \"work\"]"),
        Arguments.of("emails", "primary gt true"),
        Arguments.of("emails", "primary ge false"),
        Arguments.of("emails", "primary lt true"),
        Arguments.of("emails", "primary le true"),
        Arguments.of("emails", "primary co \"t\""),
        Arguments.of("emails", "primary sw \"t\""),
        Arguments.of("emails", "primary ew \"e\""),
        Arguments.of("emails", "primary eq \"maybe\""),
        Arguments.of("emails", "primary eq 1"),
        Arguments.of("emails", "type eq null"),
        Arguments.of(
            "x509Certificates", "value gt \"MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw\""),
        Arguments.of("x509Certificates", "value co \"MIID\""),
        Arguments.of("meta", "created gt \"yesterday\""),
        Arguments.of("members", "display eq \"Babs\" and value.id eq \"x\""));
  }

  @ParameterizedTest(name = "{0} [{1}] -> invalidFilter")
  @MethodSource("failures")
  void rejectsFilter(String attribute, String filter) {
    Attribute complex = attribute(attribute);
    Filter parsed = Filter.parse(filter);

    ScimException checked =
        assertThrows(ScimException.class, () -> ElementMatcher.check(complex, parsed));
    assertEquals(400, checked.status());
    assertEquals(Optional.of(ScimType.INVALID_FILTER), checked.scimType());

    ScimException matched =
        assertThrows(
            ScimException.class, () -> ElementMatcher.matches(complex, parsed, json(WORK_EMAIL)));
    assertEquals(Optional.of(ScimType.INVALID_FILTER), matched.scimType());
  }
}
