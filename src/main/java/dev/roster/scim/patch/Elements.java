package dev.roster.scim.patch;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.AttributeValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Values of complex and multi-valued attributes as the edits read and write them: JSON objects as
 * ordered maps, arrays as lists, and the rules for when two elements are the same, when an element
 * is left with nothing, and which element is primary.
 */
final class Elements {

  /**
   * Sub-attributes that only describe an element; an element that a removal leaves with only these
   * is dropped.
   */
  private static final Set<String> LABELS = Set.of("type", "primary", "display");

  private Elements() {}

  /**
   * The index of the element that {@code element} is another copy of, or -1. Elements are the same
   * when they are equal, or when their {@code value}s are equal (by the sub-attribute's caseExact)
   * and their {@code type}s do not differ: a member given as {@code {"value": id}} is the member
   * stored with its {@code display} (G1, "duplicates are no-ops"), and an email given without
   * {@code primary} is the stored primary one. The same address as {@code work} and as {@code home}
   * are two values. RFC 7644 §3.5.2.1 says only that a value already there is not added again.
   */
  static int indexOfSame(Attribute attribute, List<JsonValue> elements, JsonValue element) {
    Attribute valueSub = attribute.subAttribute("value").orElse(null);
    Attribute typeSub = attribute.subAttribute("type").orElse(null);
    for (int i = 0; i < elements.size(); i++) {
      JsonValue existing = elements.get(i);
      if (existing.equals(element)) {
        return i;
      }
      if (valueSub != null
          && existing instanceof JsonObject old
          && element instanceof JsonObject given
          && sameKey(valueSub, old.get("value"), given.get("value"))
          && (typeSub == null
              || !old.containsKey("type")
              || !given.containsKey("type")
              || sameKey(typeSub, old.get("type"), given.get("type")))) {
        return i;
      }
    }
    return -1;
  }

  /** Whether two values of the attribute are equal, by its caseExact. */
  static boolean sameKey(Attribute attribute, JsonValue a, JsonValue b) {
    if (a == null || b == null) {
      return false;
    }
    Optional<String> ka = AttributeValues.key(attribute, a);
    return ka.isPresent() && ka.equals(AttributeValues.key(attribute, b));
  }

  /**
   * An element with a sub-attribute set or removed, or {@code null} when a removal leaves nothing
   * but labels. Only a removal drops the element: Entra's validator adds {@code roles[primary eq
   * "True"].display} and {@code .type} before {@code .value}, and the element being built is all
   * labels until the value arrives.
   */
  static JsonValue edited(JsonValue element, String sub, Optional<JsonValue> value) {
    Map<String, JsonValue> object = object(element);
    setOrRemove(object, sub, value);
    if (value.isEmpty() && object.keySet().stream().allMatch(LABELS::contains)) {
      return null;
    }
    return toObject(object);
  }

  /** After primary values were added or changed, no other value stays primary (§3.5.2). */
  static List<JsonValue> demoteOtherPrimaries(List<JsonValue> elements, List<JsonValue> touched) {
    boolean newPrimary =
        touched.stream()
            .anyMatch(e -> e instanceof JsonObject o && o.get("primary") == JsonValue.TRUE);
    if (!newPrimary) {
      return elements;
    }
    JsonValue keep =
        touched.stream()
            .filter(e -> e instanceof JsonObject o && o.get("primary") == JsonValue.TRUE)
            .reduce((a, b) -> b)
            .orElseThrow();
    List<JsonValue> result = new ArrayList<>();
    boolean kept = false;
    for (JsonValue element : elements) {
      if (element instanceof JsonObject o
          && o.get("primary") == JsonValue.TRUE
          && (kept || !element.equals(keep))) {
        Map<String, JsonValue> demoted = object(o);
        demoted.put("primary", JsonValue.FALSE);
        result.add(toObject(demoted));
      } else {
        if (element.equals(keep)) {
          kept = true;
        }
        result.add(element);
      }
    }
    return result;
  }

  static void setOrRemove(Map<String, JsonValue> object, String name, Optional<JsonValue> value) {
    if (value.isPresent()) {
      object.put(name, value.get());
    } else {
      object.remove(name);
    }
  }

  static Map<String, JsonValue> object(JsonValue value) {
    return value instanceof JsonObject o ? new LinkedHashMap<>(o) : new LinkedHashMap<>();
  }

  static JsonObject toObject(Map<String, JsonValue> map) {
    JsonObjectBuilder builder = JSON.createObjectBuilder();
    map.forEach(builder::add);
    return builder.build();
  }

  static List<JsonValue> elements(Map<String, JsonValue> container, String name) {
    JsonValue value = container.get(name);
    return value instanceof JsonArray array ? new ArrayList<>(array) : new ArrayList<>();
  }

  static void putElements(Map<String, JsonValue> container, String name, List<JsonValue> elements) {
    if (elements.isEmpty()) {
      container.remove(name);
    } else {
      container.put(name, JSON.createArrayBuilder(elements).build());
    }
  }

  static void putObject(
      Map<String, JsonValue> container, String name, Map<String, JsonValue> object) {
    if (object.isEmpty()) {
      container.remove(name);
    } else {
      container.put(name, toObject(object));
    }
  }
}
