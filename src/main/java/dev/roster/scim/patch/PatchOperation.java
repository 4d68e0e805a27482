package dev.roster.scim.patch;

import dev.roster.scim.ScimException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operation of a PATCH request (RFC 7644 §3.5.2).
 *
 * @param op the operation
 * @param path the path as sent, or {@code null} when the operation has none
 * @param value the value, or {@code null} when the operation has none
 */
public record PatchOperation(Op op, String path, JsonValue value) {

  /** How much of a path an error message repeats. */
  private static final int MAX_SHOWN = 100;

  /** The three operations; clients write them in any case ({@code Add}, {@code replace}). */
  public enum Op {
    ADD,
    REPLACE,
    REMOVE
  }

  /**
   * The operations of a PatchOp message, in order. {@code Operations} may be empty (a no-op, as
   * Microsoft's validator sends). Members other than {@code op}, {@code path} and {@code value} are
   * ignored: Microsoft's test collection adds {@code name}.
   *
   * @throws ScimException invalidSyntax when the message has no operation list or an operation is
   *     not an object with a known {@code op}
   */
  public static List<PatchOperation> listOf(JsonObject body) {
    JsonValue operations = member(body, "Operations");
    if (!(operations instanceof JsonArray array)) {
      throw ScimException.invalidSyntax(
          "A PATCH request needs an 'Operations' array (RFC 7644 §3.5.2).");
    }
    List<PatchOperation> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonObject operation)) {
        throw ScimException.invalidSyntax("Operation " + (i + 1) + " is not a JSON object.");
      }
      result.add(of(operation, i + 1));
    }
    return result;
  }

  private static PatchOperation of(JsonObject operation, int number) {
    JsonValue op = member(operation, "op");
    if (!(op instanceof JsonString opName)) {
      throw ScimException.invalidSyntax(
          "Operation " + number + " needs an 'op' of add, replace or remove.");
    }
    Op kind;
    try {
      kind = Op.valueOf(opName.getString().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ScimException.invalidSyntax(
          "Operation "
              + number
              + " has op '"
              + opName.getString()
              + "'; it must be add, replace or remove.");
    }
    JsonValue path = member(operation, "path");
    String pathText = null;
    if (path instanceof JsonString p) {
      pathText = pathText(p.getString());
    } else if (path != null && path.getValueType() != JsonValue.ValueType.NULL) {
      throw ScimException.invalidPath(
          "Operation " + number + " has a 'path' that is not a string.");
    }
    return new PatchOperation(kind, pathText, member(operation, "value"));
  }

  /**
   * The path as the engine reads it: without the spaces and control characters around it (clients
   * send {@code "password "}), or {@code null} when nothing is left. The provisioning log reads
   * paths the same way (see {@link PatchEngine#namesNeverReturned}).
   */
  static String pathText(String sent) {
    String trimmed = sent.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** A member by name, ignoring case, as attribute names are (RFC 7643 §2.1). */
  static JsonValue member(JsonObject object, String name) {
    JsonValue exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /**
   * The operation as an error message names it: {@code add 'members'}, {@code replace without a
   * path}. A long path is cut, so that the message stays short.
   */
  public String describe() {
    return op.name().toLowerCase(Locale.ROOT)
        + (path == null ? " without a path" : " '" + clip(path) + "'");
  }

  private static String clip(String text) {
    return text.codePointCount(0, text.length()) <= MAX_SHOWN
        ? text
        : text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN)) + "…";
  }

  /** The error of the operation numbered {@code number} (from 1), saying which operation failed. */
  public ScimException failed(int number, ScimException error) {
    return new ScimException(
        error.status(),
        error.scimType().orElse(null),
        "Operation " + number + " (" + describe() + "): " + error.detail());
  }

  /** Whether the operation carries a value that is not null. */
  public boolean hasValue() {
    return value != null && value.getValueType() != JsonValue.ValueType.NULL;
  }
}
