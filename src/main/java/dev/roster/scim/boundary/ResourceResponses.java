package dev.roster.scim.boundary;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.UriInfo;

/** What the resource endpoints put in every response: the base URL of locations, and ETags. */
public final class ResourceResponses {

  private ResourceResponses() {}

  /** The SCIM base URL of the request, without a trailing slash: what locations start with. */
  public static String baseUrl(UriInfo uriInfo) {
    String base = uriInfo.getBaseUri().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The weak ETag of a resource version, {@code W/"3"}, equal to its {@code meta.version}. */
  public static EntityTag etag(long version) {
    return new EntityTag(Long.toString(version), true);
  }
}
