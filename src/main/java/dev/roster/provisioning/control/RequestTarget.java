package dev.roster.provisioning.control;

import java.util.Map;

/**
 * What a SCIM request is about, read from its path relative to the SCIM base: {@code
 * Users/2819c223} is about the User {@code 2819c223}, {@code Groups/.search} about Groups in
 * general.
 *
 * @param resourceType the SCIM resource type, or null for a path that names none
 * @param resourceId the resource's id, or null
 */
public record RequestTarget(String resourceType, String resourceId) {

  private static final Map<String, String> TYPE_OF_ENDPOINT =
      Map.of(
          "users", "User",
          "groups", "Group",
          "me", "User",
          "schemas", "Schema",
          "resourcetypes", "ResourceType",
          "serviceproviderconfig", "ServiceProviderConfig",
          "bulk", "Bulk");

  /** The target of a path such as {@code Users/42}, with or without slashes around it. */
  public static RequestTarget ofPath(String relativePath) {
    String[] segments = relativePath.replaceAll("^/+|/+$", "").split("/+", 3);
    String type = TYPE_OF_ENDPOINT.get(segments[0].toLowerCase(java.util.Locale.ROOT));
    if (type == null) {
      return new RequestTarget(null, null);
    }
    String id = segments.length > 1 && !segments[1].startsWith(".") ? segments[1] : null;
    return new RequestTarget(type, id);
  }

  /** The same target, with the id taken from a {@code Location} header when the path had none. */
  public RequestTarget withLocation(String location) {
    if (resourceId != null || location == null || location.isBlank()) {
      return this;
    }
    String trimmed = location.replaceAll("/+$", "");
    return new RequestTarget(resourceType, trimmed.substring(trimmed.lastIndexOf('/') + 1));
  }
}
