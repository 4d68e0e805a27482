package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.admin.control.Echo;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import dev.roster.scim.schema.ExtensionDefinition;
import dev.roster.scim.schema.Schema;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.users.boundary.TenantSchemas;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/v1/tenants/{tenant}/schemas}: the user extension schemas a tenant's identity
 * provider sends custom attributes in (docs/custom-attributes.md). The tenant's {@code /Schemas}
 * and {@code /ResourceTypes} advertise them; their values are validated, stored, returned,
 * filterable and patchable like core attributes.
 */
@ApiKeyScope(Scope.ADMIN)
@Path("tenants/{tenant}/schemas")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(name = "Custom attributes", description = "A tenant's user extension schemas.")
@APIResponse(responseCode = "401", description = "No or wrong credentials (SCIM error body).")
@APIResponse(
    responseCode = "404",
    description = "No such tenant, or no such schema.",
    content = @Content(mediaType = ScimMediaType.SCIM_JSON))
public class SchemasApi {

  static final String EXAMPLE =
      "{\"name\":\"Acme\",\"description\":\"Mapped in Entra ID\",\"attributes\":["
          + "{\"name\":\"costCentre\",\"type\":\"string\",\"multiValued\":false,"
          + "\"caseExact\":false,\"required\":false},"
          + "{\"name\":\"badges\",\"type\":\"string\",\"multiValued\":true}]}";

  @Inject Tenants tenants;

  @Inject TenantSchemas schemas;

  @GET
  @Operation(operationId = "listSchemas", summary = "A tenant's user extension schemas")
  @APIResponse(responseCode = "200", description = "{\"schemas\": [ … ]}")
  public JsonObject list(@PathParam("tenant") String tenant) {
    DirectoryApi.existingTenant(tenants, tenant);
    JsonArrayBuilder list = JSON.createArrayBuilder();
    schemas.list(tenant).forEach(s -> list.add(ExtensionDefinition.toJson(s)));
    return JSON.createObjectBuilder().add("schemas", list).build();
  }

  @GET
  @Path("{urn}")
  @Operation(operationId = "readSchema", summary = "One user extension schema of a tenant")
  @APIResponse(responseCode = "200", description = "The schema's definition.")
  public JsonObject read(@PathParam("tenant") String tenant, @PathParam("urn") String urn) {
    DirectoryApi.existingTenant(tenants, tenant);
    return ExtensionDefinition.toJson(find(tenant, urn));
  }

  @PUT
  @Path("{urn}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "putSchema",
      summary = "Define or replace a user extension schema",
      description =
          "The path names the schema's URN, such as"
              + " urn:ietf:params:scim:schemas:extension:acme:2.0:User (what Entra ID's custom"
              + " attribute paths start with). Each attribute: name (RFC 7643 §2.1), type"
              + " (string, boolean, decimal, integer, dateTime, reference; default string),"
              + " multiValued, caseExact, required (default false), description. At most 10"
              + " schemas per tenant and 100 attributes per schema. Takes effect on this"
              + " instance at once and on others within 10 seconds.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "acme", value = EXAMPLE)))
  @APIResponse(responseCode = "200", description = "The schema's definition as stored.")
  @APIResponse(
      responseCode = "400",
      description = "Not a URN, or a definition RFC 7643 §7 does not allow (invalidValue).",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  public JsonObject put(
      @PathParam("tenant") String tenant, @PathParam("urn") String urn, JsonObject body) {
    DirectoryApi.existingTenant(tenants, tenant);
    return ExtensionDefinition.toJson(schemas.put(tenant, urn, TenantsApi.required(body)));
  }

  @DELETE
  @Path("{urn}")
  @Operation(
      operationId = "deleteSchema",
      summary = "Remove a user extension schema",
      description =
          "Its attributes are no longer advertised, accepted or filterable; values users have"
              + " stay in their documents until each user's next write.")
  @APIResponse(responseCode = "204", description = "Removed.")
  public Response delete(@PathParam("tenant") String tenant, @PathParam("urn") String urn) {
    DirectoryApi.existingTenant(tenants, tenant);
    if (!schemas.delete(tenant, urn)) {
      throw noSchema(urn);
    }
    return Response.noContent().build();
  }

  private Schema find(String tenant, String urn) {
    return schemas.list(tenant).stream()
        .filter(s -> s.id().equalsIgnoreCase(urn))
        .findFirst()
        .orElseThrow(() -> noSchema(urn));
  }

  private static ScimException noSchema(String urn) {
    return ScimException.notFound("The tenant has no extension schema '" + Echo.of(urn) + "'.");
  }
}
