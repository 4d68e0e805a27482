package dev.roster.scim.filter;

import static dev.roster.scim.JsonProviders.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.Filter.And;
import dev.roster.scim.filter.Filter.Comparison;
import dev.roster.scim.filter.Filter.Not;
import dev.roster.scim.filter.Filter.Or;
import dev.roster.scim.filter.Filter.Present;
import dev.roster.scim.filter.Filter.ValuePath;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Filters of RFC 7644 §3.4.2.2, and the shapes Entra ID, Okta and Microsoft's validator send. */
class FilterParserTest {

  static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static Stream<Arguments> filters() {
    return Stream.of(
        // RFC 7644 §3.4.2.2, the examples in order
        row("userName Eq \"john\"", eq("userName", "john")),
        row("name.familyName co \"O'Malley\"", cmp("name.familyName", Operator.CO, "O'Malley")),
        row("userName sw \"J\"", cmp("userName", Operator.SW, "J")),
        row(
            CORE + ":userName sw \"J\"",
            new Comparison(urn(CORE, "userName"), Operator.SW, s("J"))),
        row("title pr", pr("title")),
        row(
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.GT, "2011-05-13T04:42:34Z")),
        row(
            "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.GE, "2011-05-13T04:42:34Z")),
        row(
            "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.LT, "2011-05-13T04:42:34Z")),
        row(
            "meta.lastModified le \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.LE, "2011-05-13T04:42:34Z")),
        row("title pr and userType eq \"Employee\"", and(pr("title"), eq("userType", "Employee"))),
        row("title pr or userType eq \"Intern\"", or(pr("title"), eq("userType", "Intern"))),
        row("schemas eq \"" + ENTERPRISE + "\"", eq("schemas", ENTERPRISE)),
        row(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            and(
                eq("userType", "Employee"),
                or(
                    cmp("emails", Operator.CO, "example.com"),
                    cmp("emails.value", Operator.CO, "example.org")))),
        row(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            and(
                cmp("userType", Operator.NE, "Employee"),
                not(
                    or(
                        cmp("emails", Operator.CO, "example.com"),
                        cmp("emails.value", Operator.CO, "example.org"))))),
        row(
            "userType eq \"Employee\" and (emails.type eq \"work\")",
            and(eq("userType", "Employee"), eq("emails.type", "work"))),
        row(
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            and(
                eq("userType", "Employee"),
                vp("emails", and(eq("type", "work"), cmp("value", Operator.CO, "@example.com"))))),
        row(
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and"
                + " value co \"@foo.com\"]",
            or(
                vp("emails", and(eq("type", "work"), cmp("value", Operator.CO, "@example.com"))),
                vp("ims", and(eq("type", "xmpp"), cmp("value", Operator.CO, "@foo.com"))))),

        // every operator, in upper and mixed case
        row("userName EQ \"bjensen\"", eq("userName", "bjensen")),
        row("displayName NE \"Sales\"", cmp("displayName", Operator.NE, "Sales")),
        row("displayName Ne \"Sales\"", cmp("displayName", Operator.NE, "Sales")),
        row("userName CO \"jen\"", cmp("userName", Operator.CO, "jen")),
        row("userName Sw \"bj\"", cmp("userName", Operator.SW, "bj")),
        row("userName EW \"sen\"", cmp("userName", Operator.EW, "sen")),
        row("userName eW \"sen\"", cmp("userName", Operator.EW, "sen")),
        row("meta.created GT \"2011\"", cmp("meta.created", Operator.GT, "2011")),
        row("meta.created gE \"2011\"", cmp("meta.created", Operator.GE, "2011")),
        row("meta.created LT \"2011\"", cmp("meta.created", Operator.LT, "2011")),
        row("meta.created Le \"2011\"", cmp("meta.created", Operator.LE, "2011")),
        row("title PR", pr("title")),
        row("title Pr", pr("title")),

        // precedence: not > and > or; and/or associate to the left
        row("a pr or b pr and c pr", or(pr("a"), and(pr("b"), pr("c")))),
        row("a pr and b pr or c pr", or(and(pr("a"), pr("b")), pr("c"))),
        row("a pr or b pr or c pr", or(or(pr("a"), pr("b")), pr("c"))),
        row("a pr and b pr and c pr", and(and(pr("a"), pr("b")), pr("c"))),
        row("a pr AND b pr Or c pr", or(and(pr("a"), pr("b")), pr("c"))),
        row("(a pr or b pr) and c pr", and(or(pr("a"), pr("b")), pr("c"))),
        row("a pr and (b pr or c pr)", and(pr("a"), or(pr("b"), pr("c")))),
        row("not (a pr) and b pr", and(not(pr("a")), pr("b"))),
        row("not(a pr) or b pr", or(not(pr("a")), pr("b"))),
        row("NOT (a pr or b pr)", not(or(pr("a"), pr("b")))),
        row("not (not (a pr))", not(not(pr("a")))),
        row("((a pr))", pr("a")),
        row("(a pr and (b pr or (c pr)))", and(pr("a"), or(pr("b"), pr("c")))),
        row("(a pr)and(b pr)", and(pr("a"), pr("b"))),

        // value paths
        row("emails[type eq \"work\"]", vp("emails", eq("type", "work"))),
        row("emails[ type eq \"work\" ]", vp("emails", eq("type", "work"))),
        row(
            "emails[type eq \"work\"].value eq \"a@b.c\"",
            vp("emails", and(eq("type", "work"), eq("value", "a@b.c")))),
        row(
            "emails[type eq \"work\"].value pr",
            vp("emails", and(eq("type", "work"), pr("value")))),
        row(
            "roles[primary eq \"True\"].value eq \"admin\"",
            vp("roles", and(eq("primary", "True"), eq("value", "admin")))),
        row("emails[not (type eq \"work\")]", vp("emails", not(eq("type", "work")))),
        row(
            "emails[(type eq \"work\" or type eq \"home\") and primary eq true]",
            vp("emails", and(or(eq("type", "work"), eq("type", "home")), eq("primary", true)))),
        row("(emails[type eq \"work\"])", vp("emails", eq("type", "work"))),
        row(
            "emails[type eq \"work\"] and userName pr",
            and(vp("emails", eq("type", "work")), pr("userName"))),
        row(
            ENTERPRISE + ":manager[value eq \"abc\"]",
            new ValuePath(urn(ENTERPRISE, "manager"), eq("value", "abc"))),

        // URN-qualified attributes
        row(
            CORE + ":name.familyName eq \"Jensen\"",
            new Comparison(urn(CORE, "name", "familyName"), Operator.EQ, s("Jensen"))),
        row(
            ENTERPRISE + ":employeeNumber eq \"701984\"",
            new Comparison(urn(ENTERPRISE, "employeeNumber"), Operator.EQ, s("701984"))),
        row(
            ENTERPRISE + ":manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"",
            new Comparison(
                urn(ENTERPRISE, "manager", "value"),
                Operator.EQ,
                s("26118915-6090-4610-87e4-49d8ca9f808d"))),

        // quoted values keep keywords, brackets and escapes as text
        row("title eq \"A or B [x]\"", eq("title", "A or B [x]")),
        row("title eq \"(and) not pr\"", eq("title", "(and) not pr")),
        row("displayName eq \"Say \\\"hi\\\"\"", eq("displayName", "Say \"hi\"")),
        row(
            "title eq \"a\\\\b\\/c\\n\\t\\r\\b\\f\\u00e9\\u00C9\"",
            eq("title", "a\\b/c\n\t\r\b\f\u00e9\u00c9")),
        row("title eq \"\"", eq("title", "")),
        row("userName eq \"a+b\"", eq("userName", "a+b")),

        // booleans, null and numbers; a quoted "True" stays a string
        row("active eq true", eq("active", true)),
        row("active eq TRUE", eq("active", true)),
        row("active Eq False", eq("active", false)),
        row("active eq \"True\"", eq("active", "True")),
        row("manager eq null", eq("manager", JsonValue.NULL)),
        row("manager eq Null", eq("manager", JsonValue.NULL)),
        row("age gt 42", cmp("age", Operator.GT, 42)),
        row("age gt 0", cmp("age", Operator.GT, 0)),
        row("score ge -1.5", cmp("score", Operator.GE, new BigDecimal("-1.5"))),
        row("size lt 1e3", cmp("size", Operator.LT, new BigDecimal("1e3"))),
        row("big eq 12345678901", eq("big", JSON.createValue(12345678901L))),
        row("id eq \"42\"", eq("id", "42")),

        // unquoted words are strings (Microsoft's SCIM validator)
        row("userName eq Employee", eq("userName", "Employee")),
        row("name.familyName sw O", cmp("name.familyName", Operator.SW, "O")),
        row(
            "meta.created gt 2015-10-10T14:38:21.8617979-07:00",
            cmp("meta.created", Operator.GT, "2015-10-10T14:38:21.8617979-07:00")),
        row(
            "meta.created gt 2015-10-10T14:38:21Z",
            cmp("meta.created", Operator.GT, "2015-10-10T14:38:21Z")),
        row(
            "userName eq bjensen and active eq true",
            and(eq("userName", "bjensen"), eq("active", true))),
        row("(userName eq bjensen)", eq("userName", "bjensen")),
        row("emails[value eq a@b.c]", vp("emails", eq("value", "a@b.c"))),
        row("userName eq a+b", eq("userName", "a+b")),
        row("externalId eq 007", eq("externalId", "007")),

        // whitespace is any run of spaces and tabs
        row("  userName   eq    \"bjensen\"  ", eq("userName", "bjensen")),
        row("userName\teq\t\"bjensen\"", eq("userName", "bjensen")),
        row("a pr   and\t b pr", and(pr("a"), pr("b"))),
        row("not   ( a pr )", not(pr("a"))),

        // Entra ID and Okta
        row("userName eq \"alice@contoso.com\"", eq("userName", "alice@contoso.com")),
        row(
            "externalId eq \"0a5d3e6c-1b2f-4c8e-9d7a-6f5e4d3c2b1a\"",
            eq("externalId", "0a5d3e6c-1b2f-4c8e-9d7a-6f5e4d3c2b1a")),
        row("displayName eq \"Sales\"", eq("displayName", "Sales")),
        row(
            "members.value eq \"2819c223-7f76-453a-919d-413861904646\"",
            eq("members.value", "2819c223-7f76-453a-919d-413861904646")),
        row(
            "id eq \"g1\" and members[value eq \"u1\"]",
            and(eq("id", "g1"), vp("members", eq("value", "u1")))),
        row("userName eq \"bob@example.com\"", eq("userName", "bob@example.com")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("filters")
  void parsesFilterIntoTree(String filter, Filter expected) {
    assertEquals(expected, FilterParser.parse(filter));
  }

  static List<String> invalidFilters() {
    return List.of(
        "",
        "   ",
        "userName",
        "userName xx \"a\"",
        "userName eq",
        "userName eq   ",
        "userName eq)",
        "(userName eq \"a\"",
        "userName eq \"a\")",
        "((a pr)",
        "()",
        ")",
        "emails[type eq \"work\"",
        "emails type eq \"work\"]",
        "userName eq \"abc",
        "userName eq \"abc\\\"",
        "userName eq \"abc\\",
        "userName eq \"\\x\"",
        "userName eq \"\\u12\"",
        "userName eq \"\\u12zz\"",
        "userName eq \"a\" \"b\"",
        "userName eq \"a\" b",
        "userName eq \"a\" and",
        "userName eq \"a\" and ",
        "a pr or",
        "a pr and or b pr",
        "not",
        "not (",
        "not (a pr",
        "not ()",
        "not userName eq \"a\"",
        "not a pr",
        "1abc eq \"x\"",
        "a..b eq \"x\"",
        "a.b.c eq \"x\"",
        "name. eq \"x\"",
        "urn: eq \"x\"",
        "\"userName\" eq \"x\"",
        "title pr \"x\"",
        "title pr title",
        "emails[]",
        "emails[ ]",
        "emails [type eq \"work\"]",
        "emails[type eq \"work\"]x",
        "emails[type eq \"work\"][value pr]",
        "emails[type eq \"work\"].value",
        "emails[type eq \"work\"].value eq",
        "emails[type eq \"work\"].value \"x\"",
        "emails[type eq \"work\"]. eq \"x\"",
        "emails[type eq \"work\"].value.x eq \"x\"",
        "emails[type eq \"work\"].1x pr",
        "emails[addresses[type pr]]",
        "emails[" + CORE + ":emails pr]",
        "emails.value[type pr]",
        "emails[type pr))",
        "userName eq\"a\"",
        "userName eq \"a\" and ]",
        "[type eq \"x\"]",
        "(".repeat(60) + "a pr" + ")".repeat(60),
        "(".repeat(10_000));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void rejectsMalformedFilterAsInvalidFilter(String filter) {
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(filter));

    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow());
    assertEquals(400, e.status());
    assertFalse(e.detail().isBlank());
  }

  @Test
  void rejectsNullAsEmpty() {
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(null));

    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("errorDetails")
  void errorSaysWhatIsWrongAndWhere(String filter, String detail) {
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(filter));

    assertEquals(detail, e.detail());
  }

  static Stream<Arguments> errorDetails() {
    return Stream.of(
        arguments("userName", "Expected an operator after 'userName' at position 8."),
        arguments(
            "userName xx \"a\"",
            "Unknown operator 'xx' after 'userName' at position 9; expected eq, ne, co, sw, ew,"
                + " gt, ge, lt, le or pr."),
        arguments("userName eq", "Expected a value after 'eq' at position 11."),
        arguments(
            "userName eq \"a",
            "Unterminated string: the '\"' at position 12 has no closing quote."),
        arguments(
            "userName eq \"a\" \"b\"",
            "Unexpected '\"b\"' at position 16; expected 'and', 'or' or the end of the filter."),
        arguments(
            "(a pr",
            "Missing ')' for the '(' at position 0: found the end of the filter at position 5."),
        arguments(
            "not a pr", "'not' at position 0 must be followed by '(': found 'a' at position 4."),
        arguments("a..b eq \"x\"", "'a..b' at position 0 is not a valid attribute path."),
        arguments("emails[]", "The value filter at position 6 is empty."),
        arguments(
            "emails[type pr]x",
            "Unexpected 'x' after ']' at position 15; expected '.subAttribute', 'and', 'or' or the"
                + " end of the filter."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName eq \"a\u0000b\"",
        "userName eq \"a\\u0000b\"",
        "userName\u0000 eq \"a\"",
        "emails[value eq \"\\u0000\"]",
        "\u0000",
        "title sw a\u0000",
      })
  void refusesNulAsInvalidFilter(String filter) {
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(filter));

    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow());
    assertTrue(e.detail().contains("U+0000"), e.detail());
  }

  @ParameterizedTest
  @ValueSource(strings = {"displayName\u0000", "emails[value eq \"\\u0000\"].type"})
  void refusesNulInAPatchPathAsInvalidPath(String path) {
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parsePatchPath(path));

    assertEquals(ScimType.INVALID_PATH, e.scimType().orElseThrow());
    assertTrue(e.detail().contains("U+0000"), e.detail());
  }

  @ParameterizedTest
  @MethodSource("loneSurrogates")
  void refusesLoneSurrogateEscapesAsInvalidValue(String filter) {
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(filter));

    assertEquals(ScimType.INVALID_VALUE, e.scimType().orElseThrow());
    assertTrue(e.detail().contains("lone surrogate"), e.detail());
  }

