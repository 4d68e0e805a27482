package dev.roster.scim.filter;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.scim.Unicode;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads filters (RFC 7644 §3.4.2.2, Figure 1) and PATCH paths (RFC 7644 §3.5.2) into trees. It is a
 * recursive descent over the text that reads each token when the grammar asks for it, because what
 * a token is depends on where it stands: an attribute path ends at {@code [}, an unquoted value
 * does not.
 *
 * <p>Precedence is {@code not} over {@code and} over {@code or}; {@code and} and {@code or} are
 * left-associative. Keywords ignore case. The parser is lenient where clients differ and the
 * meaning is clear: any run of spaces or tabs separates tokens, and an unquoted value that is not
 * {@code true}, {@code false}, {@code null} or a JSON number is a string, because Microsoft's
 * validator sends {@code userName eq Employee}. Errors give a character position, counted from 0.
 *
 * <p>It enforces {@link FilterLimits} while it reads, so that no tree it returns is too large to
 * walk or to run.
 */
final class FilterParser {

  /** Characters that end an attribute path or keyword. */
  private static final String PATH_END = "[]()";

  /** Characters that end an unquoted value: a date or e-mail address may hold anything else. */
  private static final String VALUE_END = ")]";

  /** The number grammar of RFC 8259 §6; group 1 and 2 are the fraction and the exponent. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String text;
  private final Function<String, ScimException> error;
  private final String kind;
  private int pos;
  private int depth;
  private int terms;
  private int substringTerms;

  private FilterParser(String text, Function<String, ScimException> error, String kind) {
    this.text = text;
    this.error = error;
    this.kind = kind;
  }

  /**
   * Parses a filter (RFC 7644 §3.4.2.2).
   *
   * @throws ScimException invalidFilter, saying what is wrong and at which position
   */
  public static Filter parse(String text) {
    if (text == null || text.isBlank()) {
      throw ScimException.invalidFilter("The filter is empty.");
    }
    FilterParser parser = new FilterParser(text, ScimException::invalidFilter, "filter");
    parser.limitLength();
    Filter filter = parser.orExpression(false);
    parser.skipSpace();
    if (!parser.atEnd()) {
      throw parser.fail(
          "Unexpected %s at position %d; expected 'and', 'or' or the end of the filter.",
          parser.describeNext(), parser.pos);
    }
    return filter;
  }

  /**
   * Parses a PATCH path: {@code attrPath / valuePath [subAttr]} (RFC 7644 §3.5.2). A malformed
   * filter inside the brackets is reported as an invalid path too, as §3.5.2 asks.
   *
   * @throws ScimException invalidPath, saying what is wrong and at which position
   */
  public static PatchPath parsePatchPath(String text) {
    if (text == null || text.isBlank()) {
      throw ScimException.invalidPath("The path is empty.");
    }
    FilterParser parser = new FilterParser(text, ScimException::invalidPath, "path");
    parser.limitLength();
    parser.skipSpace();
    AttributePath attribute = parser.attributePath(false);
    Filter filter = null;
    String subAttribute = null;
    if (parser.at('[')) {
      filter = parser.valueFilter(attribute);
      if (parser.at('.')) {
        subAttribute = parser.subAttribute();
      }
    }
    parser.skipSpace();
    if (!parser.atEnd()) {
      throw parser.fail(
          "Unexpected %s at position %d; a path is attribute[.subAttribute] or"
              + " attribute[filter][.subAttribute].",
          parser.describeNext(), parser.pos);
    }
    return new PatchPath(attribute, filter, subAttribute);
  }

  // Grammar. inBrackets: inside a value filter, where paths are relative to the element.

  private Filter orExpression(boolean inBrackets) {
    Filter left = andExpression(inBrackets);
    while (keyword("or")) {
      left = new Filter.Or(left, andExpression(inBrackets));
    }
    return left;
  }

  private Filter andExpression(boolean inBrackets) {
    Filter left = unary(inBrackets);
    while (keyword("and")) {
      left = new Filter.And(left, unary(inBrackets));
    }
    return left;
  }

  /** {@code "not" "(" filter ")"}, {@code "(" filter ")"} or an attribute expression. */
  private Filter unary(boolean inBrackets) {
    skipSpace();
    if (atEnd()) {
      throw fail(
          "Unexpected end of the %s at position %d; expected an attribute path, 'not' or '('.",
          kind, pos);
    }
    if (at('(')) {
      return group(inBrackets);
    }
    String word = peekWord();
    if (word.equalsIgnoreCase("not")) {
      int not = pos;
      pos += word.length();
      skipSpace();
      // RFC 7644 has no bare "not filter"; reading one would guess at the scope of the negation.
      if (!at('(')) {
        throw fail(
            "'not' at position %d must be followed by '(': found %s at position %d.",
            not, describeNext(), pos);
      }
      return new Filter.Not(group(inBrackets));
    }
    return attributeExpression(inBrackets);
  }

  /** {@code "(" filter ")"}, with the position at the opening parenthesis. */
  private Filter group(boolean inBrackets) {
    int open = pos++;
    enter(open);
    Filter inner = orExpression(inBrackets);
    skipSpace();
    if (!at(')')) {
      throw fail(
          "Missing ')' for the '(' at position %d: found %s at position %d.",
          open, describeNext(), pos);
    }
    pos++;
    depth--;
    return inner;
  }

  /** {@code attrPath SP compareOp SP compValue}, {@code attrPath SP "pr"} or a value path. */
  private Filter attributeExpression(boolean inBrackets) {
    int start = pos;
    AttributePath path = attributePath(inBrackets);
    if (!at('[')) {
      return condition(path, start);
    }
    if (inBrackets) {
      throw fail("Value filters cannot be nested: unexpected '[' at position %d.", pos);
    }
    Filter filter = valueFilter(path);
    if (at('.')) {
      // Entra ID's emails[type eq "work"].value eq "x": the same element must satisfy both parts,
      // so the last comparison joins the bracket filter (see Filter).
      int dot = pos;
      AttributePath sub = AttributePath.of(subAttribute());
      return new Filter.ValuePath(path, new Filter.And(filter, condition(sub, dot)));
    }
    if (!atEnd() && !isSpace(text.charAt(pos)) && !at(')')) {
      throw fail(
          "Unexpected %s after ']' at position %d; expected '.subAttribute', 'and', 'or' or the"
              + " end of the filter.",
          describeNext(), pos);
    }
    return new Filter.ValuePath(path, filter);
  }

  /** The operator and value after a path, which starts at {@code pathStart}. */
  private Filter condition(AttributePath path, int pathStart) {
    skipSpace();
    int start = pos;
    String keyword = word(PATH_END);
    if (keyword.isEmpty()) {
      throw fail("Expected an operator after '%s' at position %d.", path, start);
    }
    if (++terms > FilterLimits.MAX_TERMS) {
      throw fail(
          "The %s has more than %d comparisons and presence tests (the next starts at position"
              + " %d); the limit is %d.",
          kind, FilterLimits.MAX_TERMS, pathStart, FilterLimits.MAX_TERMS);
    }
    if (keyword.equalsIgnoreCase("pr")) {
      return new Filter.Present(path);
    }
    Operator operator =
        Operator.of(keyword)
            .orElseThrow(
                () ->
                    fail(
                        "Unknown operator '%s' after '%s' at position %d; expected eq, ne, co, sw,"
                            + " ew, gt, ge, lt, le or pr.",
                        clip(keyword), path, start));
    if (operator.isSubstring() && ++substringTerms > FilterLimits.MAX_SUBSTRING_TERMS) {
      throw fail(
          "The %s has more than %d co, sw and ew comparisons (the next starts at position %d); the"
              + " limit is %d.",
          kind, FilterLimits.MAX_SUBSTRING_TERMS, pathStart, FilterLimits.MAX_SUBSTRING_TERMS);
    }
    skipSpace();
    if (atEnd() || at(')') || at(']')) {
      throw fail("Expected a value after '%s' at position %d.", keyword, pos);
    }
    int valueStart = pos;
    JsonValue value = at('"') ? JSON.createValue(quoted()) : literal(word(VALUE_END));
    if (operator.isSubstring()) {
      int length = Unicode.length(value instanceof JsonString s ? s.getString() : value.toString());
      if (length > FilterLimits.MAX_SUBSTRING_LENGTH) {
        throw fail(
            "The %s value at position %d is %d characters long; the limit for co, sw and ew values"
                + " is %d characters.",
            operator.keyword(), valueStart, length, FilterLimits.MAX_SUBSTRING_LENGTH);
      }
    }
    return new Filter.Comparison(path, operator, value);
  }

  /** {@code "[" valFilter "]"}, with the position at the bracket. */
  private Filter valueFilter(AttributePath attribute) {
    int open = pos;
    if (attribute.subAttribute() != null) {
      throw fail(
          "'%s' has a sub-attribute, so it cannot take the value filter at position %d.",
          attribute, open);
    }
    pos++;
    enter(open);
    skipSpace();
    if (at(']')) {
      throw fail("The value filter at position %d is empty.", open);
    }
    Filter filter = orExpression(true);
    skipSpace();
    if (!at(']')) {
      throw fail(
          "Missing ']' for the '[' at position %d: found %s at position %d.",
          open, describeNext(), pos);
    }
    pos++;
    depth--;
    return filter;
  }

  /** The name after {@code ].}, with the position at the dot. */
  private String subAttribute() {
    int start = ++pos;
    String name = word(PATH_END);
    if (!AttributePath.isName(name)) {
      throw fail("Expected a sub-attribute name at position %d, found %s.", start, quote(name));
    }
    return name;
  }

  /** {@code [URN ":"] ATTRNAME ["." subAttr]}: URNs hold dots and colons, so read up to a break. */
  private AttributePath attributePath(boolean relative) {
    int start = pos;
    String word = word(PATH_END);
    if (word.isEmpty()) {
      throw fail("Expected an attribute path at position %d, found %s.", start, describeNext());
    }
    AttributePath path = AttributePath.parseOrNull(word);
    if (path == null) {
      throw fail("'%s' at position %d is not a valid attribute path.", clip(word), start);
    }
    if (relative && path.schemaUrn() != null) {
      throw fail(
          "'%s' at position %d has a schema URN, but paths inside brackets are relative to the"
              + " element.",
          clip(word), start);
    }
    return path;
  }

  /** Consumes {@code and} or {@code or} if it comes next; otherwise leaves the position alone. */
  private boolean keyword(String keyword) {
    int start = pos;
    skipSpace();
    if (peekWord().equalsIgnoreCase(keyword)) {
      pos += keyword.length();
      return true;
    }
    pos = start;
    return false;
  }

  /** An unquoted value: {@code true}, {@code false}, {@code null}, a JSON number, else a string. */
  private static JsonValue literal(String word) {
    if (word.equalsIgnoreCase("true")) {
      return JsonValue.TRUE;
    }
    if (word.equalsIgnoreCase("false")) {
      return JsonValue.FALSE;
    }
    if (word.equalsIgnoreCase("null")) {
      return JsonValue.NULL;
    }
    Matcher number = JSON_NUMBER.matcher(word);
    if (!number.matches()) {
      return JSON.createValue(word);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(word);
    } catch (NumberFormatException exponentOutOfRange) {
      return JSON.createValue(word);
    }
    boolean integer = number.group(1) == null && number.group(2) == null;
    if (!integer || value.precision() > 18) {
      return JSON.createValue(value);
    }
    // Integers as int or long, as a JSON parser would read them.
    long whole = value.longValueExact();
    return whole == (int) whole ? JSON.createValue((int) whole) : JSON.createValue(whole);
  }

  // Tokens

  /** A JSON string (RFC 8259 §7), with the position at the opening quote; returns it decoded. */
  private String quoted() {
    int open = pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return whole(out.toString(), open);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (atEnd()) {
        break;
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> throw fail("Invalid escape '\\%c' at position %d.", escaped, pos - 2);
      }
    }
    throw fail("Unterminated string: the '\"' at position %d has no closing quote.", open);
  }

  /**
   * A string literal that holds whole characters only: a lone surrogate escape ({@code "\\ud800"})
   * names no character, so no value can equal it; it is refused rather than read as something else.
   * U+0000, escaped as {@code \\u0000}, is refused as it is unescaped ({@link #limitLength}).
   */
  private String whole(String literal, int open) {
    int lone = Unicode.loneSurrogate(literal);
    if (lone >= 0) {
      throw ScimException.invalidValue(
          String.format(
              Locale.ROOT,
              "The string at position %d of the %s holds a lone surrogate (U+%04X), which is not a"
                  + " character; escape a character outside the Basic Multilingual Plane as a"
                  + " surrogate pair.",
              open,
              kind,
              (int) literal.charAt(lone)));
    }
    if (literal.indexOf(Unicode.NUL) >= 0) {
      throw fail(
          "The string at position %d of the %s holds U+0000, which Roster does not accept in any"
              + " value.",
          open, kind);
    }
    return literal;
  }

  /** The four hex digits after {@code \\u}. */
  private char unicodeEscape() {
    int start = pos - 2;
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit =
          atEnd() ? -1 : "0123456789abcdef".indexOf(Character.toLowerCase(text.charAt(pos)));
      if (digit < 0) {
        throw fail("Invalid escape at position %d: '\\u' takes four hex digits.", start);
      }
      code = code * 16 + digit;
      pos++;
    }
    return (char) code;
  }

  /** Reads up to whitespace or one of {@code stops}; may be empty. */
  private String word(String stops) {
    int start = pos;
    while (!atEnd() && !isSpace(text.charAt(pos)) && stops.indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String peekWord() {
    int start = pos;
    String word = word(PATH_END);
    pos = start;
    return word;
  }

  private void skipSpace() {
    while (!atEnd() && isSpace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private boolean at(char c) {
    return !atEnd() && text.charAt(pos) == c;
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private void enter(int open) {
    if (++depth > FilterLimits.MAX_DEPTH) {
      throw fail(
          "The %s nests more than %d levels of parentheses and brackets at position %d; the limit"
              + " is %d.",
          kind, FilterLimits.MAX_DEPTH, open, FilterLimits.MAX_DEPTH);
    }
  }

  /**
   * Refuses text over {@link FilterLimits#MAX_LENGTH}, and text with U+0000 ({@link Unicode#NUL}),
   * before reading any of it.
   */
  private void limitLength() {
    int nul = text.indexOf(Unicode.NUL);
    if (nul >= 0) {
      throw fail(
          "The %s holds U+0000 at position %d, which Roster does not accept in any value.",
          kind, nul);
    }
    int length = Unicode.length(text);
    if (length > FilterLimits.MAX_LENGTH) {
      throw fail(
          "The %s is %d characters long; the limit is %d characters.",
          kind, length, FilterLimits.MAX_LENGTH);
    }
  }

  // Error details quote the client's text, clipped so that a huge filter makes a short message.

  private String describeNext() {
    if (atEnd()) {
      return "the end of the " + kind;
    }
    char c = text.charAt(pos);
    if (PATH_END.indexOf(c) >= 0) {
      return "'" + c + "'";
    }
    int end = pos;
    while (end < text.length() && !isSpace(text.charAt(end))) {
      end++;
    }
    return quote(text.substring(pos, end));
  }

  private static String quote(String word) {
    return word.isEmpty() ? "nothing" : "'" + clip(word) + "'";
  }

  private static String clip(String word) {
    return word.length() <= 40 ? word : word.substring(0, 40) + "...";
  }

  private ScimException fail(String format, Object... args) {
    return error.apply(String.format(Locale.ROOT, format, args));
  }
}
