package dev.roster.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceTypeTest {

  private static final String BASE = "https://roster.example.com/scim/v2";

  @Test
  void userResourceTypeIsTheRfcExample() {
    JsonObject user = ResourceType.USER.toJson(BASE);

    assertEquals(
        List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
        user.getJsonArray("schemas").getValuesAs(JsonString::getString));
    assertEquals("User", user.getString("id"));
    assertEquals("User", user.getString("name"));
    assertEquals("/Users", user.getString("endpoint"));
    assertEquals("User Account", user.getString("description"));
    assertEquals("urn:ietf:params:scim:schemas:core:2.0:User", user.getString("schema"));
    List<JsonObject> extensions =
        user.getJsonArray("schemaExtensions").getValuesAs(JsonObject.class);
    assertEquals(1, extensions.size());
    assertEquals(
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        extensions.get(0).getString("schema"));
    assertFalse(extensions.get(0).getBoolean("required"));
    assertEquals("ResourceType", user.getJsonObject("meta").getString("resourceType"));
    assertEquals(BASE + "/ResourceTypes/User", user.getJsonObject("meta").getString("location"));
  }

  @Test
  void groupResourceTypeHasNoExtensions() {
    JsonObject group = ResourceType.GROUP.toJson(BASE);

    assertEquals("Group", group.getString("id"));
    assertEquals("/Groups", group.getString("endpoint"));
    assertEquals("urn:ietf:params:scim:schemas:core:2.0:Group", group.getString("schema"));
    assertTrue(group.getJsonArray("schemaExtensions").isEmpty());
    assertEquals(BASE + "/ResourceTypes/Group", group.getJsonObject("meta").getString("location"));
  }

  @Test
  void resourceTypesUseTheCoreSchemas() {
    assertEquals(CoreSchemas.USER, ResourceType.USER.schema());
    assertEquals(List.of(CoreSchemas.ENTERPRISE_USER), ResourceType.USER.extensions());
    assertEquals(CoreSchemas.GROUP, ResourceType.GROUP.schema());
  }
}
