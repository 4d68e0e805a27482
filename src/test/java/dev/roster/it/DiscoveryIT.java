package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Discovery (RFC 7644 §4) must say what the server does. These tests read what is advertised and
 * check it against behaviour, in both directions, so they fail when a feature lands without its
 * discovery change or the other way round.
 */
class DiscoveryIT extends BlackBox {

  /** Resource endpoints a SCIM server may have; each answers if and only if it is advertised. */
  static final Map<String, String> KNOWN_ENDPOINTS = Map.of("User", "/Users", "Group", "/Groups");

  // The documents themselves

  @Test
  void serviceProviderConfigDescribesBearerAuthenticationAndEveryFeature() {
    JsonObject config = ok("/ServiceProviderConfig");
    assertEquals(
        "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
        config.getJsonArray("schemas").getString(0));
    for (String feature : List.of("patch", "bulk", "filter", "changePassword", "sort", "etag")) {
      assertNotNull(config.getJsonObject(feature).get("supported"), feature);
    }
    assertTrue(config.getJsonObject("bulk").containsKey("maxOperations"));
    assertTrue(config.getJsonObject("bulk").getJsonNumber("maxPayloadSize").longValue() > 0);
    assertTrue(config.getJsonObject("filter").getJsonNumber("maxResults").intValue() > 0);
    assertTrue(
        config.getJsonArray("authenticationSchemes").getValuesAs(JsonObject.class).stream()
            .anyMatch(s -> s.getString("type").equals("oauthbearertoken")));
    assertEquals("ServiceProviderConfig", config.getJsonObject("meta").getString("resourceType"));
    assertEquals(config, okAt(config.getJsonObject("meta").getString("location")));
  }

