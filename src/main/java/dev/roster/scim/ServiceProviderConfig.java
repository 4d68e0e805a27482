package dev.roster.scim;

import static dev.roster.scim.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * What the server supports, as RFC 7643 §5 describes it. Authentication is always the bearer token
 * of RFC 6750, which the RFC names {@code oauthbearertoken}.
 *
 * @param patch PATCH (RFC 7644 §3.5.2)
 * @param bulk /Bulk (§3.7); while it is unsupported, maxOperations is 0
 * @param maxPayloadSize the largest request body accepted, in bytes, for every request
 * @param filter filtering (§3.4.2.2)
 * @param maxResults the largest page a query returns
 * @param changePassword changing {@code password}
 * @param sort sorting (§3.4.2.3)
 * @param etag ETags and preconditions (§3.14)
 */
public record ServiceProviderConfig(
    boolean patch,
    boolean bulk,
    long maxPayloadSize,
    boolean filter,
    int maxResults,
    boolean changePassword,
    boolean sort,
    boolean etag) {

  /**
   * The configuration resource.
   *
   * @param baseUrl the SCIM base URL without a trailing slash, for {@code meta.location}
   */
  public JsonObject toJson(String baseUrl) {
    return JSON.createObjectBuilder()
        .add("schemas", JSON.createArrayBuilder().add(SchemaUris.SERVICE_PROVIDER_CONFIG))
        .add("patch", supported(patch))
        .add("bulk", supported(bulk).add("maxOperations", 0).add("maxPayloadSize", maxPayloadSize))
        .add("filter", supported(filter).add("maxResults", maxResults))
        .add("changePassword", supported(changePassword))
        .add("sort", supported(sort))
        .add("etag", supported(etag))
        .add(
            "authenticationSchemes",
            JSON.createArrayBuilder()
                .add(
                    JSON.createObjectBuilder()
                        .add("type", "oauthbearertoken")
                        .add("name", "OAuth Bearer Token")
                        .add(
                            "description",
                            "A bearer token issued by the Roster admin console for one tenant,"
                                + " sent as 'Authorization: Bearer <token>'.")
                        .add("specUri", "https://www.rfc-editor.org/info/rfc6750")
                        .add("primary", true)))
        .add(
            "meta",
            JSON.createObjectBuilder()
                .add("resourceType", "ServiceProviderConfig")
                .add("location", baseUrl + "/ServiceProviderConfig"))
        .build();
  }

  private static JsonObjectBuilder supported(boolean value) {
    return JSON.createObjectBuilder().add("supported", value);
  }
}
