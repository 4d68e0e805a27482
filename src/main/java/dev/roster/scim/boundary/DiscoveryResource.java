package dev.roster.scim.boundary;

import dev.roster.scim.ListResponse;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.Schema;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The discovery endpoints of RFC 7644 §4. Paging and sorting parameters are ignored, as §4
 * requires; a {@code filter} is refused with 403, so that no client believes it was applied.
 */
@Path("")
@Produces(ScimMediaType.SCIM_JSON)
@ApplicationScoped
public class DiscoveryResource {

  @Inject ServiceProvider serviceProvider;

  /** The tenant's user type: its extensions are its own (docs/custom-attributes.md). */
  @Inject TenantResourceTypes tenantTypes;

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
    return ListResponse.ofAll(resourceTypes().stream().map(t -> t.toJson(baseUrl())).toList());
  }

  @GET
  @Path("ResourceTypes/{name}")
  public JsonObject resourceType(@PathParam("name") String name) {
    return resourceTypes().stream()
        .filter(t -> t.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() -> ScimException.notFound("There is no resource type '" + name + "'."))
        .toJson(baseUrl());
  }

  @GET
  @Path("Schemas")
  public JsonObject schemas(@QueryParam("filter") String filter) {
    refuse(filter);
    return ListResponse.ofAll(schemas().stream().map(s -> s.toJson(baseUrl())).toList());
  }

  @GET
  @Path("Schemas/{urn}")
  public JsonObject schema(@PathParam("urn") String urn) {
    return schemas().stream()
        .filter(s -> s.id().equalsIgnoreCase(urn))
        .findFirst()
        .orElseThrow(() -> ScimException.notFound("There is no schema '" + urn + "'."))
        .toJson(baseUrl());
  }

  /** The resource types, with the tenant's user type for users. */
  private List<ResourceType> resourceTypes() {
    ResourceType users = tenantTypes.users();
    return serviceProvider.resourceTypes().stream()
        .map(t -> t.name().equals(users.name()) ? users : t)
        .toList();
  }

  /** SCIM's schemas, then the tenant's user extensions. */
  private List<Schema> schemas() {
    List<Schema> all = new ArrayList<>(serviceProvider.schemas());
    for (Schema extension : tenantTypes.users().extensions()) {
      if (all.stream().noneMatch(s -> s.id().equals(extension.id()))) {
        all.add(extension);
      }
    }
    return all;
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
