package dev.roster.users.control;

import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.AttributeValues;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.Schema;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user's document puts into the filter index: one entry per value, except the values that
 * have columns of their own ({@link #COLUMNS}) and binary values, which RFC 7644 does not filter.
 *
 * <p>The primary element of a multi-valued attribute is element 0, so that sorting by {@code
 * emails.value} can join element 0 and sort by the primary value, as RFC 7644 §3.4.2.3 asks.
 */
public final class UserIndex {

  /** Attributes stored in columns of {@code SCIM_USERS} rather than in the value index. */
  public static final Set<String> COLUMNS =
      Set.of("userName", "externalId", "displayName", "active");

  /** An index entry's position: attribute path and element. */
  public record Slot(String path, int element) {}

  private UserIndex() {}

  /** The entries of a canonical user, by slot. */
  public static Map<Slot, String> entriesOf(JsonObject user) {
    return entriesOf(ResourceType.USER, user);
  }

  /**
   * The entries of a canonical user of a tenant whose user type has extensions of its own: their
   * attributes are indexed as the enterprise extension's are, so filters on them use the index.
   */
  public static Map<Slot, String> entriesOf(ResourceType type, JsonObject user) {
    Map<Slot, String> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : user.entrySet()) {
      String name = entry.getKey();
      if (COLUMNS.contains(name)) {
        continue;
      }
      var extension = type.extension(name);
      if (extension.isPresent() && entry.getValue() instanceof JsonObject values) {
        Schema schema = extension.get();
        values.forEach(
            (attribute, value) ->
                schema
                    .attribute(attribute)
                    .ifPresent(a -> add(entries, schema.id() + ":", a, value)));
        continue;
      }
      type.schema().attribute(name).ifPresent(a -> add(entries, "", a, entry.getValue()));
    }
    return entries;
  }

  private static void add(
      Map<Slot, String> entries, String prefix, Attribute attribute, JsonValue value) {
    String path = prefix + attribute.name();
    if (attribute.type() != Attribute.Type.COMPLEX) {
      if (attribute.multiValued() && value instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          simple(entries, path, i, attribute, array.get(i));
        }
      } else {
        simple(entries, path, 0, attribute, value);
      }
      return;
    }
    List<JsonValue> elements = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.stream().filter(UserIndex::isPrimary).forEach(elements::add);
      array.stream().filter(e -> !isPrimary(e)).forEach(elements::add);
    } else {
      elements.add(value);
    }
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) instanceof JsonObject element) {
        for (Map.Entry<String, JsonValue> sub : element.entrySet()) {
          int index = i;
          attribute
              .subAttribute(sub.getKey())
              .ifPresent(s -> simple(entries, path + "." + s.name(), index, s, sub.getValue()));
        }
      }
    }
  }

  private static boolean isPrimary(JsonValue element) {
    return element instanceof JsonObject o && o.get("primary") == JsonValue.TRUE;
  }

  private static void simple(
      Map<Slot, String> entries, String path, int element, Attribute attribute, JsonValue value) {
    if (attribute.type() == Attribute.Type.BINARY
        || attribute.returned() == Attribute.Returned.NEVER) {
      return;
    }
    AttributeValues.key(attribute, value)
        .ifPresent(key -> entries.put(new Slot(path, element), key));
  }
}
