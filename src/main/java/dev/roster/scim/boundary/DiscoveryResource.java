package dev.roster.scim.boundary;

import dev.roster.scim.ListResponse;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * The discovery endpoints of RFC 7644 §4. Paging and sorting parameters are ignored, as §4
 * requires; a {@code filter} is refused with 403, so that no client believes it was applied.
 */
@Path("")
@Produces(ScimMediaType.SCIM_JSON)
@ApplicationScoped
public class DiscoveryResource {

  @Inject ServiceProvider serviceProvider;

  @Context UriInfo uriInfo;

  @GET
  @Path("ServiceProviderConfig")
  public JsonObject serviceProviderConfig(@QueryParam("filter") String filter) {
    refuse(filter);
    return serviceProvider.config().toJson(baseUrl());
  }

  @GET
  @Path("ResourceTypes")
  public JsonObject resourceTypes(@QueryParam("filter") String filter) {
    refuse(filter);
    return ListResponse.ofAll(
        serviceProvider.resourceTypes().stream().map(t -> t.toJson(baseUrl())).toList());
  }

  @GET
  @Path("ResourceTypes/{name}")
  public JsonObject resourceType(@PathParam("name") String name) {
    return serviceProvider
        .resourceType(name)
        .orElseThrow(() -> ScimException.notFound("There is no resource type '" + name + "'."))
        .toJson(baseUrl());
  }

  @GET
  @Path("Schemas")
  public JsonObject schemas(@QueryParam("filter") String filter) {
    refuse(filter);
    return ListResponse.ofAll(
        serviceProvider.schemas().stream().map(s -> s.toJson(baseUrl())).toList());
  }

  @GET
  @Path("Schemas/{urn}")
  public JsonObject schema(@PathParam("urn") String urn) {
    return serviceProvider
        .schema(urn)
        .orElseThrow(() -> ScimException.notFound("There is no schema '" + urn + "'."))
        .toJson(baseUrl());
  }

  private static void refuse(String filter) {
    if (filter != null) {
      throw ScimException.forbidden("Discovery endpoints cannot be filtered (RFC 7644 §4).");
    }
  }

  private String baseUrl() {
    String base = uriInfo.getBaseUri().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
