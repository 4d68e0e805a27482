package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.users.boundary.Deprovisionings;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/v1/tenants/{tenant}/deprovisionings}: what a mass deprovisioning held for
 * review, and the decisions on it (docs/deprovisioning-hold.md).
 */
@ApiKeyScope(Scope.ADMIN)
@Path("tenants/{tenant}/deprovisionings")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(
    name = "Deprovisioning hold",
    description = "Deactivations and deletions held for review when too many come at once.")
@APIResponse(responseCode = "401", description = "No or wrong credentials (SCIM error body).")
@APIResponse(
    responseCode = "404",
    description = "No such tenant.",
    content = @Content(mediaType = ScimMediaType.SCIM_JSON))
@APIResponse(
    responseCode = "400",
    description = "A state, limit or body that is not one described (scimType invalidValue).",
    content = @Content(mediaType = ScimMediaType.SCIM_JSON))
public class DeprovisioningsApi {

  static final String EXAMPLE =
      "{\"threshold\":{\"enabled\":true,\"percent\":10,\"minimum\":50},\"held\":1,"
          + "\"deprovisionings\":[{\"id\":\"6f0c…\",\"userId\":\"2819c223-…\","
          + "\"kind\":\"deactivate\",\"occurred\":\"2026-12-04T10:00:00Z\","
          + "\"request\":\"PATCH /Users/2819c223-…\",\"state\":\"held\",\"user\":{\"id\":"
          + "\"2819c223-…\",\"userName\":\"bjensen@contoso.com\",\"active\":true},"
          + "\"decidedBy\":null,\"decidedAt\":null}]}";

  @Inject Tenants tenants;

  @Inject Deprovisionings deprovisionings;

  @Context SecurityContext security;

  @GET
  @Operation(
      operationId = "listDeprovisionings",
      summary = "What is held, and what was decided",
      description =
          "Newest first: the held deactivations and deletions (state=held, the default), or"
              + " those released, rejected or resolved (the identity provider reactivated the"
              + " user), or state=all. 'held' counts those awaiting review: poll it, or follow"
              + " the deprovisioning.held event.")
  @APIResponse(
      responseCode = "200",
      description = "The tenant's threshold, how many are held, and the deprovisionings.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "held", value = EXAMPLE)))
  public JsonObject list(
      @PathParam("tenant") String tenant,
      @Parameter(description = "held (default), released, rejected, resolved or all")
          @QueryParam("state")
          String state,
      @Parameter(description = "At most this many, 1 to 1000 (default 100).") @QueryParam("limit")
          String limit) {
    TenantView found = DirectoryApi.existingTenant(tenants, tenant);
    String chosen = state == null ? "held" : state;
    JsonArrayBuilder list = JSON.createArrayBuilder();
    deprovisionings
        .list(
            tenant,
            chosen.equals("all") ? null : chosen,
            (int) EventsApi.number("limit", limit, 100, 1, 1000))
        .forEach(d -> list.add(d.json()));
    return JSON.createObjectBuilder()
        .add("threshold", AdminJson.hold(found.getHoldThreshold()))
        .add("held", deprovisionings.countHeld(tenant))
        .add("deprovisionings", list)
        .build();
  }

  @POST
  @Path("release")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "releaseDeprovisionings",
      summary = "Release held deprovisionings",
      description =
          "Body {\"ids\": [\"…\"]} or {\"all\": true}. Each held deprovisioning takes effect for"
              + " the product: a deprovisioning.released event, then the events it held back"
              + " (user.deactivated, user.deleted) in their order. Who decided is recorded.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "all", value = "{\"all\":true}")))
  @APIResponse(
      responseCode = "200",
      description = "{\"decided\": n, \"held\": what is still held}",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  public JsonObject release(@PathParam("tenant") String tenant, JsonObject body) {
    return decide(tenant, body, true);
  }

  @POST
  @Path("reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "rejectDeprovisionings",
      summary = "Reject held deprovisionings",
      description =
          "Body {\"ids\": [\"…\"]} or {\"all\": true}. The users stay active for the product"
              + " (the identity provider still sees them as it asked); the events held back are"
              + " dropped and a deprovisioning.rejected event names the users. If the identity"
              + " provider later reactivates one, its hold resolves itself.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "some", value = "{\"ids\":[\"6f0c…\"]}")))
  @APIResponse(
      responseCode = "200",
      description = "{\"decided\": n, \"held\": what is still held}",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  public JsonObject reject(@PathParam("tenant") String tenant, JsonObject body) {
    return decide(tenant, body, false);
  }

  private JsonObject decide(String tenant, JsonObject body, boolean release) {
    DirectoryApi.existingTenant(tenants, tenant);
    JsonObject request = TenantsApi.required(body);
    String by = security.getUserPrincipal().getName();
    long decided = 0;
    if (AdminJson.bool(request, "all").orElse(false)) {
      List<String> ids;
      while (!(ids = deprovisionings.heldIds(tenant)).isEmpty()) {
        int part = deprovisionings.decide(tenant, ids, release, by);
        if (part == 0) {
          break; // another admin decided these meanwhile
        }
        decided += part;
      }
    } else {
      List<String> ids = ids(request);
      for (int from = 0; from < ids.size(); from += Deprovisionings.PART) {
        decided +=
            deprovisionings.decide(
                tenant,
                ids.subList(from, Math.min(ids.size(), from + Deprovisionings.PART)),
                release,
                by);
      }
    }
    return JSON.createObjectBuilder()
        .add("decided", decided)
        .add("held", deprovisionings.countHeld(tenant))
        .build();
  }

  private static List<String> ids(JsonObject request) {
    JsonValue ids = request.get("ids");
    if (!(ids instanceof jakarta.json.JsonArray array)) {
      throw ScimException.invalidValue(
          "Name the deprovisionings as {\"ids\": [...]}, or send {\"all\": true}.");
    }
    List<String> list = new ArrayList<>();
    for (JsonValue id : array) {
      if (!(id instanceof JsonString s)) {
        throw ScimException.invalidValue("'ids' must hold strings.");
      }
      list.add(s.getString());
    }
    return list;
  }
}
