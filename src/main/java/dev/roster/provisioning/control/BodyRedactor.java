package dev.roster.provisioning.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.JsonBodies;
import dev.roster.scim.JsonText;
import dev.roster.scim.patch.PatchEngine;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a request body fit to store: secrets replaced by {@value #REDACTED}, and the text cut to a
 * maximum length.
 *
 * <p>In JSON, a secret is the value of a member named {@code password}, {@code secret}, {@code
 * token} and the like (in any case, also URN-qualified, with spaces around it), wherever it stands,
 * and the {@code value} of a PATCH operation whose {@code path} ends in such a name. Paths and
 * names are also read exactly as the PATCH engine reads them ({@link
 * PatchEngine#namesNeverReturned}): whatever the engine would apply to an attribute that is never
 * returned, the log redacts. A body that is not valid JSON cannot be read that precisely, so when
 * it mentions such a name at all, every value in it is redacted and only its member names and
 * punctuation remain: enough to see why it was malformed. {@code password=...} fields of
 * form-encoded text, and the values of filter comparisons on such a name ({@code password eq "x"},
 * in a query string or a SearchRequest), are redacted too.
 */
public final class BodyRedactor {

  public static final String REDACTED = "[REDACTED]";

  private static final Set<String> SECRET_NAMES =
      Set.of(
          "password",
          "secret",
          "token",
          "accesstoken",
          "refreshtoken",
          "clientsecret",
          "apikey",
          "bearer");

  private static final String NAMES =
      "password|secret|token|access_?token|refresh_?token|client_?secret|api_?key|bearer";

  /**
   * A secret name as a word, as in {@code "urn:...:password"}, {@code "password "} or {@code
   * "password[value eq \"x\"]"}, also right after an escape such as {@code \t}. No pattern here
   * repeats a group: Java's regular expressions recurse once per repetition of a group, and ran out
   * of stack on a long body.
   */
  private static final Pattern SECRET_WORD =
      Pattern.compile(
          "(?:(?<![A-Za-z0-9_])|(?<=\\\\[bfnrt])|(?<=\\\\u[0-9A-Fa-f]{4}))"
              + "(?:"
              + NAMES
              + ")(?![A-Za-z0-9_])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** {@code password=...} in a form-encoded or otherwise textual body. */
  private static final Pattern FORM_FIELD =
      Pattern.compile(
          "((?:^|[&?\\s])(?:" + NAMES + ")=)[^&\\s]*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * The start of a filter comparison on a secret ({@code password eq }, also URN-qualified), in a
   * query string or a SearchRequest: Roster refuses such filters, but the log keeps what was asked.
   * The value after it is found by {@link #endOfValue}.
   */
  private static final Pattern SECRET_COMPARISON =
      Pattern.compile(
          "(?<![A-Za-z0-9_])(?:" + NAMES + ")\\s+(?:eq|ne|co|sw|ew|gt|ge|lt|le)\\s+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Each secret name above contains one of these. */
  private static final List<String> NAME_CORES =
      List.of("password", "secret", "token", "key", "bearer");

  private BodyRedactor() {}

  /**
   * Whether the text may name a secret at all, before any pattern runs: the patterns, with their
   * look-behinds and case-insensitive alternatives tried at every position, took 40% of the log
   * writer's time on lookups, whose query strings name no secret (docs/benchmark.md). Text with a
   * character beyond ASCII always goes to the patterns: their case-insensitive Unicode matching
   * takes {@code ſ} for s, the Kelvin sign for k, {@code ı} and {@code İ} for i.
   */
  static boolean mayNameASecret(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return true;
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String core : NAME_CORES) {
      if (lower.contains(core)) {
        return true;
      }
    }
    return false;
  }

  /** The body as text, redacted, and cut to at most {@code maxChars} plus a short marker. */
  public static String redact(byte[] body, int maxChars) {
    return redact(body, null, maxChars);
  }

  /**
   * The same, for a body that may have been parsed already.
   *
   * @param parsed the body as {@link JsonBodies} parsed it for the request, or null to parse it
   *     here: a request parses its body once
   */
  public static String redact(byte[] body, JsonValue parsed, int maxChars) {
    String text = new String(body, StandardCharsets.UTF_8);
    String redacted;
    try {
      JsonValue json = parsed != null ? parsed : JsonBodies.parseValue(new StringReader(text));
      redacted = redact(json).toString();
    } catch (RuntimeException e) {
      // not JSON, or JSON too odd to walk: the text rules never fail
      redacted = redactText(text);
    }
    return cap(redacted, maxChars);
  }

  /** Redaction of text that is not JSON: a malformed body, or a query string. */
  public static String redactText(String text) {
    return mayNameASecret(text) ? redactTextFully(text) : text;
  }

  /** {@link #redactText} without its quick check: for the test that the check skips nothing. */
  static String redactTextFully(String text) {
    String result = FORM_FIELD.matcher(text).replaceAll("$1" + REDACTED);
    result = redactComparisons(result);
    return quotesASecretName(result) ? redactJsonValues(result) : result;
  }

  static String cap(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, maxChars) + "…[truncated; " + text.length() + " characters in all]";
  }

  private static JsonValue redact(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> redactObject(value.asJsonObject());
      case ARRAY -> {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        value.asJsonArray().forEach(element -> array.add(redact(element)));
        yield array.build();
      }
      case STRING -> {
        String text = ((JsonString) value).getString();
        String redacted = redactComparisons(text);
        yield redacted.equals(text) ? value : JSON.createValue(redacted);
      }
      default -> value;
    };
  }

  /** The text with the value of every filter comparison on a secret redacted. */
  private static String redactComparisons(String text) {
    if (!mayNameASecret(text)) {
      return text;
    }
    Matcher comparison = SECRET_COMPARISON.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (comparison.find()) {
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      int value = comparison.end();
      out.append(text, copied, value).append('"').append(REDACTED).append('"');
      copied = endOfValue(text, value);
      comparison.region(copied, text.length());
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** The index after a filter value: a quoted string, or a word up to a space, ')' or ']'. */
  private static int endOfValue(String text, int start) {
    if (start < text.length() && text.charAt(start) == '"') {
      return endOfString(text, start);
    }
    int end = start;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      char c = text.charAt(end);
      if (c == ')' || c == ']') {
        break;
      }
      end++;
    }
    return end;
  }

  /** Whether some quoted string of the text holds a secret name as a word. */
  private static boolean quotesASecretName(String text) {
    Matcher word = SECRET_WORD.matcher(text);
    for (int open = text.indexOf('"'); open >= 0; ) {
      int end = endOfString(text, open);
      int contentEnd = end > open + 1 && text.charAt(end - 1) == '"' ? end - 1 : end;
      if (word.region(open + 1, Math.max(open + 1, contentEnd)).find()) {
        return true;
      }
      open = end < text.length() ? text.indexOf('"', end) : -1;
    }
    return false;
  }

  private static JsonObject redactObject(JsonObject object) {
    boolean secretPath =
        object.entrySet().stream()
            .anyMatch(
                member ->
                    member.getKey().equalsIgnoreCase("path")
                        && member.getValue() instanceof JsonString path
                        && isSecret(path.getString()));
    JsonObjectBuilder copy = JSON.createObjectBuilder();
    object.forEach(
        (name, member) -> {
          boolean secret = isSecret(name) || (secretPath && name.equalsIgnoreCase("value"));
          copy.add(name, secret ? JSON.createValue(REDACTED) : redact(member));
        });
    return copy.build();
  }

  /**
   * Whether a member name or PATCH path names a secret: one of the names above, or what the PATCH
   * engine would apply to an attribute that is never returned.
   */
  private static boolean isSecret(String nameOrPath) {
    return isSecretName(lastName(nameOrPath)) || PatchEngine.namesNeverReturned(nameOrPath);
  }

  /**
   * Every string that is not a member name, and every number, becomes {@value #REDACTED}; an
   * unterminated string at the end as well. Works on any text, however broken.
   */
  private static String redactJsonValues(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        int end = endOfString(text, i);
        boolean memberName = end < text.length() && nextNonSpace(text, end) == ':';
        out.append(memberName ? text.substring(i, end) : "\"" + REDACTED + "\"");
        i = end;
      } else if (c == '-' || Character.isDigit(c)) {
        int end = i + 1;
        while (end < text.length() && "0123456789.eE+-".indexOf(text.charAt(end)) >= 0) {
          end++;
        }
        out.append('"').append(REDACTED).append('"');
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index after the string's closing quote, or the text's length if it is unterminated. */
  private static int endOfString(String text, int openingQuote) {
    int closingQuote = JsonText.endOfString(text, openingQuote);
    return closingQuote < 0 ? text.length() : closingQuote + 1;
  }

  private static char nextNonSpace(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  /**
   * The attribute a name or PATCH path ends in: {@code urn:...:User:password} gives password, and
   * so does {@code " password "}, since the PATCH engine trims paths.
   */
  private static String lastName(String nameOrPath) {
    StringBuilder outside = new StringBuilder(nameOrPath.length());
    int depth = 0; // brackets are skipped in one pass: a pattern took quadratic time on "[[[["
    for (int i = 0; i < nameOrPath.length(); i++) {
      char c = nameOrPath.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && depth > 0) {
        depth--;
      } else if (depth == 0) {
        outside.append(c);
      }
    }
    String name = outside.toString().trim();
    int cut = Math.max(name.lastIndexOf(':'), name.lastIndexOf('.'));
    return name.substring(cut + 1);
  }

  private static boolean isSecretName(String name) {
    return SECRET_NAMES.contains(PatchEngine.foldCase(name).replace("_", ""));
  }
}
