package dev.roster.groups.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.entity.Membership;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.ETags;
import dev.roster.scim.SchemaUris;
import dev.roster.scim.schema.AttributeValues;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Between a stored group and its JSON (RFC 7643 §4.2). The members are not part of these objects: a
 * representation is written with its members streamed in after it (see {@code GroupWriter}).
 */
public final class GroupDocuments {

  private GroupDocuments() {}

  /** The group's own writable attributes, as the PATCH engine and validator work on them. */
  public static JsonObject attributes(StoredGroup group) {
    JsonObjectBuilder out = JSON.createObjectBuilder();
    if (group.externalId() != null) {
      out.add("externalId", group.externalId());
    }
    return out.add("displayName", group.displayName()).build();
  }

  public static String displayName(JsonObject attributes) {
    return attributes.getString("displayName");
  }

  public static String displayNameKey(JsonObject attributes) {
    return displayName(attributes).toLowerCase(Locale.ROOT);
  }

  public static String externalId(JsonObject attributes) {
    return attributes.get("externalId") instanceof JsonString s ? s.getString() : null;
  }

  /**
   * The group as a client sees it, before attribute selection, without {@code members}: the writer
   * streams them in after {@code displayName}.
   */
  public static JsonObject representation(StoredGroup group, String baseUrl) {
    JsonObjectBuilder out =
        JSON.createObjectBuilder()
            .add("schemas", JSON.createArrayBuilder().add(SchemaUris.GROUP))
            .add("id", group.scimId());
    if (group.externalId() != null) {
      out.add("externalId", group.externalId());
    }
    return out.add("displayName", group.displayName())
        .add(
            "meta",
            JSON.createObjectBuilder()
                .add("resourceType", "Group")
                .add("created", format(group.created()))
                .add("lastModified", format(group.lastModified()))
                .add("location", location(group, baseUrl))
                .add("version", ETags.of(group.version())))
        .build();
  }

  /** One member as a client sees it: value, $ref, type and display. */
  public static JsonObject member(Membership membership, String baseUrl) {
    String endpoint = "Group".equals(membership.memberType()) ? "/Groups/" : "/Users/";
    JsonObjectBuilder out =
        JSON.createObjectBuilder()
            .add("value", membership.memberId())
            .add("$ref", baseUrl + endpoint + membership.memberId())
            .add("type", membership.memberType());
    if (membership.display() != null) {
      out.add("display", membership.display());
    }
    return out.build();
  }

  public static String location(StoredGroup group, String baseUrl) {
    return baseUrl + "/Groups/" + group.scimId();
  }

  private static String format(LocalDateTime time) {
    return AttributeValues.format(time.toInstant(ZoneOffset.UTC));
  }
}
