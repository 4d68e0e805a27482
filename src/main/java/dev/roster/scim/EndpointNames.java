package dev.roster.scim;

import java.util.List;

/**
 * The SCIM endpoint names in their RFC spelling. Microsoft's test collection sends {@code
 * /scim/users}; endpoint names, like attribute names, are matched without regard to case.
 */
public final class EndpointNames {

  private static final List<String> ENDPOINTS =
      List.of("Users", "Groups", "Schemas", "ResourceTypes", "ServiceProviderConfig", "Bulk", "Me");

  private EndpointNames() {}

  /**
   * The path with its first segment in the RFC's spelling, for example {@code users/42} → {@code
   * Users/42}; other paths are returned unchanged.
   *
   * @param relativePath a path relative to the SCIM base, without a leading slash
   */
  public static String canonical(String relativePath) {
    int end = relativePath.indexOf('/');
    String first = end < 0 ? relativePath : relativePath.substring(0, end);
    for (String endpoint : ENDPOINTS) {
      if (endpoint.equalsIgnoreCase(first) && !endpoint.equals(first)) {
        return endpoint + relativePath.substring(first.length());
      }
    }
    return relativePath;
  }
}
