package dev.roster.scim;

import dev.roster.scim.patch.GroupPatch;
import dev.roster.scim.patch.MemberChange;
import dev.roster.scim.patch.PatchOperation;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What a SCIM request did, in the words the provisioning log shows beside whom it was about: {@code
 * create}, {@code deactivate}, {@code add members} rather than a method and a path. The stores name
 * the action of a write they carried out (they know whether {@code active} flipped); for a request
 * that failed before, {@link #of} works it out from the request as sent.
 *
 * <p>{@value #TEST_CONNECTION} is a request shaped like an identity provider's connection test:
 * Entra ID's filter for a random GUID (its Test Connection, and the probes at the start of each
 * cycle), or Okta's {@code GET /Users?startIndex=1&count=2} (its "Test API Credentials").
 */
public final class LogActions {

  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String DEACTIVATE = "deactivate";
  public static final String REACTIVATE = "reactivate";
  public static final String DELETE = "delete";
  public static final String ADD_MEMBERS = "add members";
  public static final String REMOVE_MEMBERS = "remove members";
  public static final String LOOKUP = "lookup";
  public static final String LIST = "list";
  public static final String READ = "read";
  public static final String TEST_CONNECTION = "test connection";
  public static final String DISCOVERY = "discovery";

  /** Every action, in the order the log's filter offers them. */
  public static final List<String> ALL =
      List.of(
          CREATE,
          UPDATE,
          DEACTIVATE,
          REACTIVATE,
          DELETE,
          ADD_MEMBERS,
          REMOVE_MEMBERS,
          LOOKUP,
          LIST,
          READ,
          TEST_CONNECTION,
          DISCOVERY);

  /** The writes among them: what changes a directory. */
  public static final List<String> WRITES =
      List.of(CREATE, UPDATE, DEACTIVATE, REACTIVATE, DELETE, ADD_MEMBERS, REMOVE_MEMBERS);

  /** Whether the action changes a directory; false for null. */
  public static boolean isWrite(String action) {
    return action != null && WRITES.contains(action);
  }

  /**
   * Only filters up to this many characters are read for a name: a longer one names nobody a log
   * reader would look for.
   */
  static final int LONGEST_NAMING_FILTER = 1024;

  private LogActions() {}

  /** A user's PUT or PATCH, by its {@code active} before and after. */
  public static String ofUserChange(boolean wasActive, boolean isActive) {
    if (wasActive == isActive) {
      return UPDATE;
    }
    return isActive ? REACTIVATE : DEACTIVATE;
  }

  /** A group's PATCH: only adds, only removals, or anything else. */
  public static String ofGroupPatch(GroupPatch plan) {
    if (!plan.attributeOperations().isEmpty() || plan.memberChanges().isEmpty()) {
      return UPDATE;
    }
    boolean adds = plan.memberChanges().stream().allMatch(c -> c instanceof MemberChange.Add);
    boolean removals =
        plan.memberChanges().stream()
            .allMatch(
                c ->
                    c instanceof MemberChange.Remove
                        || c instanceof MemberChange.RemoveAll
                        || c instanceof MemberChange.RemoveMatching);
    return adds ? ADD_MEMBERS : removals ? REMOVE_MEMBERS : UPDATE;
  }

  /**
   * The action of a request as sent, for one no store has named: a failed write, a read, a lookup.
   *
   * @param resourceType {@code User}, {@code Group}, a discovery type, or null
   * @param resourceId the id in the path, or null
   * @param filter the {@code filter} query parameter, or null
   * @param count the {@code count} query parameter, or null
   * @param body the parsed body, or null
   * @return the action, or null for a request about nothing the log can name
   */
  public static String of(
      String method,
      String resourceType,
      String resourceId,
      boolean search,
      String filter,
      String count,
      JsonObject body) {
    if (resourceType == null) {
      return null;
    }
    if (!"User".equals(resourceType) && !"Group".equals(resourceType)) {
      return DISCOVERY;
    }
    String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (search || ("GET".equals(verb) && resourceId == null)) {
      return ofQuery(filter, count);
    }
    return switch (verb) {
      case "GET", "HEAD" -> READ;
      case "POST" -> CREATE;
      case "DELETE" -> DELETE;
      case "PUT" -> resourceId == null ? null : UPDATE;
      case "PATCH" -> resourceId == null ? null : ofPatchAsSent(resourceType, body);
      default -> null;
    };
  }

  private static String ofQuery(String filter, String count) {
    if (filter == null || filter.isBlank()) {
      return "2".equals(count) ? TEST_CONNECTION : LIST;
    }
    String value = equalityValue(filter);
    return value != null && isGuid(value) ? TEST_CONNECTION : LOOKUP;
  }

  /** A PATCH the store did not carry out: its operations as sent, read without failing. */
  private static String ofPatchAsSent(String resourceType, JsonObject body) {
    if (body == null || !(body.get("Operations") instanceof JsonArray operations)) {
      return UPDATE;
    }
    if ("Group".equals(resourceType)) {
      try {
        return ofGroupPatch(GroupPatch.of(PatchOperation.listOf(body)));
      } catch (ScimException e) {
        return UPDATE;
      }
    }
    Boolean active = null;
    for (JsonValue operation : operations) {
      if (operation instanceof JsonObject op) {
        JsonValue value = op.get("value");
        String path = op.get("path") instanceof JsonString p ? p.getString() : null;
        if (path != null && path.equalsIgnoreCase("active")) {
          active = truth(value);
        } else if (path == null && value instanceof JsonObject values) {
          for (String name : values.keySet()) {
            if (name.equalsIgnoreCase("active")) {
              active = truth(values.get(name));
            }
          }
        }
      }
    }
    return active == null ? UPDATE : active ? REACTIVATE : DEACTIVATE;
  }

  private static Boolean truth(JsonValue value) {
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    if (value instanceof JsonString s) {
      String text = s.getString().trim();
      return text.equalsIgnoreCase("true")
          ? Boolean.TRUE
          : text.equalsIgnoreCase("false") ? false : null;
    }
    return null;
  }

  /**
   * Whom a request as sent was about, for one no store has named: the {@code userName} or {@code
   * displayName} of its body, or the value of an equality filter ({@code userName eq "bjensen"}),
   * but not a test's random GUID. Null when it names nobody.
   */
  public static String subjectOf(String resourceType, String filter, JsonObject body) {
    String attribute = "Group".equals(resourceType) ? "displayName" : "userName";
    if (body != null && body.get(attribute) instanceof JsonString name) {
      return name.getString();
    }
    if (body != null) {
      for (String key : body.keySet()) {
        if (key.equalsIgnoreCase(attribute) && body.get(key) instanceof JsonString name) {
          return name.getString();
        }
      }
    }
    String value = equalityValue(filter);
    return value == null || isGuid(value) ? null : unescaped(value);
  }

  /**
   * The quoted value of a filter {@code attribute eq "value"} as sent, its escapes kept; null for
   * any other filter, and for one longer than {@link #LONGEST_NAMING_FILTER}. The attribute starts
   * with a letter and holds letters, digits and {@code _ . : [ ] -}; {@code eq} is in any case;
   * whitespace (space, tab, line breaks, form feed) surrounds it and may surround the whole; a
   * backslash in the value escapes the character after it, which must not be a line break.
   *
   * <p>Read by hand, once through: this runs for every lookup the log records, where a regular
   * expression cost more than the rest of the record (docs/benchmark.md).
   */
  static String equalityValue(String filter) {
    if (filter == null || filter.length() > LONGEST_NAMING_FILTER) {
      return null;
    }
    int n = filter.length();
    int i = skipSpaces(filter, 0);
    if (i == n || !isAsciiLetter(filter.charAt(i))) {
      return null;
    }
    i++;
    while (i < n && isAttributeCharacter(filter.charAt(i))) {
      i++;
    }
    int operator = skipSpaces(filter, i);
    if (operator == i
        || operator + 2 > n
        || (filter.charAt(operator) | 0x20) != 'e'
        || (filter.charAt(operator + 1) | 0x20) != 'q') {
      return null;
    }
    int quote = skipSpaces(filter, operator + 2);
    if (quote == operator + 2 || quote == n || filter.charAt(quote) != '"') {
      return null;
    }
    int end = quote + 1;
    while (end < n && filter.charAt(end) != '"') {
      if (filter.charAt(end) == '\\') {
        if (end + 1 == n || isLineBreak(filter.charAt(end + 1))) {
          return null;
        }
        end++;
      }
      end++;
    }
    if (end == n || skipSpaces(filter, end + 1) != n) {
      return null;
    }
    return filter.substring(quote + 1, end);
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A regular expression's {@code \s}: space, tab, line feed, vertical tab, form feed, return. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAttributeCharacter(char c) {
    return isAsciiLetter(c)
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == ':'
        || c == '['
        || c == ']'
        || c == '-';
  }

  /** The line terminators after which a backslash escapes nothing. */
  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Whether the value is a GUID such as {@code 8f1a5b2e-53b4-4bd8-8c3c-2d57f2b5f4a1}, any case. */
  static boolean isGuid(String value) {
    if (value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean ok =
          i == 8 || i == 13 || i == 18 || i == 23
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The value without its escapes: {@code nancy\"s} is {@code nancy"s}. */
  private static String unescaped(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder text = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        c = value.charAt(++i);
      }
      text.append(c);
    }
    return text.toString();
  }
}
