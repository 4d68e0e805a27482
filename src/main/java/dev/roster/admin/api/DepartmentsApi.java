package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimMediaType;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.users.boundary.ProductDirectory;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's departments in the product's terms (docs/directory-api.md): from the users' {@code
 * department} attribute, from pushed groups, or both, as the tenant's {@code departmentSource}
 * says; each with its members, paged.
 */
@ApiKeyScope(Scope.DIRECTORY)
@Path("tenants/{tenant}/departments")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(name = "Directory", description = "A tenant's users as the product uses them.")
@APIResponse(responseCode = "401", description = "No or wrong credentials (SCIM error body).")
@APIResponse(
    responseCode = "404",
    description = "No such tenant, or no such department under the tenant's department source.",
    content = @Content(mediaType = ScimMediaType.SCIM_JSON))
@APIResponse(
    responseCode = "400",
    description = "after or limit is not one a page gave or not in range (scimType invalidValue).",
    content = @Content(mediaType = ScimMediaType.SCIM_JSON))
public class DepartmentsApi {

  static final String DEPARTMENT_EXAMPLE =
      "{\"id\":\"attr-c2FsZXM\",\"name\":\"Sales\",\"source\":\"attribute\"}";

  @Inject Tenants tenants;

  @Inject ProductDirectory directory;

  @GET
  @Operation(
      operationId = "listDepartments",
      summary = "List a tenant's departments",
      description =
          "Under departmentSource 'attribute', the distinct values of the users' department"
              + " (compared without case, named as first written); under 'groups', the pushed"
              + " groups; under 'both', the former and then the latter. Pass each answer's 'next'"
              + " as 'after' until it is null.")
  @APIResponse(
      responseCode = "200",
      description =
          "{\"departmentSource\": …, \"departments\": [ … ], \"next\": \"<after>\" or null}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"departmentSource\":\"attribute\",\"departments\":["
                              + DEPARTMENT_EXAMPLE
                              + "],\"next\":null}")))
  public JsonObject list(
      @PathParam("tenant") String tenant,
      @Parameter(description = "The 'next' of the previous page; absent for the first.")
          @QueryParam("after")
          String after,
      @Parameter(description = "Page size, 1 to 1000 (default 100).") @QueryParam("limit")
          String limit) {
    TenantView found = DirectoryApi.existingTenant(tenants, tenant);
    ProductDirectory.DepartmentPage page =
        directory.departments(
            tenant,
            found.getDepartmentSource(),
            after,
            (int) EventsApi.number("limit", limit, 100, 1, 1000));
    JsonArrayBuilder departments = JSON.createArrayBuilder();
    page.departments().forEach(departments::add);
    JsonObjectBuilder answer =
        JSON.createObjectBuilder()
            .add("departmentSource", found.getDepartmentSource().value())
            .add("departments", departments);
    return (page.next() == null ? answer.addNull("next") : answer.add("next", page.next())).build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "readDepartment", summary = "Read one department of a tenant")
  @APIResponse(
      responseCode = "200",
      description = "The department.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "department", value = DEPARTMENT_EXAMPLE)))
  public JsonObject read(@PathParam("tenant") String tenant, @PathParam("id") String id) {
    TenantView found = DirectoryApi.existingTenant(tenants, tenant);
    return directory.department(tenant, found.getDepartmentSource(), id);
  }

  @GET
  @Path("{id}/members")
  @Operation(
      operationId = "listDepartmentMembers",
      summary = "List a department's members",
      description =
          "The users in the department, as the directory's users, inactive ones included: by"
              + " creation for an attribute department, in the order they were added for a"
              + " group's.")
  @APIResponse(
      responseCode = "200",
      description = "{\"members\": [ users ], \"next\": \"<after>\" or null}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "page",
                      value = "{\"members\":[" + DirectoryApi.USER_EXAMPLE + "],\"next\":null}")))
  public JsonObject members(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      @Parameter(description = "The 'next' of the previous page; absent for the first.")
          @QueryParam("after")
          String after,
      @Parameter(description = "Page size, 1 to 1000 (default 100).") @QueryParam("limit")
          String limit) {
    TenantView found = DirectoryApi.existingTenant(tenants, tenant);
    return DirectoryApi.usersPage(
        "members",
        directory.departmentMembers(
            tenant,
            found.getDepartmentSource(),
            id,
            EventsApi.number("after", after, 0, 0, Long.MAX_VALUE),
            (int) EventsApi.number("limit", limit, 100, 1, 1000)));
  }
}
