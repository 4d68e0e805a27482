package dev.roster.scim.boundary;

import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of a list request, {@code GET /Users} or {@code GET /Groups} (RFC 7644
 * §3.4.2), taken as text so that {@link ListQuery} judges them and answers bad ones with a SCIM
 * error. Resources take it as a {@code @BeanParam}.
 */
public class ListParameters {

  @QueryParam("filter")
  String filter;

  @QueryParam("sortBy")
  String sortBy;

  @QueryParam("sortOrder")
  String sortOrder;

  @QueryParam("startIndex")
  String startIndex;

  @QueryParam("count")
  String count;

  @QueryParam("attributes")
  String attributes;

  @QueryParam("excludedAttributes")
  String excludedAttributes;

  public ListQuery toQuery(ResourceType type) {
    return ListQuery.of(
        type,
        ServiceProvider.MAX_RESULTS,
        filter,
        sortBy,
        sortOrder,
        startIndex,
        count,
        attributes,
        excludedAttributes);
  }
}
