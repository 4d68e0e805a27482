package dev.roster.scim.filter;

import java.util.Locale;
import java.util.Objects;

/**
 * An attribute path as written in a filter or PATCH path (RFC 7644 §3.10): {@code [URN ":"]
 * attribute ["." subAttribute]}. Names keep the spelling the client used; they are matched against
 * a schema without regard to case when the path is resolved.
 *
 * <p>Inside a value filter ({@code emails[type eq "work"]}) paths are relative to the element, so
 * {@code type} is an {@code AttributePath} whose {@code attribute} is {@code type}.
 *
 * @param schemaUrn the schema URN prefix, or {@code null} when the path has none
 * @param attribute the attribute name
 * @param subAttribute the sub-attribute name, or {@code null}
 */
public record AttributePath(String schemaUrn, String attribute, String subAttribute) {

  public AttributePath {
    Objects.requireNonNull(attribute, "attribute");
  }

  public static AttributePath of(String attribute) {
    return new AttributePath(null, attribute, null);
  }

  public static AttributePath of(String attribute, String subAttribute) {
    return new AttributePath(null, attribute, subAttribute);
  }

  /**
   * Splits a path without a value filter. A URN prefix ends at the last colon, so {@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value} has the URN {@code
   * ...:2.0:User}, the attribute {@code manager} and the sub-attribute {@code value}.
   *
   * @return {@code null} when the text is not a well-formed path
   */
  public static AttributePath parseOrNull(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String urn = null;
    String rest = text;
    if (text.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = text.lastIndexOf(':');
      urn = text.substring(0, colon);
      rest = text.substring(colon + 1);
      if (urn.length() <= 4) {
        return null;
      }
    }
    int dot = rest.indexOf('.');
    String attribute = dot < 0 ? rest : rest.substring(0, dot);
    String sub = dot < 0 ? null : rest.substring(dot + 1);
    if (!isName(attribute) || (sub != null && !isName(sub))) {
      return null;
    }
    return new AttributePath(urn, attribute, sub);
  }

  /**
   * {@code ATTRNAME = ALPHA *(nameChar)}, plus {@code $ref}, the one name RFC 7643 starts with $.
   */
  static boolean isName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    if (name.equalsIgnoreCase("$ref")) {
      return true;
    }
    if (!Character.isLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** This path with a sub-attribute. */
  public AttributePath withSubAttribute(String sub) {
    return new AttributePath(schemaUrn, attribute, sub);
  }

  /** The path as text, in the client's spelling. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (schemaUrn != null) {
      text.append(schemaUrn).append(':');
    }
    text.append(attribute);
    if (subAttribute != null) {
      text.append('.').append(subAttribute);
    }
    return text.toString();
  }

  /** A lower-case key for comparing paths without regard to case. */
  public String key() {
    return toString().toLowerCase(Locale.ROOT);
  }
}
