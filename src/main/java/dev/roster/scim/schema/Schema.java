package dev.roster.scim.schema;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.SchemaUris;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A schema of RFC 7643 §7: a URN, a name, a description and its attributes. The common attributes
 * {@code id}, {@code externalId} and {@code meta} (§3.1) belong to every resource and are not part
 * of any schema's attribute list.
 */
public record Schema(String id, String name, String description, List<Attribute> attributes) {

  public Schema {
    attributes = List.copyOf(attributes);
  }

  /** The attribute of that name, ignoring case (RFC 7643 §2.1). */
  public Optional<Attribute> attribute(String attributeName) {
    return attributes.stream().filter(a -> a.name().equalsIgnoreCase(attributeName)).findFirst();
  }

  /**
   * The schema resource as {@code /Schemas} returns it.
   *
   * @param baseUrl the SCIM base URL without a trailing slash, for {@code meta.location}
   */
  public JsonObject toJson(String baseUrl) {
    JsonArrayBuilder attributeArray = JSON.createArrayBuilder();
    attributes.forEach(a -> attributeArray.add(a.toJson()));
    return JSON.createObjectBuilder()
        .add("schemas", JSON.createArrayBuilder().add(SchemaUris.SCHEMA))
        .add("id", id)
        .add("name", name)
        .add("description", description)
        .add("attributes", attributeArray)
        .add(
            "meta",
            JSON.createObjectBuilder()
                .add("resourceType", "Schema")
                .add("location", baseUrl + "/Schemas/" + id))
        .build();
  }
}
