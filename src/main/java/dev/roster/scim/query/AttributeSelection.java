package dev.roster.scim.query;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.Attribute.Returned;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5, §3.9),
 * applied to a resource as it is about to be returned. {@code id} and {@code schemas} are always
 * returned ({@code returned: always}); attributes that are {@code returned: request} appear only
 * when asked for; {@code returned: never} ones never reach this class.
 *
 * <p>Names may be URN-qualified ({@code urn:…:enterprise:2.0:User:department}), may be a whole
 * extension's URN, and may name sub-attributes ({@code name.givenName}). A value filter in a name
 * ({@code emails[type eq "work"]}, which Microsoft's test collection sends) selects the whole
 * attribute. Names that match nothing are ignored, as the RFC does not make them an error.
 */
public final class AttributeSelection {

  /** Returns every attribute that is returned by default. */
  public static final AttributeSelection DEFAULT = new AttributeSelection(false, Map.of());

  /** Selected attributes: key "container|attribute" → null for the whole attribute, or subs. */
  private final Map<String, Set<String>> paths;

  private final boolean include;

  private AttributeSelection(boolean include, Map<String, Set<String>> paths) {
    this.include = include;
    this.paths = paths;
  }

  /**
   * The selection for the two parameters; when both are given, {@code attributes} wins.
   *
   * @param attributes comma-separated names, or {@code null}
   * @param excludedAttributes comma-separated names, or {@code null}
   */
  public static AttributeSelection of(
      ResourceType type, List<String> attributes, List<String> excludedAttributes) {
    if (attributes != null && !attributes.isEmpty()) {
      return new AttributeSelection(true, resolve(type, attributes));
    }
    if (excludedAttributes != null && !excludedAttributes.isEmpty()) {
      return new AttributeSelection(false, resolve(type, excludedAttributes));
    }
    return DEFAULT;
  }

  /** Splits a comma-separated parameter into names. */
  public static List<String> split(String parameter) {
    List<String> names = new ArrayList<>();
    if (parameter == null) {
      return names;
    }
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : parameter.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth = Math.max(0, depth - 1);
      }
      if (c == ',' && depth == 0) {
        names.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    names.add(current.toString().trim());
    names.removeIf(String::isEmpty);
    return names;
  }

  private static Map<String, Set<String>> resolve(ResourceType type, List<String> names) {
    Map<String, Set<String>> paths = new HashMap<>();
    for (String name : names) {
      Optional<ResolvedPath> resolved = resolveName(type, name);
      if (resolved.isEmpty()) {
        continue;
      }
      ResolvedPath path = resolved.get();
      String key = key(path.container(), path.attribute().name());
      if (path.subAttribute() == null) {
        paths.put(key, null);
      } else if (!paths.containsKey(key) || paths.get(key) != null) {
        paths.computeIfAbsent(key, k -> new HashSet<>()).add(lower(path.subAttribute().name()));
      }
    }
    return paths;
  }

  private static Optional<ResolvedPath> resolveName(ResourceType type, String name) {
    String plain = name;
    int bracket = name.indexOf('[');
    if (bracket >= 0) {
      int close = name.lastIndexOf(']');
      plain = name.substring(0, bracket) + (close > bracket ? name.substring(close + 1) : "");
    }
    Optional<ResolvedPath> extension =
        type.extension(plain)
            .map(ext -> new ResolvedPath(ext, ResourceType.wholeExtension(ext), null, null));
    if (extension.isPresent()) {
      return extension;
    }
    return Optional.ofNullable(AttributePath.parseOrNull(plain)).flatMap(type::resolve);
  }

  private static String key(String container, String attribute) {
    return lower(container == null ? "" : container) + "|" + lower(attribute);
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code attribute} of the top level would be left out entirely. */
  public boolean excludes(String attribute) {
    String key = key(null, attribute);
    return include ? !paths.containsKey(key) : paths.containsKey(key) && paths.get(key) == null;
  }

  /**
   * Whether {@link #apply} returns every resource of the type as it is: no attributes asked for or
   * left out, and no attribute of the core schema returned only on request.
   */
  public boolean keepsEverything(ResourceType type) {
    return !include && paths.isEmpty() && !anyReturnedOnRequest(type);
  }

  private static boolean anyReturnedOnRequest(ResourceType type) {
    return type.schema().attributes().stream().anyMatch(a -> a.returned() == Returned.REQUEST);
  }

  /** The resource with only the selected attributes. */
  public JsonObject apply(ResourceType type, JsonObject resource) {
    if (!include && paths.isEmpty()) {
      return withoutRequestOnly(type, resource);
    }
    JsonObjectBuilder out = JSON.createObjectBuilder();
    for (Map.Entry<String, JsonValue> entry : resource.entrySet()) {
      String name = entry.getKey();
      if (name.equals("schemas")) {
        out.add(name, entry.getValue());
        continue;
      }
      if (type.extension(name).isPresent() && entry.getValue() instanceof JsonObject ext) {
        JsonObject selected = selectExtension(type.extension(name).get().id(), ext, type, resource);
        if (!selected.isEmpty()) {
          out.add(name, selected);
        }
        continue;
      }
      Attribute attribute =
          type.resolve(AttributePath.of(name)).map(ResolvedPath::attribute).orElse(null);
      select(null, name, attribute, entry.getValue()).ifPresent(v -> out.add(name, v));
    }
    return out.build();
  }

  private JsonObject selectExtension(
      String urn, JsonObject ext, ResourceType type, JsonObject resource) {
    String wholeKey = key(null, urn);
    boolean whole = paths.containsKey(wholeKey);
    if (whole) {
      return include ? ext : JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonObjectBuilder out = JSON.createObjectBuilder();
    Optional<dev.roster.scim.schema.Schema> schema = type.extension(urn);
    for (Map.Entry<String, JsonValue> entry : ext.entrySet()) {
      Attribute attribute = schema.flatMap(s -> s.attribute(entry.getKey())).orElse(null);
      select(urn, entry.getKey(), attribute, entry.getValue())
          .ifPresent(v -> out.add(entry.getKey(), v));
    }
    return out.build();
  }

  private Optional<JsonValue> select(
      String container, String name, Attribute attribute, JsonValue value) {
    if (attribute != null && attribute.returned() == Returned.ALWAYS) {
      return Optional.of(value);
    }
    String key = key(container, name);
    boolean listed = paths.containsKey(key);
    Set<String> subs = listed ? paths.get(key) : null;
    if (include) {
      if (!listed) {
        return Optional.empty();
      }
      return subs == null ? Optional.of(value) : keepSubs(value, subs, true);
    }
    if (attribute != null && attribute.returned() == Returned.REQUEST) {
      return Optional.empty();
    }
    if (!listed) {
      return Optional.of(value);
    }
    return subs == null ? Optional.empty() : keepSubs(value, subs, false);
  }

  private static Optional<JsonValue> keepSubs(JsonValue value, Set<String> subs, boolean keep) {
    if (value instanceof JsonArray array) {
      var builder = JSON.createArrayBuilder();
      int count = 0;
      for (JsonValue element : array) {
        Optional<JsonValue> selected = keepSubs(element, subs, keep);
        if (selected.isPresent()) {
          builder.add(selected.get());
          count++;
        }
      }
      return count == 0 ? Optional.empty() : Optional.of(builder.build());
    }
    if (!(value instanceof JsonObject object)) {
      return keep ? Optional.empty() : Optional.of(value);
    }
    JsonObjectBuilder out = JSON.createObjectBuilder();
    int count = 0;
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      if (subs.contains(lower(entry.getKey())) == keep) {
        out.add(entry.getKey(), entry.getValue());
        count++;
      }
    }
    return count == 0 ? Optional.empty() : Optional.of(out.build());
  }

  private static JsonObject withoutRequestOnly(ResourceType type, JsonObject resource) {
    if (!anyReturnedOnRequest(type)) {
      return resource;
    }
    JsonObjectBuilder out = JSON.createObjectBuilder();
    resource.forEach(
        (name, value) -> {
          boolean requestOnly =
              type.schema()
                  .attribute(name)
                  .map(a -> a.returned() == Returned.REQUEST)
                  .orElse(false);
          if (!requestOnly) {
            out.add(name, value);
          }
        });
    return out.build();
  }
}