  static List<String> loneSurrogates() {
    return List.of(
        "userName eq \"\\ud800\"",
        "userName eq \"a\\uDC00b\"",
        "userName eq \"\\ud83d\"",
        "emails[value eq \"\\ude00x\"]",
        "title co \"x\\ud83d\\ud83d\\ude00\"");
  }

  @Test
  void readsASurrogatePairEscapeAsOneCharacter() {
    assertEquals(eq("title", "\uD83D\uDE00"), FilterParser.parse("title eq \"\\ud83d\\uDE00\""));
  }

  @Test
  void acceptsFiftyLevelsOfNesting() {
    int levels = FilterLimits.MAX_DEPTH;

    Filter filter = FilterParser.parse("(".repeat(levels) + "a pr" + ")".repeat(levels));

    assertEquals(pr("a"), filter);
  }

  /** Mangled filters must fail as invalidFilter, never as an index or number exception. */
  @Test
  void throwsNothingButScimExceptionOnMangledInput() {
    List<String> valid = filters().map(args -> (String) args.get()[0]).toList();
    String alphabet = "\"\\()[] .:\tauenotrpq01-eE+/";
    Random random = new Random(7644);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(valid.get(random.nextInt(valid.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> text.setLength(at);
        }
      }
      try {
        FilterParser.parse(text.toString());
        parsed++;
      } catch (ScimException expected) {
        assertEquals(ScimType.INVALID_FILTER, expected.scimType().orElseThrow(), text.toString());
      } catch (RuntimeException | StackOverflowError e) {
        fail("'" + text + "' threw " + e);
      }
    }
    assertTrue(parsed > 0, "some mutations are still filters");
  }

