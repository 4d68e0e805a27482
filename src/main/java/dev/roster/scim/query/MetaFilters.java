package dev.roster.scim.query;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;

/**
 * What a filter means on the parts of {@code meta} (RFC 7643 §3.1) that are not stored: {@code
 * meta} itself, {@code resourceType}, {@code location} and {@code version}. Every resource has
 * them, so a presence test is true for every resource, and {@code resourceType} is the same for
 * every resource of a type, so a comparison on it is decided once for the type. Users and groups
 * both answer through here, so that they answer alike; only {@code meta.created} and {@code
 * meta.lastModified} are columns.
 */
public final class MetaFilters {

  private MetaFilters() {}

  /** Whether the path is {@code meta} or a sub-attribute of it that is not stored. */
  public static boolean isComputed(ResolvedPath path) {
    if (path.container() != null || !path.attribute().name().equals("meta")) {
      return false;
    }
    return path.subAttribute() == null
        || !(path.subAttribute().name().equals("created")
            || path.subAttribute().name().equals("lastModified"));
  }

  /**
   * Whether every resource of the type satisfies a comparison on a computed meta attribute (none
   * does otherwise).
   *
   * @throws ScimException invalidFilter for {@code meta.location}, which depends on the URL the
   *     server is reached at, and for {@code meta.version}, an ETag; they can only be tested with
   *     {@code pr}
   */
  public static boolean compare(
      ResourceType type, ResolvedPath path, Filter.Comparison comparison) {
    String name = path.subAttribute() == null ? "meta" : path.subAttribute().name();
    if (!name.equals("resourceType")) {
      throw ScimException.invalidFilter(
          "'"
              + comparison.path()
              + "' cannot be compared in a filter; every resource has one, so '"
              + comparison.path()
              + " pr' is true for all.");
    }
    return ElementMatcher.matches(path.target(), comparison, JSON.createValue(type.name()));
  }

  /** The refusal of a value filter on {@code meta}, which is single-valued. */
  public static ScimException valueFilter(Object written) {
    return ScimException.invalidFilter(
        "'"
            + written
            + "' is single-valued; filter on its sub-attributes instead, such as"
            + " 'meta.lastModified gt \"2025-01-01T00:00:00Z\"'.");
  }
}
