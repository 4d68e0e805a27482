package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceProviderConfigTest {

  private static final String BASE = "https://roster.example.com/scim/v2";

  private final JsonObject config =
      new ServiceProviderConfig(true, false, 1_048_576, true, 200, false, true, true).toJson(BASE);

  @Test
  void namesItsSchema() {
    assertEquals(
        List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        config.getJsonArray("schemas").getValuesAs(JsonString::getString));
  }

  @Test
  void reportsEachFeatureAsSupportedOrNot() {
    assertTrue(config.getJsonObject("patch").getBoolean("supported"));
    assertFalse(config.getJsonObject("bulk").getBoolean("supported"));
    assertTrue(config.getJsonObject("filter").getBoolean("supported"));
    assertFalse(config.getJsonObject("changePassword").getBoolean("supported"));
    assertTrue(config.getJsonObject("sort").getBoolean("supported"));
    assertTrue(config.getJsonObject("etag").getBoolean("supported"));
  }

  @Test
  void reportsTheOppositeFlagsToo() {
    JsonObject other =
        new ServiceProviderConfig(false, true, 10, false, 1, true, false, false).toJson(BASE);

    assertFalse(other.getJsonObject("patch").getBoolean("supported"));
    assertTrue(other.getJsonObject("bulk").getBoolean("supported"));
    assertFalse(other.getJsonObject("filter").getBoolean("supported"));
    assertTrue(other.getJsonObject("changePassword").getBoolean("supported"));
    assertFalse(other.getJsonObject("sort").getBoolean("supported"));
    assertFalse(other.getJsonObject("etag").getBoolean("supported"));
  }

  @Test
  void reportsLimits() {
    JsonObject bulk = config.getJsonObject("bulk");
    assertEquals(1_048_576, bulk.getJsonNumber("maxPayloadSize").longValueExact());
    assertEquals(0, bulk.getInt("maxOperations"));
    assertEquals(200, config.getJsonObject("filter").getInt("maxResults"));
  }

  @Test
  void offersBearerTokenAuthentication() {
    List<JsonObject> schemes =
        config.getJsonArray("authenticationSchemes").getValuesAs(JsonObject.class);

    assertTrue(
        schemes.stream().anyMatch(s -> s.getString("type").equals("oauthbearertoken")),
        schemes::toString);
    JsonObject bearer = schemes.get(0);
    assertFalse(bearer.getString("name").isBlank());
    assertFalse(bearer.getString("description").isBlank());
  }

  @Test
  void locatesItselfUnderTheBaseUrl() {
    JsonObject meta = config.getJsonObject("meta");

    assertEquals(BASE + "/ServiceProviderConfig", meta.getString("location"));
    assertEquals("ServiceProviderConfig", meta.getString("resourceType"));
  }
}
