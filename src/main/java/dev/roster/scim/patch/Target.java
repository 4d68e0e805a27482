package dev.roster.scim.patch;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.PatchPath;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.Schema;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an operation's path, or a key of a path-less operation's value, points at: the attribute
 * (and sub-attribute) it resolves to, its value filter, and the sub-attribute after the filter. It
 * is one of four kinds, which each {@link Edit} handles: a whole extension, an attribute, a
 * sub-attribute, or the elements a value filter selects (RFC 7644 §3.5.2).
 */
record Target(ResolvedPath resolved, Filter filter, Attribute afterFilter) {

  /**
   * The target of an operation's path, which {@link PatchOperation#pathText} has read.
   *
   * @throws ScimException invalidPath when the path names nothing the type has, or puts a value
   *     filter on an attribute that is not complex
   */
  static Target ofPath(ResourceType type, String path) {
    return of(type, PatchPath.parse(path));
  }

  /**
   * A key of a path-less value as a target, or empty when it names nothing this type has. A key may
   * be an extension's URN, an attribute, a dotted path or even a path with a value filter.
   */
  static Optional<Target> ofKey(ResourceType type, String key) {
    Optional<Schema> extension = type.extension(key);
    if (extension.isPresent()) {
      Schema ext = extension.get();
      return Optional.of(
          new Target(
              new ResolvedPath(ext, ResourceType.wholeExtension(ext), null, null), null, null));
    }
    if (key.indexOf('[') < 0) {
      return Optional.ofNullable(AttributePath.parseOrNull(key))
          .flatMap(type::resolve)
          .map(resolved -> new Target(resolved, null, null));
    }
    try {
      return Optional.of(of(type, PatchPath.parse(key)));
    } catch (ScimException e) {
      if (e.scimType().orElse(null) == ScimType.INVALID_PATH) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Target of(ResourceType type, PatchPath path) {
    ResolvedPath resolved =
        type.resolve(path.attribute())
            .orElseThrow(
                () ->
                    ScimException.invalidPath("There is no attribute '" + path.attribute() + "'."));
    Attribute afterFilter = null;
    if (path.valueFilter() != null) {
      if (resolved.subAttribute() != null
          || resolved.attribute().type() != Attribute.Type.COMPLEX) {
        throw ScimException.invalidPath(
            "A value filter needs a complex attribute, and '" + path.attribute() + "' is not one.");
      }
      if (path.subAttribute() != null) {
        afterFilter =
            resolved
                .attribute()
                .subAttribute(path.subAttribute())
                .orElseThrow(
                    () ->
                        ScimException.invalidPath(
                            "'"
                                + resolved.attribute().name()
                                + "' has no sub-attribute '"
                                + path.subAttribute()
                                + "'."));
      }
    }
    return new Target(resolved, path.valueFilter(), afterFilter);
  }

  boolean readOnly() {
    Attribute target = afterFilter != null ? afterFilter : resolved.target();
    return resolved.attribute().mutability() == Attribute.Mutability.READ_ONLY
        || target.mutability() == Attribute.Mutability.READ_ONLY;
  }

  /** Whether the target is, or is inside, an attribute that is never returned (password). */
  boolean neverReturned() {
    return Stream.of(resolved.attribute(), resolved.target(), afterFilter)
        .anyMatch(a -> a != null && a.returned() == Attribute.Returned.NEVER);
  }
}
