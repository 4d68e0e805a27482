package dev.roster.scim.schema;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.SchemaUris;
import dev.roster.scim.filter.AttributePath;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

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
   * This type with more extensions after its own: a tenant's user type with the extensions its
   * admin defined (docs/custom-attributes.md). The same instance when there are none.
   */
  public ResourceType withExtensions(List<Schema> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Schema> all = new java.util.ArrayList<>(extensions);
    all.addAll(more);
    return new ResourceType(name, endpoint, description, schema, all);
  }

  /**
   * Resolves a path against this type's schemas, ignoring case (RFC 7643 §2.1). An unqualified name
   * is looked up among the common attributes, then the core schema, then the extensions, so that
   * {@code manager} finds the enterprise extension's manager as Entra ID's older requests expect. A
   * path that is an extension's URN names the whole extension object.
   *
   * @return empty when the path names nothing this type has
   */
  public Optional<ResolvedPath> resolve(AttributePath path) {
    Optional<ResolvedPath> attribute =
        path.schemaUrn() == null ? resolveUnqualified(path.attribute()) : resolveQualified(path);
    if (attribute.isEmpty() || path.subAttribute() == null) {
      return attribute;
    }
    ResolvedPath parent = attribute.get();
    if (parent.subAttribute() != null || parent.attribute().type() != Attribute.Type.COMPLEX) {
      return Optional.empty();
    }
    return parent
        .attribute()
        .subAttribute(path.subAttribute())
        .map(sub -> new ResolvedPath(parent.schema(), parent.attribute(), sub, parent.container()));
  }

  /** The extension with that URN, ignoring case. */
  public Optional<Schema> extension(String urn) {
    return extensions.stream().filter(e -> e.id().equalsIgnoreCase(urn)).findFirst();
  }

  /** The extension's attributes as one complex attribute named after its URN. */
  public static Attribute wholeExtension(Schema extension) {
    return Attribute.complex(extension.id(), extension.attributes().toArray(Attribute[]::new));
  }

  private Optional<ResolvedPath> resolveUnqualified(String name) {
    for (Attribute common : CoreSchemas.COMMON) {
      if (common.name().equalsIgnoreCase(name)) {
        return Optional.of(new ResolvedPath(null, common, null, null));
      }
    }
    Optional<Attribute> core = schema.attribute(name);
    if (core.isPresent()) {
      return Optional.of(new ResolvedPath(schema, core.get(), null, null));
    }
    for (Schema extension : extensions) {
      Optional<Attribute> attribute = extension.attribute(name);
      if (attribute.isPresent()) {
        return Optional.of(new ResolvedPath(extension, attribute.get(), null, extension.id()));
      }
    }
    return Optional.empty();
  }

  private Optional<ResolvedPath> resolveQualified(AttributePath path) {
    String urn = path.schemaUrn();
    if (schema.id().equalsIgnoreCase(urn)) {
      return resolveUnqualified(path.attribute()).filter(r -> r.container() == null);
    }
    Optional<Schema> extension = extension(urn);
    if (extension.isPresent()) {
      Schema ext = extension.get();
      return ext.attribute(path.attribute())
          .map(attribute -> new ResolvedPath(ext, attribute, null, ext.id()));
    }
    if (path.subAttribute() == null) {
      return extension(urn + ":" + path.attribute())
          .map(ext -> new ResolvedPath(ext, wholeExtension(ext), null, null));
    }
    return Optional.empty();
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
