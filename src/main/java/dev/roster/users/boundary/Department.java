package dev.roster.users.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.SchemaUris;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.AttributeValues;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A department as the product sees it (docs/directory-api.md): either a value of the users'
 * enterprise {@code department} attribute or a pushed group.
 *
 * <p>A department of the attribute has no row of its own: it exists while a user has that value,
 * compared without case as SCIM compares {@code department}. Its id is {@code attr-} followed by
 * the URL-safe base64 of that comparison key, so it is stable, the same on every instance and in
 * events, and can be turned back into the key. A group's department has the group's id.
 *
 * @param source {@code attribute} or {@code group}
 */
public record Department(String id, String name, String source) {

  public static final String ATTRIBUTE = "attribute";
  public static final String GROUP = "group";

  private static final String ATTRIBUTE_PREFIX = "attr-";
  private static final Attribute DEPARTMENT =
      ResourceType.USER
          .extension(SchemaUris.ENTERPRISE_USER)
          .flatMap(schema -> schema.attribute("department"))
          .orElseThrow();

  /** The department of a user's {@code department} value; none for a missing or blank one. */
  public static Optional<Department> ofAttribute(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Department(idOfKey(keyOf(name)), name, ATTRIBUTE));
  }

  public static Department ofGroup(String id, String displayName) {
    return new Department(id, displayName, GROUP);
  }

  /** The comparison key of a department name, as the value index holds it. */
  public static String keyOf(String name) {
    return AttributeValues.key(DEPARTMENT, AttributeValues.json(name)).orElseThrow();
  }

  /** The id of the attribute department with that key. */
  public static String idOfKey(String key) {
    return ATTRIBUTE_PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The key an attribute department's id stands for; empty for other ids (groups' or unknown). */
  public static Optional<String> keyOfId(String id) {
    if (id == null || !id.startsWith(ATTRIBUTE_PREFIX)) {
      return Optional.empty();
    }
    try {
      byte[] key = Base64.getUrlDecoder().decode(id.substring(ATTRIBUTE_PREFIX.length()));
      String text = new String(key, StandardCharsets.UTF_8);
      return idOfKey(text).equals(id) && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /** {@code true} when both name the same department: same source, same key or group. */
  public boolean sameAs(Department other) {
    return other != null && id.equals(other.id) && source.equals(other.source);
  }

  public JsonObject json() {
    return JSON.createObjectBuilder().add("id", id).add("name", name).add("source", source).build();
  }
}
