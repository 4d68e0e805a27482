package dev.roster.scim.schema;

import java.util.Optional;

/**
 * An attribute path resolved against a resource type: which schema the attribute belongs to, its
 * definition, and the definition of the sub-attribute when the path names one.
 *
 * @param schema the schema the attribute belongs to, or {@code null} for a common attribute (RFC
 *     7643 §3.1: {@code id}, {@code externalId}, {@code meta})
 * @param attribute the attribute; for a path that names a whole extension (its URN), a complex
 *     attribute named after the URN whose sub-attributes are the extension's attributes
 * @param subAttribute the sub-attribute, or {@code null}
 * @param container the key of the object that holds the attribute in a resource: {@code null} for
 *     top-level attributes, the extension URN for extension attributes
 */
public record ResolvedPath(
    Schema schema, Attribute attribute, Attribute subAttribute, String container) {

  /** The definition the path ends at: the sub-attribute if there is one, else the attribute. */
  public Attribute target() {
    return subAttribute != null ? subAttribute : attribute;
  }

  public Optional<Attribute> sub() {
    return Optional.ofNullable(subAttribute);
  }

  /** The path names a whole extension object, such as the enterprise extension's URN. */
  public boolean isWholeExtension() {
    return container == null && schema != null && attribute.name().equals(schema.id());
  }

  /**
   * The canonical spelling of the path, in the schema's spelling, used as the index key: {@code
   * name.givenName}, {@code emails.value}, {@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
   */
  public String canonical() {
    StringBuilder text = new StringBuilder();
    if (container != null) {
      text.append(container).append(':');
    }
    text.append(attribute.name());
    if (subAttribute != null) {
      text.append('.').append(subAttribute.name());
    }
    return text.toString();
  }

  /** The same attribute without its sub-attribute. */
  public ResolvedPath parent() {
    return new ResolvedPath(schema, attribute, null, container);
  }
}
