package dev.roster.scim.query;

import dev.roster.scim.JsonProviders;
import dev.roster.scim.ScimException;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A query on a resource endpoint (RFC 7644 §3.4.2): filter, sort, page and attribute selection,
 * from GET parameters or from a SearchRequest body (§3.4.3), which mean the same.
 *
 * <p>Paging follows §3.4.2.4: a {@code startIndex} below 1 is 1; a negative {@code count} is 0; a
 * {@code count} above the server's maximum, or none, is the maximum. A value that is not an integer
 * is a 400 {@code invalidValue}.
 *
 * @param filter the filter, or {@code null} for all resources
 * @param sortBy the attribute to sort by, or {@code null} for the stable default order
 * @param descending whether {@code sortOrder} is {@code descending}
 * @param startIndex the 1-based index of the first result
 * @param count how many results at most
 */
public record ListQuery(
    Filter filter,
    ResolvedPath sortBy,
    boolean descending,
    int startIndex,
    int count,
    AttributeSelection selection) {

  /**
   * The first resource whose attribute equals the value ({@code eq}, with the attribute's own case
   * rule): how the console finds who holds a name.
   */
  public static ListQuery firstWhere(String attribute, String value) {
    return new ListQuery(
        new Filter.Comparison(
            AttributePath.of(attribute), Operator.EQ, JsonProviders.JSON.createValue(value)),
        null,
        false,
        1,
        1,
        AttributeSelection.DEFAULT);
  }

  /** From query parameters; each may be {@code null}. */
  public static ListQuery of(
      ResourceType type,
      int maxResults,
      String filter,
      String sortBy,
      String sortOrder,
      String startIndex,
      String count,
      String attributes,
      String excludedAttributes) {
    return new ListQuery(
        filter == null ? null : Filter.parse(filter),
        sortBy(type, sortBy),
        descending(sortOrder),
        startIndex == null ? 1 : Math.max(1, integer("startIndex", startIndex)),
        count == null ? maxResults : Math.min(maxResults, Math.max(0, integer("count", count))),
        AttributeSelection.of(
            type,
            AttributeSelection.split(attributes),
            AttributeSelection.split(excludedAttributes)));
  }

  /**
   * From a SearchRequest body (RFC 7644 §3.4.3). Member names are matched without regard to case;
   * {@code attributes} may be an array or a comma-separated string.
   */
  public static ListQuery ofSearchRequest(ResourceType type, int maxResults, JsonObject body) {
    return of(
        type,
        maxResults,
        text(body, "filter"),
        text(body, "sortBy"),
        text(body, "sortOrder"),
        text(body, "startIndex"),
        text(body, "count"),
        names(body, "attributes"),
        names(body, "excludedAttributes"));
  }

  private static JsonValue member(JsonObject body, String name) {
    for (Map.Entry<String, JsonValue> entry : body.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String text(JsonObject body, String name) {
    JsonValue value = member(body, name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString();
    }
    if (value instanceof JsonNumber n) {
      return n.toString();
    }
    throw ScimException.invalidValue("'" + name + "' in the SearchRequest has the wrong type.");
  }

  private static String names(JsonObject body, String name) {
    JsonValue value = member(body, name);
    if (value instanceof JsonArray array) {
      List<String> names = new ArrayList<>();
      for (JsonValue element : array) {
        if (!(element instanceof JsonString s)) {
          throw ScimException.invalidValue("'" + name + "' must be a list of attribute names.");
        }
        names.add(s.getString());
      }
      return String.join(",", names);
    }
    return text(body, name);
  }

  private static int integer(String name, String text) {
    try {
      long value = Long.parseLong(text.trim());
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    } catch (NumberFormatException e) {
      throw ScimException.invalidValue("'" + name + "' must be an integer, not '" + text + "'.");
    }
  }

  private static boolean descending(String sortOrder) {
    if (sortOrder == null || sortOrder.isBlank()) {
      return false;
    }
    return switch (sortOrder.trim().toLowerCase(Locale.ROOT)) {
      case "ascending" -> false;
      case "descending" -> true;
      default ->
          throw ScimException.invalidValue(
              "'sortOrder' must be 'ascending' or 'descending', not '" + sortOrder + "'.");
    };
  }

  private static ResolvedPath sortBy(ResourceType type, String sortBy) {
    if (sortBy == null || sortBy.isBlank()) {
      return null;
    }
    AttributePath path = AttributePath.parseOrNull(sortBy.trim());
    ResolvedPath resolved =
        path == null ? null : type.resolve(path).filter(r -> !r.isWholeExtension()).orElse(null);
    if (resolved == null) {
      throw ScimException.invalidValue(
          "Cannot sort by '" + sortBy + "': there is no such attribute.");
    }
    Attribute target = resolved.target();
    if (target.type() == Attribute.Type.COMPLEX) {
      // a multi-valued complex attribute sorts by its value (RFC 7644 §3.4.2.3)
      Attribute value = target.subAttribute("value").orElse(null);
      if (value == null || resolved.subAttribute() != null) {
        throw ScimException.invalidValue(
            "Cannot sort by '" + sortBy + "': it is complex; sort by one of its sub-attributes.");
      }
      resolved =
          new ResolvedPath(resolved.schema(), resolved.attribute(), value, resolved.container());
    }
    if (target.returned() == Attribute.Returned.NEVER
        || resolved.target().type() == Attribute.Type.BINARY) {
      throw ScimException.invalidValue("Cannot sort by '" + sortBy + "'.");
    }
    return resolved;
  }

  /** The 0-based offset of the first result. */
  public int offset() {
    return startIndex - 1;
  }

  /**
   * Whether a page that found {@code found} results holds every match, so that {@code totalResults}
   * needs no COUNT query: it starts at the first match and is not full.
   */
  public boolean holdsAll(int found) {
    return offset() == 0 && found < count;
  }
}