  @Test
  void schemasListsUserEnterpriseUserAndGroup() {
    JsonObject list = ok("/Schemas");
    assertListResponse(list);
    Set<String> ids =
        list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
            .map(s -> s.getString("id"))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:core:2.0:Group"),
        ids);
    // Microsoft's test collection looks for the User schema's description.
    assertTrue(list.toString().contains("User Account"));
  }

  @Test
  void everySchemaIsServedAtItsLocationAndByItsUrn() {
    for (JsonObject schema :
        ok("/Schemas").getJsonArray("Resources").getValuesAs(JsonObject.class)) {
      assertEquals(schema, ok("/Schemas/" + schema.getString("id")));
      assertEquals(schema, okAt(schema.getJsonObject("meta").getString("location")));
      assertEquals("Schema", schema.getJsonObject("meta").getString("resourceType"));
      assertNoNulls(schema);
    }
  }

  @Test
  void schemaUrnsAreFoundWithoutRegardToCase() {
    assertEquals(
        ok("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"),
        ok("/Schemas/URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"));
  }

  @Test
  void unknownSchemaAndResourceTypeAre404() {
    assertScimError(scim.get("/Schemas/urn:example:nope", ACME_TOKEN), 404, null);
    assertScimError(scim.get("/ResourceTypes/Printer", ACME_TOKEN), 404, null);
  }

  @Test
  void discoveryRefusesFiltersWith403() {
    for (String path : List.of("/Schemas", "/ResourceTypes", "/ServiceProviderConfig")) {
      assertScimError(scim.get(path + "?filter=id+eq+%22x%22", ACME_TOKEN), 403, null);
    }
  }

  @Test
  void discoveryIgnoresPagingAndSorting() {
    assertEquals(ok("/Schemas"), ok("/Schemas?startIndex=2&count=1&sortBy=name"));
  }

  // Advertised resource types against the endpoints that answer

  @Test
  void everyAdvertisedResourceTypeIsServed() {
    JsonObject types = ok("/ResourceTypes");
    assertListResponse(types);
    Set<String> schemaIds =
        ok("/Schemas").getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
            .map(s -> s.getString("id"))
            .collect(Collectors.toSet());
    for (JsonObject type : types.getJsonArray("Resources").getValuesAs(JsonObject.class)) {
      assertEquals(type, ok("/ResourceTypes/" + type.getString("id")));
      assertEquals(type, okAt(type.getJsonObject("meta").getString("location")));
      assertTrue(schemaIds.contains(type.getString("schema")), type::toString);
      for (JsonObject extension :
          type.getJsonArray("schemaExtensions").getValuesAs(JsonObject.class)) {
        assertTrue(schemaIds.contains(extension.getString("schema")), type::toString);
      }
      assertListResponse(ok(type.getString("endpoint")));
    }
  }

  @Test
  void everyResourceEndpointThatAnswersIsAdvertised() {
    Set<String> advertised = advertisedEndpoints();
    for (String endpoint : KNOWN_ENDPOINTS.values()) {
      ScimClient.Reply reply = scim.get(endpoint, ACME_TOKEN);
      if (advertised.contains(endpoint)) {
        assertEquals(200, reply.status(), reply::toString);
      } else {
        assertScimError(reply, 404, null);
      }
    }
  }

  @Test
  void bulkAnswersIfAndOnlyIfAdvertised() {
    boolean supported = feature("bulk");
    ScimClient.Reply reply =
        scim.send(
            scim.request("/Bulk", ACME_TOKEN)
                .header("Content-Type", "application/scim+json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                            + "\"Operations\":[]}")));
    assertEquals(supported, reply.status() != 404 && reply.status() != 501, reply::toString);
  }

  // Feature flags against behaviour, on a resource of each advertised type

  @Test
  void advertisedFeaturesWorkOnEveryResourceType() {
    JsonObject config = ok("/ServiceProviderConfig");
    for (JsonObject type :
        ok("/ResourceTypes").getJsonArray("Resources").getValuesAs(JsonObject.class)) {
      String endpoint = type.getString("endpoint");
      ScimClient.Reply created = createMinimal(type);
      assertEquals(201, created.status(), created::toString);
      String id = created.json().getString("id");
      try {
        ScimClient.Reply read = scim.get(endpoint + "/" + id, ACME_TOKEN);
        assertEquals(200, read.status(), read::toString);
        assertEquals(feature("etag"), read.header("ETag").isPresent(), "etag: " + read);

        ScimClient.Reply patched =
            scim.send(
                scim.request(endpoint + "/" + id, ACME_TOKEN)
                    .header("Content-Type", "application/scim+json")
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                                + "\"Operations\":[]}")));
        assertEquals(
            feature("patch"),
            patched.status() == 200 || patched.status() == 204,
            "patch: " + patched);

        ScimClient.Reply filtered =
            scim.get(endpoint + "?filter=id+eq+%22" + id + "%22", ACME_TOKEN);
        assertEquals(feature("filter"), filtered.status() == 200, "filter: " + filtered);
        if (feature("filter")) {
          assertEquals(1, filtered.json().getInt("totalResults"), filtered::toString);
          int max = config.getJsonObject("filter").getInt("maxResults");
          ScimClient.Reply page = scim.get(endpoint + "?count=" + (max + 1), ACME_TOKEN);
          assertTrue(page.json().getInt("itemsPerPage") <= max, page::toString);
        }

        ScimClient.Reply sorted = scim.get(endpoint + "?sortBy=meta.created", ACME_TOKEN);
        assertEquals(feature("sort"), sorted.status() == 200, "sort: " + sorted);
      } finally {
        ScimClient.Reply deleted =
            scim.send(scim.request(endpoint + "/" + id, ACME_TOKEN).DELETE());
        assertEquals(204, deleted.status(), deleted::toString);
      }
    }
  }

  /** A resource with just its schema's required attributes, each a fresh string. */
  private ScimClient.Reply createMinimal(JsonObject type) {
    JsonObject schema = ok("/Schemas/" + type.getString("schema"));
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("schemas", Json.createArrayBuilder().add(schema.getString("id")));
    for (JsonObject attribute : schema.getJsonArray("attributes").getValuesAs(JsonObject.class)) {
      if (attribute.getBoolean("required")) {
        assertEquals(
            "string", attribute.getString("type"), "a required attribute this test can fill");
        body.add(attribute.getString("name"), "discovery-" + UUID.randomUUID());
      }
    }
    return scim.send(
        scim.request(type.getString("endpoint"), ACME_TOKEN)
            .header("Content-Type", "application/scim+json")
            .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
  }

  // Helpers

  private Set<String> advertisedEndpoints() {
    return ok("/ResourceTypes").getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
        .map(t -> t.getString("endpoint"))
        .collect(Collectors.toSet());
  }

  private boolean feature(String name) {
    return ok("/ServiceProviderConfig").getJsonObject(name).getBoolean("supported");
  }

  private JsonObject ok(String path) {
    return assertScimJson(scim.get(path, ACME_TOKEN), 200);
  }

  /** GET of an absolute location, which must lie under this server's SCIM base. */
  private JsonObject okAt(String location) {
    assertTrue(location.startsWith(scim.base() + "/"), () -> location + " outside " + scim.base());
    return ok(URI.create(location).getPath().substring(URI.create(scim.base()).getPath().length()));
  }

  private static void assertListResponse(JsonObject list) {
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:ListResponse",
        list.getJsonArray("schemas").getString(0));
    assertEquals(list.getJsonArray("Resources").size(), list.getInt("itemsPerPage"));
    assertTrue(list.getInt("totalResults") >= list.getJsonArray("Resources").size());
    assertEquals(1, list.getInt("startIndex"));
  }

  private static void assertNoNulls(JsonValue value) {
    switch (value.getValueType()) {
      case NULL -> throw new AssertionError("null value in discovery document");
      case OBJECT -> value.asJsonObject().values().forEach(DiscoveryIT::assertNoNulls);
      case ARRAY -> value.asJsonArray().forEach(DiscoveryIT::assertNoNulls);
      default -> {
        // strings, numbers and booleans are fine
      }
    }
  }
}
