package dev.roster.scim.schema;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.JsonBodies;
import dev.roster.scim.ScimException;
import dev.roster.scim.Unicode;
import dev.roster.scim.schema.Attribute.Mutability;
import dev.roster.scim.schema.Attribute.Type;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a resource as a client sent it (POST, PUT, or the result of a PATCH) into its canonical
 * form: only the attributes a client may write, in the schema's spelling, with values of the right
 * type. It is lenient where Entra ID and Okta need it and strict where a value would be wrong:
 *
 * <ul>
 *   <li>Attribute names match without regard to case (RFC 7643 §2.1); the output uses the schema's.
 *   <li>Unknown attributes, unknown schema URIs, {@code schemas}, {@code id}, {@code meta} and
 *       other read-only attributes are ignored, as are nulls, empty strings (of any type, booleans
 *       included) and empty arrays (RFC 7643 §2.5: unassigned). Entra ID clears values with {@code
 *       ""}.
 *   <li>Booleans may be the strings {@code "True"}/{@code "False"} in any case.
 *   <li>A multi-valued attribute given one value is a list of one. A complex attribute given a
 *       string is {@code {"value": string}}, and given an array of one is that element: Entra ID
 *       sends {@code manager} all three ways.
 *   <li>A value of the wrong type, a string longer than {@value #MAX_STRING_LENGTH} characters or
 *       {@value #MAX_STRING_BYTES} bytes of UTF-8, two primary values, or a missing required
 *       attribute is a 400 {@code invalidValue} that names the attribute.
 * </ul>
 *
 * String values are kept exactly as sent.
 */
public final class ResourceValidator {

  /**
   * The longest string value Roster stores, in characters (Unicode code points, as the README
   * counts them); longer values could not be indexed everywhere.
   */
  public static final int MAX_STRING_LENGTH = 2048;

  /**
   * The most bytes a string value takes in UTF-8, and its lower-case form too, which is what Roster
   * compares and indexes for attributes that ignore case. Every stored string is indexed, and a
   * PostgreSQL B-tree entry holds at most 2,704 bytes, the tenant id (up to 64) and the attribute's
   * path (up to 200) included; 2,400 leaves room for both and for the entry's headers, whatever the
   * value. So the same value is accepted or refused on H2 and on PostgreSQL: 2,048 characters of
   * ASCII fit, 1,200 of Latin with accents, Greek or Cyrillic, 800 of Chinese or Japanese, 600
   * emoji.
   */
  public static final int MAX_STRING_BYTES = 2400;

  /**
   * Lower-casing makes at most three bytes of two (U+0130 becomes i and U+0307), so a value of up
   * to this many bytes has a lower-case form within {@link #MAX_STRING_BYTES}.
   */
  private static final int LOWER_CASE_SURELY_FITS = MAX_STRING_BYTES * 2 / 3;

  /**
   * The columns that hold such a string or its comparison key, in UTF-16 units, which H2 counts: a
   * character takes two when it is outside the Basic Multilingual Plane (an emoji), and
   * lower-casing makes two of one (U+0130 becomes i and U+0307).
   */
  public static final int MAX_STORED_LENGTH = 2 * MAX_STRING_LENGTH;

  private final ResourceType type;

  public ResourceValidator(ResourceType type) {
    this.type = type;
  }

  /** The canonical, writable part of a resource, with required attributes checked. */
  public JsonObject validate(JsonObject input) {
    return validate(input, dropped -> {});
  }

  /**
   * As {@link #validate(JsonObject)}, telling {@code dropped} the name of each attribute no schema
   * of the type defines ({@code nickName2}, {@code urn:…:acme:2.0:User:costCentre}): it is ignored,
   * and the provisioning log says so (docs/custom-attributes.md). Members every resource may carry
   * ({@code schemas}, {@code id}, {@code meta}) and read-only attributes are not dropped data.
   */
  public JsonObject validate(JsonObject input, Consumer<String> dropped) {
    Map<String, JsonValue> core = new LinkedHashMap<>();
    Map<String, Map<String, JsonValue>> extensions = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : input.entrySet()) {
      String key = entry.getKey();
      Optional<Schema> extension = type.extension(key);
      if (extension.isPresent()) {
        readExtension(extension.get(), entry.getValue(), extensions, dropped);
        continue;
      }
      Optional<ResolvedPath> resolved =
          type.resolve(new dev.roster.scim.filter.AttributePath(null, key, null))
              .filter(r -> r.container() == null);
      if (resolved.isEmpty()) {
        unknown(key, entry.getValue(), dropped);
        continue;
      }
      if (!writable(resolved.get().attribute())) {
        continue;
      }
      Attribute attribute = resolved.get().attribute();
      value(attribute, entry.getValue(), attribute.name())
          .ifPresentOrElse(v -> core.put(attribute.name(), v), () -> core.remove(attribute.name()));
    }
    requireAll(type.schema(), core, "");
    JsonObjectBuilder out = JSON.createObjectBuilder();
    core.forEach(out::add);
    extensions.forEach(
        (urn, attributes) -> {
          if (!attributes.isEmpty()) {
            JsonObjectBuilder ext = JSON.createObjectBuilder();
            attributes.forEach(ext::add);
            out.add(urn, ext);
          }
        });
    return out.build();
  }

  /** Members that are not attributes of any resource, and so not data a client loses. */
  private static final java.util.Set<String> NOT_ATTRIBUTES = java.util.Set.of("schemas");

  /** An unknown member: an unknown extension's attributes one by one, anything else by name. */
  private static void unknown(String key, JsonValue value, Consumer<String> dropped) {
    if (NOT_ATTRIBUTES.contains(key.toLowerCase(Locale.ROOT))
        || value.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    if (key.regionMatches(true, 0, "urn:", 0, 4) && value instanceof JsonObject attributes) {
      attributes.keySet().forEach(name -> dropped.accept(key + ":" + name));
      return;
    }
    dropped.accept(key);
  }

  private void readExtension(
      Schema extension,
      JsonValue value,
      Map<String, Map<String, JsonValue>> extensions,
      Consumer<String> dropped) {
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    if (!(value instanceof JsonObject object)) {
      throw ScimException.invalidValue(
          "The extension '" + extension.id() + "' must be a JSON object.");
    }
    Map<String, JsonValue> attributes =
        extensions.computeIfAbsent(extension.id(), k -> new LinkedHashMap<>());
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      Optional<Attribute> attribute = extension.attribute(entry.getKey());
      if (attribute.isEmpty()) {
        dropped.accept(extension.id() + ":" + entry.getKey());
        continue;
      }
      if (!writable(attribute.get())) {
        continue;
      }
      Attribute a = attribute.get();
      value(a, entry.getValue(), extension.id() + ":" + a.name())
          .ifPresentOrElse(v -> attributes.put(a.name(), v), () -> attributes.remove(a.name()));
    }
    requireAll(extension, attributes, extension.id() + ":");
  }

  private static void requireAll(Schema schema, Map<String, JsonValue> values, String prefix) {
    for (Attribute attribute : schema.attributes()) {
      if (attribute.required() && !values.containsKey(attribute.name())) {
        throw ScimException.invalidValue(
            "The attribute '" + prefix + attribute.name() + "' is required.");
      }
      // A required name of only spaces names nothing: it is as missing as an empty one.
      if (attribute.required()
          && values.get(attribute.name()) instanceof JsonString s
          && s.getString().isBlank()) {
        throw ScimException.invalidValue(
            "The attribute '" + prefix + attribute.name() + "' must not be blank.");
      }
    }
  }

  static boolean writable(Attribute attribute) {
    return attribute.mutability() != Mutability.READ_ONLY;
  }

  /**
   * One attribute's value in canonical form.
   *
   * @param where the attribute's name for error messages
   * @return empty when the value is unassigned (null, "", [], or a complex value with nothing in
   *     it)
   */
  public Optional<JsonValue> value(Attribute attribute, JsonValue value, String where) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    boolean secret = attribute.returned() == Attribute.Returned.NEVER;
    if (!attribute.multiValued()) {
      return single(attribute, value, where, secret);
    }
    List<JsonValue> elements = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (JsonValue element : array) {
        single(attribute, element, where, secret).ifPresent(elements::add);
      }
    } else {
      single(attribute, value, where, secret).ifPresent(elements::add);
    }
    if (elements.isEmpty()) {
      return Optional.empty();
    }
    if (attribute.subAttribute("primary").isPresent()) {
      long primaries = elements.stream().filter(ResourceValidator::isPrimary).count();
      if (primaries > 1) {
        throw ScimException.invalidValue(
            "Only one value of '" + where + "' may be primary (RFC 7643 §2.4).");
      }
    }
    JsonArrayBuilder array = JSON.createArrayBuilder();
    elements.forEach(array::add);
    return Optional.of(array.build());
  }

  static boolean isPrimary(JsonValue element) {
    return element instanceof JsonObject o && o.get("primary") == JsonValue.TRUE;
  }

  /**
   * One value of an attribute. {@code ""} is unassigned whatever the attribute's type: Entra ID and
   * Microsoft's gallery tests clear attributes with empty strings (reference P11), so {@code
   * "active": ""} clears {@code active} rather than failing as "not a boolean".
   *
   * @param secret whether the value belongs to an attribute that is never returned (password),
   *     whose value no error may repeat: error details reach the provisioning log, the console and
   *     the admin API
   */
  private Optional<JsonValue> single(
      Attribute attribute, JsonValue value, String where, boolean secret) {
    if (value.getValueType() == JsonValue.ValueType.NULL
        || (value instanceof JsonString s && s.getString().isEmpty())) {
      return Optional.empty();
    }
    switch (attribute.type()) {
      case COMPLEX:
        return complex(attribute, value, where, secret);
      case BOOLEAN:
        return Optional.of(
            AttributeValues.bool(value)
                .map(AttributeValues::json)
                .orElseThrow(() -> wrongType(where, "a boolean", value, secret)));
      case INTEGER:
      case DECIMAL:
        if (value instanceof JsonNumber n && (attribute.type() == Type.DECIMAL || n.isIntegral())) {
          return Optional.of(n);
        }
        throw wrongType(
            where, attribute.type() == Type.INTEGER ? "an integer" : "a number", value, secret);
      case DATE_TIME:
        if (value instanceof JsonString s && AttributeValues.dateTime(s.getString()).isPresent()) {
          return Optional.of(s);
        }
        throw wrongType(where, "a dateTime (RFC 3339)", value, secret);
      default:
        if (!(value instanceof JsonString s)) {
          throw wrongType(where, "a string", value, secret);
        }
        if (Unicode.length(s.getString()) > MAX_STRING_LENGTH) {
          throw ScimException.invalidValue(
              "The value of '" + where + "' is longer than " + MAX_STRING_LENGTH + " characters.");
        }
        if (tooManyBytes(s.getString())) {
          throw ScimException.invalidValue(
              "The value of '"
                  + where
                  + "' takes more than "
                  + MAX_STRING_BYTES
                  + " bytes in UTF-8 (lower-cased, where case is ignored): 2048 characters of"
                  + " ASCII fit, fewer of scripts that take two to four bytes a character.");
        }
        return Optional.of(s);
    }
  }

  /** Whether the value or its lower-case form takes more than {@link #MAX_STRING_BYTES}. */
  public static boolean tooManyBytes(String value) {
    int bytes = Unicode.utf8Length(value);
    return bytes > MAX_STRING_BYTES
        || bytes > LOWER_CASE_SURELY_FITS
            && Unicode.utf8Length(value.toLowerCase(Locale.ROOT)) > MAX_STRING_BYTES;
  }

  private Optional<JsonValue> complex(
      Attribute attribute, JsonValue value, String where, boolean secret) {
    if (value instanceof JsonString s && attribute.subAttribute("value").isPresent()) {
      // Entra ID sends a manager as a bare id, and Microsoft's tests a member as a bare id.
      value = JSON.createObjectBuilder().add("value", s).build();
    }
    if (value instanceof JsonArray array && !attribute.multiValued()) {
      if (array.isEmpty()) {
        return Optional.empty();
      }
      if (array.size() > 1) {
        throw ScimException.invalidValue("'" + where + "' takes one value, not a list.");
      }
      value = array.get(0);
    }
    if (!(value instanceof JsonObject object)) {
      throw wrongType(where, "a JSON object", value, secret);
    }
    object = embeddedRole(attribute, object);
    Map<String, JsonValue> subs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      Optional<Attribute> sub = attribute.subAttribute(entry.getKey());
      if (sub.isEmpty() || !writable(sub.get())) {
        continue;
      }
      Attribute s = sub.get();
      boolean secretSub = secret || s.returned() == Attribute.Returned.NEVER;
      single(s, entry.getValue(), where + "." + s.name(), secretSub)
          .ifPresentOrElse(v -> subs.put(s.name(), v), () -> subs.remove(s.name()));
    }
    if (subs.isEmpty()) {
      return Optional.empty();
    }
    JsonObjectBuilder out = JSON.createObjectBuilder();
    subs.forEach(out::add);
    return Optional.of(out.build());
  }

  /**
   * Entra ID's {@code AppRoleAssignmentsComplex} mapping sends each role in a PATCH as a JSON
   * document inside {@code value}: {@code {"value":"{\"id\":\"…\",\"value\":\"Admin\",
   * \"displayName\":\"Admin\"}"}}. The role is read out of it; anything else is left as it is.
   */
  private static JsonObject embeddedRole(Attribute attribute, JsonObject element) {
    if (!attribute.name().equals("roles")
        || !(element.get("value") instanceof JsonString s)
        || !s.getString().trim().startsWith("{")) {
      return element;
    }
    JsonObject role;
    try {
      if (!(JsonBodies.parseValue(new StringReader(s.getString())) instanceof JsonObject o)) {
        return element;
      }
      role = o;
    } catch (JsonException e) {
      return element;
    }
    JsonObjectBuilder out = JSON.createObjectBuilder(element);
    copy(role, "value", out, "value");
    copy(role, "displayName", out, "display");
    copy(role, "display", out, "display");
    copy(role, "type", out, "type");
    copy(role, "primary", out, "primary");
    return out.build();
  }

  private static void copy(JsonObject from, String key, JsonObjectBuilder to, String as) {
    JsonValue value = from.get(key);
    if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
      to.add(as, value);
    }
  }

  /** The error of a value of the wrong type, showing the value unless it is a secret. */
  private static ScimException wrongType(
      String where, String expected, JsonValue value, boolean secret) {
    String shown =
        !secret
            ? value.toString()
            : switch (value.getValueType()) {
              case TRUE, FALSE -> "a boolean";
              case NUMBER -> "a number";
              case OBJECT -> "an object";
              case ARRAY -> "an array";
              default -> "a " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT);
            };
    if (Unicode.length(shown) > 60) {
      shown = shown.substring(0, shown.offsetByCodePoints(0, 60)) + "…";
    }
    return ScimException.invalidValue(
        "The value of '" + where + "' must be " + expected + ", not " + shown + ".");
  }
}
