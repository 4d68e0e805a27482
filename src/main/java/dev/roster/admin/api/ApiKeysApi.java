package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.admin.control.Echo;
import dev.roster.apikeys.boundary.ApiKeyView;
import dev.roster.apikeys.boundary.ApiKeys;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/v1/api-keys}: the product's credentials for the admin API (docs/api-keys.md).
 * Only admin accounts manage them, never a key ({@link AdminScopeFilter}). A key's plaintext is in
 * the answer that issues it and nowhere else.
 */
@Path("api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@Tag(
    name = "API keys",
    description =
        "Credentials for the product that runs Roster: a bearer token for the admin API, with"
            + " scopes. Managed by admin accounts only.")
@APIResponse(
    responseCode = "401",
    description = "No or wrong HTTP Basic credentials of an admin (SCIM error body).")
@APIResponse(responseCode = "403", description = "An API key tried to manage API keys.")
public class ApiKeysApi {

  static final String KEY_EXAMPLE =
      "{\"id\":\"5c0e…\",\"prefix\":\"rk_7hq2mz4k\",\"label\":\"Training platform\","
          + "\"scopes\":[\"directory\"],\"status\":\"active\",\"created\":\"2026-12-03T10:15:30Z\","
          + "\"createdBy\":\"admin\",\"lastUsed\":\"2026-12-03T10:20:00Z\"}";

  @Inject ApiKeys keys;

  @Context UriInfo uriInfo;

  @Context SecurityContext security;

  @POST
  @Operation(
      operationId = "issueApiKey",
      summary = "Issue an API key",
      description =
          "Body: {\"label\": …, \"scopes\": [\"directory\", \"admin\"], \"expiresAt\": …}."
              + " 'directory' reads change feeds; 'admin' manages tenants and SCIM tokens and"
              + " reads the provisioning log. The answer holds the key's plaintext ('key'), this"
              + " once; send it as 'Authorization: Bearer <key>'.")
  @APIResponse(
      responseCode = "201",
      description = "The key, with its plaintext in 'key'.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "issued", value = KEY_EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "No or unknown scopes, a label too long, or an expiry not in the future.")
  public Response issue(JsonObject body) {
    JsonObject request = TenantsApi.required(body);
    ApiKeys.Issued issued =
        keys.issue(
            AdminJson.string(request, "label").orElse(null),
            scopes(request.get("scopes")),
            AdminJson.instant(request, "expiresAt").orElse(null),
            security.getUserPrincipal().getName());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(issued.key().getId()).build())
        .entity(json(issued.key()).add("key", issued.plaintext()).build())
        .build();
  }

  @GET
  @Operation(
      operationId = "listApiKeys",
      summary = "List the API keys",
      description = "Newest first, revoked and expired ones included; never a plaintext or hash.")
  @APIResponse(responseCode = "200", description = "{\"apiKeys\": [key, …]}")
  public JsonObject list() {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    keys.list().forEach(key -> list.add(json(key)));
    return JSON.createObjectBuilder().add("apiKeys", list).build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "readApiKey", summary = "Read an API key")
  @APIResponse(responseCode = "200", description = "The key.")
  @APIResponse(responseCode = "404", description = "No such key.")
  public JsonObject read(@PathParam("id") String id) {
    return json(keys.find(id)
            .orElseThrow(
                () -> ScimException.notFound("There is no API key '" + Echo.of(id) + "'.")))
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeApiKey",
      summary = "Revoke an API key",
      description = "It stops working at once, on every instance. The key stays listed.")
  @APIResponse(responseCode = "200", description = "The revoked key.")
  @APIResponse(responseCode = "404", description = "No such key.")
  public JsonObject revoke(@PathParam("id") String id) {
    return json(keys.revoke(id)).build();
  }

  @POST
  @Path("{id}/revoke")
  @Operation(operationId = "revokeApiKeyByPost", summary = "Revoke an API key (POST form)")
  @APIResponse(responseCode = "200", description = "The revoked key.")
  @APIResponse(responseCode = "404", description = "No such key.")
  public JsonObject revokeByPost(@PathParam("id") String id) {
    return revoke(id);
  }

  static JsonObjectBuilder json(ApiKeyView key) {
    JsonArrayBuilder scopes = JSON.createArrayBuilder();
    key.getScopes().forEach(scope -> scopes.add(scope.key()));
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", key.getId())
            .add("prefix", key.getPrefix())
            .add("label", key.getLabel())
            .add("scopes", scopes)
            .add("status", key.getStatus())
            .add("created", AdminJson.time(key.getCreatedAt()))
            .add("createdBy", key.getCreatedBy());
    key.getExpiresAt().ifPresent(t -> json.add("expiresAt", AdminJson.time(t)));
    key.getLastUsedAt().ifPresent(t -> json.add("lastUsed", AdminJson.time(t)));
    key.getRevokedAt().ifPresent(t -> json.add("revokedAt", AdminJson.time(t)));
    return json;
  }

  private static Set<Scope> scopes(JsonValue value) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ScimException.invalidValue(
          "\"scopes\" must be a non-empty array of \"directory\" and \"admin\".");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (JsonValue element : array) {
      String key = element instanceof JsonString s ? s.getString() : String.valueOf(element);
      scopes.add(
          Scope.of(key)
              .orElseThrow(
                  () ->
                      ScimException.invalidValue(
                          "Unknown scope '"
                              + Echo.of(key)
                              + "': the scopes are \"directory\" and \"admin\".")));
    }
    return scopes;
  }
}
