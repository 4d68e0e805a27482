package dev.roster.users.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ETags;
import dev.roster.scim.JsonBodies;
import dev.roster.scim.JsonText;
import dev.roster.scim.ListResponse;
import dev.roster.scim.SchemaUris;
import dev.roster.scim.schema.AttributeValues;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.Schema;
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
import java.util.Set;

/**
 * Between a stored user and its JSON: what a write keeps ({@link State}), the canonical form the
 * PATCH engine and validator work on, and the representation a client receives (RFC 7643 §4.1, §3.1
 * {@code meta}).
 */
public final class UserDocuments {

  private UserDocuments() {}

  /**
   * A user's writable attributes as Roster keeps them: its document, and {@code externalId}, which
   * has a column of its own. A write compares, indexes and stores this; only PATCH needs the
   * canonical form, which puts {@code externalId} back.
   *
   * @param document every writable attribute but {@code externalId} and {@code password}, which
   *     Roster does not keep (see README, "Passwords")
   * @param externalId the externalId, or {@code null}
   */
  public record State(JsonObject document, String externalId) {

    /**
     * The canonical writable attributes, as the validator returns them: document and externalId.
     */
    public JsonObject canonical() {
      if (externalId == null) {
        return document;
      }
      return JSON.createObjectBuilder()
          .add("externalId", externalId)
          .addAll(JSON.createObjectBuilder(document))
          .build();
    }

    public String userNameKey() {
      return document.getString("userName").toLowerCase(Locale.ROOT);
    }

    public String displayNameKey() {
      return document.get("displayName") instanceof JsonString s
          ? s.getString().toLowerCase(Locale.ROOT)
          : null;
    }

    public Boolean active() {
      JsonValue active = document.get("active");
      return active == null ? null : active == JsonValue.TRUE;
    }
  }

  /** What a stored user holds: its document, parsed, and its externalId. */
  public static State state(StoredUser user) {
    return new State(document(user), user.externalId());
  }

  /** The stored document as JSON, parsed at most once per instance. */
  private static JsonObject document(StoredUser user) {
    JsonObject document = user.parsedDocument();
    if (document == null) {
      document = (JsonObject) JsonBodies.parseValue(new StringReader(user.document()));
      user.rememberParsed(document);
    }
    return document;
  }

  /**
   * What is kept of a canonical user (as {@code ResourceValidator.validate} returns it): {@code
   * externalId} and {@code password} come out of the document, here and nowhere else.
   */
  public static State state(JsonObject canonical) {
    String externalId = canonical.get("externalId") instanceof JsonString s ? s.getString() : null;
    if (!canonical.containsKey("externalId") && !canonical.containsKey("password")) {
      return new State(canonical, externalId);
    }
    JsonObjectBuilder document = JSON.createObjectBuilder(canonical);
    document.remove("externalId");
    document.remove("password");
    return new State(document.build(), externalId);
  }

  /**
   * The user as a client sees it, before attribute selection.
   *
   * @param groups the groups it is in, directly and indirectly (see {@code Memberships})
   */
  public static JsonObject representation(
      StoredUser user, String baseUrl, List<Memberships.GroupRef> groups) {
    return representation(user, baseUrl, groups, ResourceType.USER);
  }

  /**
   * As {@link #representation(StoredUser, String, List)}, for a tenant's user type: {@code schemas}
   * names each of its extensions the user has a value of (docs/custom-attributes.md).
   */
  public static JsonObject representation(
      StoredUser user, String baseUrl, List<Memberships.GroupRef> groups, ResourceType type) {
    JsonObject document = document(user);
    var schemas = JSON.createArrayBuilder().add(SchemaUris.USER);
    for (Schema extension : type.extensions()) {
      if (document.containsKey(extension.id())) {
        schemas.add(extension.id());
      }
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

  /**
   * The page as {@code ListResponse.of} writes it, as JSON text, each user written by {@link
   * #writeRepresentation}: for a selection that keeps everything.
   */
  public static String listResponse(
      UserPage page, long startIndex, String baseUrl, ResourceType type) {
    List<StoredUser> users = page.users();
    StringBuilder out = new StringBuilder(512 + 1536 * users.size());
    ListResponse.writeHead(out, page.totalResults(), startIndex, users.size());
    for (int i = 0; i < users.size(); i++) {
      StoredUser user = users.get(i);
      writeRepresentation(i == 0 ? out : out.append(','), user, baseUrl, page.groupsOf(user), type);
    }
    return out.append("]}").toString();
  }

  /** What a representation adds to a document, which a write never keeps in one. */
  private static final Set<String> NOT_IN_DOCUMENTS =
      Set.of("schemas", "id", "externalId", "groups", "meta");

  /**
   * Appends {@link #representation(StoredUser, String, List, ResourceType)} as JSON text, the
   * stored document written through as it is: the same members in the same order, without parsing
   * the document, copying it and writing it again. A document this cannot read as text is parsed.
   */
  public static void writeRepresentation(
      StringBuilder out,
      StoredUser user,
      String baseUrl,
      List<Memberships.GroupRef> groups,
      ResourceType type) {
    String document = user.document();
    List<String> keys = user.parsedDocument() == null ? JsonText.topLevelKeys(document) : null;
    if (keys == null || keys.stream().anyMatch(NOT_IN_DOCUMENTS::contains)) {
      out.append(representation(user, baseUrl, groups, type));
      return;
    }
    out.append("{\"schemas\":[");
    JsonText.quote(out, SchemaUris.USER);
    for (Schema extension : type.extensions()) {
      if (keys.contains(extension.id())) {
        JsonText.quote(out.append(','), extension.id());
      }
    }
    JsonText.quote(out.append("],\"id\":"), user.scimId());
    if (user.externalId() != null) {
      JsonText.quote(out.append(",\"externalId\":"), user.externalId());
    }
    if (!keys.isEmpty()) {
      JsonText.appendMembers(out.append(','), document);
    }
    if (!groups.isEmpty()) {
      out.append(",\"groups\":[");
      for (int i = 0; i < groups.size(); i++) {
        Memberships.GroupRef group = groups.get(i);
        JsonText.quote(out.append(i == 0 ? "{\"value\":" : ",{\"value\":"), group.id());
        JsonText.quote(out.append(",\"$ref\":"), baseUrl + "/Groups/" + group.id());
        JsonText.quote(out.append(",\"display\":"), group.displayName());
        JsonText.quote(out.append(",\"type\":"), group.type()).append('}');
      }
      out.append(']');
    }
    out.append(",\"meta\":{\"resourceType\":\"User\"");
    JsonText.quote(out.append(",\"created\":"), format(user.created()));
    JsonText.quote(out.append(",\"lastModified\":"), format(user.lastModified()));
    JsonText.quote(out.append(",\"location\":"), location(user, baseUrl));
    JsonText.quote(out.append(",\"version\":"), ETags.of(user.version())).append("}}");
  }

  public static String location(StoredUser user, String baseUrl) {
    return baseUrl + "/Users/" + user.scimId();
  }

  private static String format(LocalDateTime time) {
    return AttributeValues.format(time.toInstant(ZoneOffset.UTC));
  }
}
