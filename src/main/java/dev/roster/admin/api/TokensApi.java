package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.admin.boundary.ScimBaseUrl;
import dev.roster.admin.control.Echo;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.IssuedToken;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.tenants.boundary.TokenView;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/v1/tenants/{tenant}/tokens}: issue, list and revoke a tenant's bearer tokens.
 * The plaintext of a token is in the response that issues it and nowhere else, ever: the product
 * that embeds Roster shows it to its customer at once, next to the SCIM base URL.
 */
@ApiKeyScope(Scope.ADMIN)
@Path("tenants/{tenant}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(name = "Tokens", description = "The bearer tokens with which a tenant's SCIM client calls.")
@APIResponse(
    responseCode = "401",
    description = "No or wrong HTTP Basic credentials of an admin (SCIM error body).")
@APIResponse(responseCode = "404", description = "No such tenant (or token).")
public class TokensApi {

  static final String TOKEN_EXAMPLE =
      "{\"id\":\"9b1de…\",\"tenant\":\"acme\",\"prefix\":\"rst_k3j9x2ab\",\"label\":\"Entra ID\","
          + "\"status\":\"active\",\"created\":\"2026-11-23T10:15:30Z\","
          + "\"expiresAt\":\"2027-11-23T00:00:00Z\",\"lastUsed\":\"2026-11-23T10:20:00Z\"}";

  @Inject Tenants tenants;

  @Context UriInfo uriInfo;

  @Context HttpServletRequest request;

  @POST
  @Operation(
      operationId = "issueToken",
      summary = "Issue a token",
      description =
          "Body {\"label\": \"Entra ID\", \"expiresAt\"?: \"2027-11-23T00:00:00Z\"} (a date such"
              + " as 2027-11-23 means its start in UTC). The label has at most 200 characters,"
              + " and the expiry lies no later than 9999-12-31T23:59:59Z. The response holds the"
              + " token's plaintext in 'token', once: it is stored only as a hash and cannot be"
              + " read again. It also"
              + " holds 'scimBaseUrl', the URL to configure in Entra ID (Tenant URL) or Okta"
              + " (Base URL) with the token.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "token",
                      value = "{\"label\":\"Entra ID\",\"expiresAt\":\"2027-11-23\"}")))
  @APIResponse(
      responseCode = "201",
      description = "The token, with its plaintext in 'token' (shown this once) and 'scimBaseUrl'.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "issued",
                      value =
                          "{\"id\":\"9b1de…\",\"tenant\":\"acme\",\"prefix\":\"rst_k3j9x2ab\","
                              + "\"label\":\"Entra ID\",\"status\":\"active\","
                              + "\"created\":\"2026-11-23T10:15:30Z\","
                              + "\"token\":\"rst_k3j9x2ab_…\","
                              + "\"scimBaseUrl\":\"https://roster.example.com/scim/v2\"}")))
  @APIResponse(
      responseCode = "400",
      description = "A label that is too long, or an expiry that is not in the future.")
  public Response issue(@PathParam("tenant") String tenant, JsonObject body) {
    JsonObject request = TenantsApi.required(body);
    IssuedToken issued =
        tenants.issueToken(
            tenant,
            AdminJson.string(request, "label").orElse(null),
            AdminJson.instant(request, "expiresAt").orElse(null));
    JsonObject entity =
        AdminJson.token(issued.token())
            .add("token", issued.plaintext())
            .add("scimBaseUrl", ScimBaseUrl.of(this.request))
            .build();
    return Response.created(uriInfo.getAbsolutePathBuilder().path(issued.token().getId()).build())
        .entity(entity)
        .build();
  }

  @GET
  @Operation(
      operationId = "listTokens",
      summary = "List a tenant's tokens",
      description =
          "Newest first, revoked and expired ones included. Never the plaintext or its hash;"
              + " the prefix identifies a token.")
  @APIResponse(
      responseCode = "200",
      description = "{\"tokens\": [token, …]}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(name = "tokens", value = "{\"tokens\":[" + TOKEN_EXAMPLE + "]}")))
  public JsonObject list(@PathParam("tenant") String tenant) {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    tenants.listTokens(tenant).forEach(token -> list.add(AdminJson.token(token)));
    return JSON.createObjectBuilder().add("tokens", list).build();
  }

  @GET
  @Path("{token}")
  @Operation(
      operationId = "readToken",
      summary = "Read a token",
      description = "Without its plaintext or hash.")
  @APIResponse(
      responseCode = "200",
      description = "The token.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "token", value = TOKEN_EXAMPLE)))
  public JsonObject read(@PathParam("tenant") String tenant, @PathParam("token") String tokenId) {
    TokenView token =
        tenants.listTokens(tenant).stream()
            .filter(t -> t.getId().equals(tokenId))
            .findFirst()
            .orElseThrow(
                () ->
                    ScimException.notFound(
                        "Tenant '" + Echo.of(tenant) + "' has no token " + Echo.of(tokenId) + "."));
    return AdminJson.token(token).build();
  }

  @DELETE
  @Path("{token}")
  @Operation(
      operationId = "revokeToken",
      summary = "Revoke a token",
      description =
          "The token is refused with 401 from now on. It stays in the list, as revoked. Revoking"
              + " a revoked token changes nothing.")
  @APIResponse(responseCode = "200", description = "The token, now revoked.")
  public JsonObject revoke(@PathParam("tenant") String tenant, @PathParam("token") String tokenId) {
    return AdminJson.token(tenants.revokeToken(tenant, tokenId)).build();
  }

  @POST
  @Path("{token}/revoke")
  @Operation(
      operationId = "revokeTokenByPost",
      summary = "Revoke a token (for clients that cannot send DELETE)",
      description = "The same as DELETE on the token.")
  @APIResponse(responseCode = "200", description = "The token, now revoked.")
  public JsonObject revokeByPost(
      @PathParam("tenant") String tenant, @PathParam("token") String tokenId) {
    return revoke(tenant, tokenId);
  }
}
