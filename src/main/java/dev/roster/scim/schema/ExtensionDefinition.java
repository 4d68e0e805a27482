package dev.roster.scim.schema;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.SchemaUris;
import dev.roster.scim.ScimException;
import dev.roster.scim.schema.Attribute.Mutability;
import dev.roster.scim.schema.Attribute.Returned;
import dev.roster.scim.schema.Attribute.Type;
import dev.roster.scim.schema.Attribute.Uniqueness;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user extension schema a tenant's admin defines (docs/custom-attributes.md), such as Entra ID's
 * {@code urn:ietf:params:scim:schemas:extension:acme:2.0:User} with {@code costCentre}: read from
 * the admin's JSON and checked against RFC 7643 §7, and written back in the same form.
 *
 * <p>Attributes are simple (string, boolean, decimal, integer, dateTime, reference), single- or
 * multi-valued, read-write, returned by default, not unique: what Entra ID's and Okta's custom
 * attributes are.
 */
public final class ExtensionDefinition {

  /** The most extensions a tenant defines, and attributes an extension has. */
  public static final int MAX_EXTENSIONS = 10;

  public static final int MAX_ATTRIBUTES = 100;

  /**
   * A URN (RFC 8141): {@code urn:}, a namespace id, and the rest without spaces, quotes or
   * brackets, which filters and paths could not hold; at most 200 characters, since the value index
   * keeps each attribute's path.
   */
  private static final Pattern URN =
      Pattern.compile("urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[A-Za-z0-9()+,\\-.:=@;$_!*'%/?#]+");

  /** RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA. */
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  private static final Map<String, Type> TYPES =
      Map.of(
          "string", Type.STRING,
          "boolean", Type.BOOLEAN,
          "decimal", Type.DECIMAL,
          "integer", Type.INTEGER,
          "datetime", Type.DATE_TIME,
          "reference", Type.REFERENCE);

  private static final Set<String> TAKEN =
      Set.of(
          SchemaUris.USER.toLowerCase(Locale.ROOT),
          SchemaUris.ENTERPRISE_USER.toLowerCase(Locale.ROOT),
          SchemaUris.GROUP.toLowerCase(Locale.ROOT));

  private ExtensionDefinition() {}

  /**
   * The schema an admin's definition describes.
   *
   * @param urn the schema's id, from the request's path
   * @param definition {@code {"name"?, "description"?, "attributes": [{"name", "type"?,
   *     "multiValued"?, "caseExact"?, "required"?, "description"?}, …]}}; members a schema resource
   *     has besides ({@code id}, {@code schemas}, {@code meta}) are ignored
   * @throws ScimException invalidValue, naming what is wrong
   */
  public static Schema parse(String urn, JsonObject definition) {
    if (urn == null || urn.length() > 200 || !URN.matcher(urn).matches()) {
      throw ScimException.invalidValue(
          "A schema's id must be a URN such as"
              + " urn:ietf:params:scim:schemas:extension:acme:2.0:User (at most 200 characters).");
    }
    if (TAKEN.contains(urn.toLowerCase(Locale.ROOT))) {
      throw ScimException.invalidValue("'" + urn + "' is a schema of SCIM itself.");
    }
    if (definition.containsKey("id")
        && !(definition.get("id") instanceof JsonString id && id.getString().equals(urn))) {
      throw ScimException.invalidValue("The body's id must be the URN of the path, or absent.");
    }
    String name = text(definition, "name", urn.substring(urn.lastIndexOf(':') + 1));
    String description = text(definition, "description", "");
    if (!(definition.get("attributes") instanceof JsonArray attributes) || attributes.isEmpty()) {
      throw ScimException.invalidValue("A schema needs 'attributes': an array of at least one.");
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw ScimException.invalidValue("A schema has at most " + MAX_ATTRIBUTES + " attributes.");
    }
    List<Attribute> parsed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonValue value : attributes) {
      if (!(value instanceof JsonObject attribute)) {
        throw ScimException.invalidValue("Each attribute must be a JSON object.");
      }
      Attribute a = attribute(attribute);
      if (!names.add(a.name().toLowerCase(Locale.ROOT))) {
        throw ScimException.invalidValue(
            "The attribute '" + a.name() + "' is defined twice (names ignore case).");
      }
      parsed.add(a);
    }
    return new Schema(urn, name, description, parsed);
  }

  private static Attribute attribute(JsonObject json) {
    String name = json.get("name") instanceof JsonString s ? s.getString() : null;
    if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
      throw ScimException.invalidValue(
          "An attribute's name starts with a letter and has letters, digits, '-' and '_'"
              + " (RFC 7643 §2.1), at most 64; not "
              + (name == null ? "nothing" : "'" + name + "'")
              + ".");
    }
    String typeName = text(json, "type", "string");
    Type type = TYPES.get(typeName.toLowerCase(Locale.ROOT));
    if (type == null) {
      throw ScimException.invalidValue(
          "The type of '"
              + name
              + "' must be string, boolean, decimal, integer, dateTime or reference, not '"
              + typeName
              + "'.");
    }
    return new Attribute(
        name,
        type,
        flag(json, "multiValued", name),
        text(json, "description", ""),
        flag(json, "required", name),
        flag(json, "caseExact", name),
        Mutability.READ_WRITE,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        type == Type.REFERENCE ? List.of("external") : List.of(),
        List.of());
  }

  /** The definition as an admin reads it back (and as {@link #parse} reads it). */
  public static JsonObject toJson(Schema schema) {
    JsonArrayBuilder attributes = JSON.createArrayBuilder();
    for (Attribute a : schema.attributes()) {
      attributes.add(
          JSON.createObjectBuilder()
              .add("name", a.name())
              .add("type", a.type().keyword())
              .add("multiValued", a.multiValued())
              .add("caseExact", a.caseExact())
              .add("required", a.required())
              .add("description", a.description()));
    }
    return JSON.createObjectBuilder()
        .add("id", schema.id())
        .add("name", schema.name())
        .add("description", schema.description())
        .add("attributes", attributes)
        .build();
  }

  private static String text(JsonObject json, String member, String otherwise) {
    JsonValue value = json.get(member);
    if (value == null || value == JsonValue.NULL) {
      return otherwise;
    }
    if (!(value instanceof JsonString s) || s.getString().length() > 1000) {
      throw ScimException.invalidValue("'" + member + "' must be a string of at most 1000.");
    }
    return s.getString();
  }

  private static boolean flag(JsonObject json, String member, String attribute) {
    JsonValue value = json.get(member);
    if (value == null || value == JsonValue.NULL) {
      return false;
    }
    if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
      throw ScimException.invalidValue(
          "'" + member + "' of '" + attribute + "' must be true or false.");
    }
    return value == JsonValue.TRUE;
  }
}