  // Expected trees

  static Arguments row(String filter, Filter expected) {
    return arguments(filter, expected);
  }

  static AttributePath path(String text) {
    int dot = text.indexOf('.');
    return dot < 0
        ? AttributePath.of(text)
        : AttributePath.of(text.substring(0, dot), text.substring(dot + 1));
  }

  static AttributePath urn(String urn, String attribute) {
    return new AttributePath(urn, attribute, null);
  }

  static AttributePath urn(String urn, String attribute, String subAttribute) {
    return new AttributePath(urn, attribute, subAttribute);
  }

  static JsonValue s(String value) {
    return JSON.createValue(value);
  }

  static JsonValue json(Object value) {
    if (value instanceof JsonValue json) {
      return json;
    }
    if (value instanceof String string) {
      return JSON.createValue(string);
    }
    if (value instanceof Boolean bool) {
      return bool ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Integer number) {
      return JSON.createValue(number);
    }
    if (value instanceof BigDecimal number) {
      return JSON.createValue(number);
    }
    throw new IllegalArgumentException(String.valueOf(value));
  }

  static Filter cmp(String path, Operator operator, Object value) {
    return new Comparison(path(path), operator, json(value));
  }

  static Filter eq(String path, Object value) {
    return cmp(path, Operator.EQ, value);
  }

  static Filter pr(String path) {
    return new Present(path(path));
  }

  static Filter and(Filter left, Filter right) {
    return new And(left, right);
  }

  static Filter or(Filter left, Filter right) {
    return new Or(left, right);
  }

  static Filter not(Filter filter) {
    return new Not(filter);
  }

  static Filter vp(String attribute, Filter filter) {
    return new ValuePath(path(attribute), filter);
  }
}
