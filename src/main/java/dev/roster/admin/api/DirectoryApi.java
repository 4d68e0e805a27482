package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.admin.control.Echo;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
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
 * A tenant's users in the product's terms (docs/directory-api.md), paged in creation order. With
 * the change feed's {@code latest} read before the first page, a product copies the directory and
 * then follows the feed from there without missing a change.
 */
@ApiKeyScope(Scope.DIRECTORY)
@Path("tenants/{tenant}/users")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(name = "Directory", description = "A tenant's users as the product uses them.")
@APIResponse(responseCode = "401", description = "No or wrong credentials (SCIM error body).")
@APIResponse(
    responseCode = "404",
    description = "No such tenant (or user).",
    content = @Content(mediaType = ScimMediaType.SCIM_JSON))
public class DirectoryApi {

  static final String USER_EXAMPLE =
      "{\"id\":\"2819c223-…\",\"externalId\":\"5e1f…\",\"userName\":\"bjensen@contoso.com\","
          + "\"email\":\"barbara.jensen@contoso.com\",\"givenName\":\"Barbara\","
          + "\"familyName\":\"Jensen\",\"displayName\":\"Barbara Jensen\",\"active\":true,"
          + "\"department\":\"Sales\",\"title\":\"Account manager\","
          + "\"manager\":{\"id\":\"26118915-…\",\"name\":\"Kim Akers\"},"
          + "\"departments\":[{\"id\":\"attr-c2FsZXM\",\"name\":\"Sales\","
          + "\"source\":\"attribute\"}],"
          + "\"groups\":[{\"id\":\"e9e30dba-…\",\"displayName\":\"Sales EMEA\",\"type\":\"direct\"}]}";

  @Inject Tenants tenants;

  @Inject ProductDirectory directory;

  @GET
  @Operation(
      operationId = "listDirectoryUsers",
      summary = "List a tenant's users",
      description =
          "In creation order, inactive ones included. Pass each answer's 'next' as 'after' until"
              + " it is null.")
  @APIResponse(
      responseCode = "200",
      description = "{\"users\": [ … ], \"next\": \"<after for the next page>\" or null}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "page",
                      value = "{\"users\":[" + USER_EXAMPLE + "],\"next\":\"1042\"}")))
  @APIResponse(
      responseCode = "400",
      description = "after or limit is not a number in range (scimType invalidValue).",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  public JsonObject list(
      @PathParam("tenant") String tenant,
      @Parameter(description = "The 'next' of the previous page; absent for the first.")
          @QueryParam("after")
          String after,
      @Parameter(description = "Page size, 1 to 1000 (default 100).") @QueryParam("limit")
          String limit) {
    TenantView found = requireTenant(tenant);
    ProductDirectory.Page page =
        directory.users(
            tenant,
            found.getDepartmentSource(),
            EventsApi.number("after", after, 0, 0, Long.MAX_VALUE),
            (int) EventsApi.number("limit", limit, 100, 1, 1000));
    return usersPage("users", page);
  }

  /** A page of users as {@code {"<field>": [...], "next": "<after>" or null}}. */
  static JsonObject usersPage(String field, ProductDirectory.Page page) {
    JsonArrayBuilder users = JSON.createArrayBuilder();
    page.users().forEach(users::add);
    JsonObjectBuilder answer = JSON.createObjectBuilder().add(field, users);
    return (page.next() == null
            ? answer.addNull("next")
            : answer.add("next", Long.toString(page.next())))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "readDirectoryUser", summary = "Read one user of a tenant")
  @APIResponse(
      responseCode = "200",
      description = "The user.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
  public JsonObject read(@PathParam("tenant") String tenant, @PathParam("id") String id) {
    return directory.user(tenant, requireTenant(tenant).getDepartmentSource(), id);
  }

  private TenantView requireTenant(String tenant) {
    return existingTenant(tenants, tenant);
  }

  static TenantView existingTenant(Tenants tenants, String tenant) {
    return tenants
        .findTenant(tenant)
        .orElseThrow(() -> ScimException.notFound("There is no tenant '" + Echo.of(tenant) + "'."));
  }
}
