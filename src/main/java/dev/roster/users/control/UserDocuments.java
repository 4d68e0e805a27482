package dev.roster.users.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ETags;
import dev.roster.scim.JsonBodies;
import dev.roster.scim.SchemaUris;
import dev.roster.scim.schema.AttributeValues;
import dev.roster.storage.Memberships;
import dev.roster.users.entity.StoredUser;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Between a stored user and its JSON: the canonical form the PATCH engine and validator work on,
 * and the representation a client receives (RFC 7643 §4.1, §3.1 {@code meta}).
 */
public final class UserDocuments {

  private UserDocuments() {}

  /** The canonical writable attributes of a stored user: its document plus externalId. */
  public static JsonObject canonical(StoredUser user) {
    JsonObject document = (JsonObject) JsonBodies.parseValue(new StringReader(user.document()));
    if (user.externalId() == null) {
      return document;
    }
    return JSON.createObjectBuilder()
        .add("externalId", user.externalId())
        .addAll(JSON.createObjectBuilder(document))
        .build();
  }

  /**
   * What is stored of a canonical user: everything but {@code externalId} (a column) and {@code
   * password}, which Roster does not keep (see README, "Passwords").
   */
  public static JsonObject storable(JsonObject canonical) {
    JsonObjectBuilder out = JSON.createObjectBuilder(withoutPassword(canonical));
    out.remove("externalId");
    return out.build();
  }

  /**
   * The canonical user without {@code password}, which is not kept: what a change is compared on.
   */
  public static JsonObject withoutPassword(JsonObject canonical) {
    if (!canonical.containsKey("password")) {
      return canonical;
    }
    JsonObjectBuilder out = JSON.createObjectBuilder(canonical);
    out.remove("password");
    return out.build();
  }

  public static String userNameKey(JsonObject canonical) {
    return canonical.getString("userName").toLowerCase(Locale.ROOT);
  }

  public static String externalId(JsonObject canonical) {
    return canonical.get("externalId") instanceof JsonString s ? s.getString() : null;
  }

  public static String displayNameKey(JsonObject canonical) {
    return canonical.get("displayName") instanceof JsonString s
        ? s.getString().toLowerCase(Locale.ROOT)
        : null;
  }

  public static Boolean active(JsonObject canonical) {
    JsonValue active = canonical.get("active");
    return active == null ? null : active == JsonValue.TRUE;
  }

  /**
   * The user as a client sees it, before attribute selection.
   *
   * @param groups the groups it is in, directly and indirectly (see {@code Memberships})
   */
  public static JsonObject representation(
      StoredUser user, String baseUrl, List<Memberships.GroupRef> groups) {
    JsonObject document = (JsonObject) JsonBodies.parseValue(new StringReader(user.document()));
    var schemas = JSON.createArrayBuilder().add(SchemaUris.USER);
    if (document.containsKey(SchemaUris.ENTERPRISE_USER)) {
      schemas.add(SchemaUris.ENTERPRISE_USER);
    }
    JsonObjectBuilder out =
        JSON.createObjectBuilder().add("schemas", schemas).add("id", user.scimId());
    if (user.externalId() != null) {
      out.add("externalId", user.externalId());
    }
    document.forEach(out::add);
    if (!groups.isEmpty()) {
      JsonArrayBuilder array = JSON.createArrayBuilder();
      for (Memberships.GroupRef group : groups) {
        array.add(
            JSON.createObjectBuilder()
                .add("value", group.id())
                .add("$ref", baseUrl + "/Groups/" + group.id())
                .add("display", group.displayName())
                .add("type", group.type()));
      }
      out.add("groups", array);
    }
    return out.add(
            "meta",
            JSON.createObjectBuilder()
                .add("resourceType", "User")
                .add("created", format(user.created()))
                .add("lastModified", format(user.lastModified()))
                .add("location", location(user, baseUrl))
                .add("version", ETags.of(user.version())))
        .build();
  }

  public static String location(StoredUser user, String baseUrl) {
    return baseUrl + "/Users/" + user.scimId();
  }

  private static String format(LocalDateTime time) {
    return AttributeValues.format(time.toInstant(ZoneOffset.UTC));
  }
}
