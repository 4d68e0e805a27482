package dev.roster.scim.schema;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.SchemaUris;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * A resource type of RFC 7643 §6: the endpoint, core schema and schema extensions of one kind of
 * resource.
 */
public record ResourceType(
    String name, String endpoint, String description, Schema schema, List<Schema> extensions) {

  public static final ResourceType USER =
      new ResourceType(
          "User", "/Users", "User Account", CoreSchemas.USER, List.of(CoreSchemas.ENTERPRISE_USER));

  public static final ResourceType GROUP =
      new ResourceType("Group", "/Groups", "Group", CoreSchemas.GROUP, List.of());

  public ResourceType {
    extensions = List.copyOf(extensions);
  }

  /**
   * The resource type as {@code /ResourceTypes} returns it. Extensions are optional on every
   * resource.
   *
   * @param baseUrl the SCIM base URL without a trailing slash, for {@code meta.location}
   */
  public JsonObject toJson(String baseUrl) {
    JsonArrayBuilder schemaExtensions = JSON.createArrayBuilder();
    extensions.forEach(
        e ->
            schemaExtensions.add(
                JSON.createObjectBuilder().add("schema", e.id()).add("required", false)));
    return JSON.createObjectBuilder()
        .add("schemas", JSON.createArrayBuilder().add(SchemaUris.RESOURCE_TYPE))
        .add("id", name)
        .add("name", name)
        .add("endpoint", endpoint)
        .add("description", description)
        .add("schema", schema.id())
        .add("schemaExtensions", schemaExtensions)
        .add(
            "meta",
            JSON.createObjectBuilder()
                .add("resourceType", "ResourceType")
                .add("location", baseUrl + "/ResourceTypes/" + name))
        .build();
  }
}
