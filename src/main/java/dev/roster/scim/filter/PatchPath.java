package dev.roster.scim.filter;

/**
 * The {@code path} of a PATCH operation (RFC 7644 §3.5.2): {@code attrPath / valuePath [subAttr]},
 * for example {@code name.givenName}, {@code members[value eq "2819c223"]} or {@code emails[type eq
 * "work"].value}.
 *
 * @param attribute the attribute, with its sub-attribute when the path has no value filter
 * @param valueFilter the filter in brackets, with paths relative to the element, or {@code null}
 * @param subAttribute the sub-attribute after the brackets, or {@code null}
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

  /**
   * Parses a PATCH path.
   *
   * @throws dev.roster.scim.ScimException invalidPath for anything that is not a path
   */
  public static PatchPath parse(String text) {
    return FilterParser.parsePatchPath(text);
  }

  @Override
  public String toString() {
    return attribute
        + (valueFilter == null ? "" : "[" + valueFilter + "]")
        + (subAttribute == null ? "" : "." + subAttribute);
  }
}
