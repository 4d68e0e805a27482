package dev.roster.scim.boundary;

import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * The query parameters of a list request, {@code GET /Users} or {@code GET /Groups} (RFC 7644
 * §3.4.2), taken as text so that {@link ListQuery} judges them and answers bad ones with a SCIM
 * error. They are read from the request's {@link UriInfo} rather than a {@code @BeanParam}, which
 * Jersey instantiates and injects anew for every request.
 */
public final class ListParameters {

  private ListParameters() {}

  public static ListQuery toQuery(ResourceType type, UriInfo uriInfo) {
    MultivaluedMap<String, String> parameters = uriInfo.getQueryParameters();
    return ListQuery.of(
        type,
        ServiceProvider.MAX_RESULTS,
        parameters.getFirst("filter"),
        parameters.getFirst("sortBy"),
        parameters.getFirst("sortOrder"),
        parameters.getFirst("startIndex"),
        parameters.getFirst("count"),
        parameters.getFirst("attributes"),
        parameters.getFirst("excludedAttributes"));
  }
}
