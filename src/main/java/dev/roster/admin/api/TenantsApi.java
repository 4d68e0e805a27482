package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.admin.control.Echo;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.DepartmentSource;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/v1/tenants}: list, create, read, rename and enable or disable tenants. This is
 * how a product that embeds Roster creates a tenant when a customer signs up. A tenant is {@code
 * {"id", "name", "enabled", "created"}}.
 */
@ApiKeyScope(Scope.ADMIN)
@Path("tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(name = "Tenants", description = "Customer organisations; each has its own SCIM directory.")
@APIResponse(
    responseCode = "401",
    description = "No or wrong HTTP Basic credentials of an admin (SCIM error body).")
public class TenantsApi {

  static final String TENANT_EXAMPLE =
      "{\"id\":\"acme\",\"name\":\"Acme Corp\",\"enabled\":true,"
          + "\"created\":\"2026-11-23T10:15:30Z\"}";

  @Inject Tenants tenants;

  @Context UriInfo uriInfo;

  @GET
  @Operation(
      operationId = "listTenants",
      summary = "List the tenants",
      description = "All tenants, ordered by id.")
  @APIResponse(
      responseCode = "200",
      description = "{\"tenants\": [tenant, …]}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "tenants",
                      value = "{\"tenants\":[" + TENANT_EXAMPLE + "]}")))
  public JsonObject list() {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    tenants.listTenants().forEach(tenant -> list.add(AdminJson.tenant(tenant)));
    return JSON.createObjectBuilder().add("tenants", list).build();
  }

  @POST
  @Operation(
      operationId = "createTenant",
      summary = "Create a tenant",
      description =
          "Body {\"name\": \"Acme Corp\", \"id\": \"acme\"}. The id is optional: without one, a"
              + " slug is derived from the name. Ids are 1 to 64 letters, digits, '.', '-' or '_';"
              + " names at most 200 characters, without control characters. Bodies are at most"
              + " 65536 bytes (413 otherwise).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "tenant",
                      value = "{\"id\":\"acme\",\"name\":\"Acme Corp\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names the tenant.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "tenant", value = TENANT_EXAMPLE)))
  @APIResponse(responseCode = "400", description = "A missing or too long name, or an invalid id.")
  @APIResponse(responseCode = "409", description = "A tenant with this id exists.")
  public Response create(JsonObject body) {
    JsonObject request = required(body);
    TenantView tenant =
        tenants.createTenant(
            AdminJson.string(request, "id").orElse(null),
            AdminJson.string(request, "name").orElse(null));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(tenant.getId()).build())
        .entity(AdminJson.tenant(tenant))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "readTenant", summary = "Read a tenant")
  @APIResponse(responseCode = "200", description = "The tenant.")
  @APIResponse(responseCode = "404", description = "No such tenant.")
  public JsonObject read(@Parameter(description = "The tenant's id") @PathParam("id") String id) {
    return AdminJson.tenant(
        tenants
            .findTenant(id)
            .orElseThrow(
                () -> ScimException.notFound("There is no tenant '" + Echo.of(id) + "'.")));
  }

  @PATCH
  @Path("{id}")
  @Operation(
      operationId = "updateTenant",
      summary =
          "Rename, enable or disable a tenant, choose where its departments come from, or set"
              + " its deprovisioning hold",
      description =
          "Body {\"name\"?: \"New name\", \"enabled\"?: false, \"departmentSource\"?:"
              + " \"attribute\" | \"groups\" | \"both\", \"deprovisioningHold\"?:"
              + " {\"enabled\"?: true, \"percent\"?: 10, \"minimum\"?: 50}}; members left out"
              + " stay as they are. Disabling a tenant makes its tokens fail with 401 at once;"
              + " enabling it again makes its valid tokens work again. A new departmentSource"
              + " makes a departments.source_changed event. deprovisioningHold: deactivations"
              + " and deletions beyond more than percent of the active users or more than"
              + " minimum, whichever is larger, within one hour, are held for review"
              + " (docs/deprovisioning-hold.md).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "disable", value = "{\"enabled\":false}")))
  @APIResponse(responseCode = "200", description = "The changed tenant.")
  @APIResponse(
      responseCode = "400",
      description = "A blank or too long name, or a member of the wrong type.")
  @APIResponse(responseCode = "404", description = "No such tenant.")
  public JsonObject update(@PathParam("id") String id, JsonObject body) {
    JsonObject request = required(body);
    Optional<String> name = AdminJson.string(request, "name");
    Optional<Boolean> enabled = AdminJson.bool(request, "enabled");
    Optional<DepartmentSource> departmentSource =
        AdminJson.string(request, "departmentSource").map(DepartmentSource::of);
    JsonValue hold = request.get("deprovisioningHold");
    TenantView tenant = null;
    if (hold != null && hold != JsonValue.NULL) {
      TenantView current = DirectoryApi.existingTenant(tenants, id);
      tenant = tenants.setHoldThreshold(id, AdminJson.hold(current.getHoldThreshold(), hold));
    }
    if (name.isPresent()) {
      tenant = tenants.renameTenant(id, name.get());
    }
    if (enabled.isPresent()) {
      tenant = tenants.setTenantEnabled(id, enabled.get());
    }
    if (departmentSource.isPresent()) {
      tenant = tenants.setDepartmentSource(id, departmentSource.get());
    }
    return tenant == null ? read(id) : AdminJson.tenant(tenant);
  }

  static JsonObject required(JsonObject body) {
    if (body == null) {
      throw ScimException.invalidSyntax("The request needs a JSON object as its body.");
    }
    return body;
  }
}
