package dev.roster.users.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.SchemaUris;
import dev.roster.users.control.UserDocuments;
import dev.roster.users.entity.StoredUser;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A user as the product thinks of it (docs/change-feed.md, "The user's fields"): the few attributes
 * a product acts on, read from the SCIM document whichever identity provider wrote it.
 *
 * <p>{@code email} is the address the product should use: the {@code work} email (the primary one
 * if several are work), else the primary email, else {@code userName}, because Entra ID sends the
 * UPN as userName when {@code mail} is empty and products fall back to it. A user the identity
 * provider never marked active or inactive is active.
 */
public record DirectoryUser(
    String id,
    String externalId,
    String userName,
    String email,
    String givenName,
    String familyName,
    String displayName,
    boolean active,
    String department,
    String title,
    String managerId,
    JsonObject extensions) {

  /** The user of a stored state. */
  public static DirectoryUser of(String id, UserDocuments.State state) {
    JsonObject document = state.document();
    JsonObject name = object(document, "name");
    JsonObject enterprise = object(document, SchemaUris.ENTERPRISE_USER);
    String userName = text(document, "userName");
    return new DirectoryUser(
        id,
        state.externalId(),
        userName,
        email(document, userName),
        text(name, "givenName"),
        text(name, "familyName"),
        text(document, "displayName"),
        document.get("active") != JsonValue.FALSE,
        text(enterprise, "department"),
        text(document, "title"),
        text(object(enterprise, "manager"), "value"),
        extensions(document));
  }

  /**
   * The values of the extensions a tenant's admin defined (docs/custom-attributes.md), by URN:
   * every extension of the document but the enterprise one, whose fields the product has already.
   */
  private static JsonObject extensions(JsonObject document) {
    JsonObjectBuilder extensions = null;
    for (Map.Entry<String, JsonValue> member : document.entrySet()) {
      String key = member.getKey();
      if (key.startsWith("urn:") && !key.equals(SchemaUris.ENTERPRISE_USER)) {
        if (extensions == null) {
          extensions = JSON.createObjectBuilder();
        }
        extensions.add(key, member.getValue());
      }
    }
    return extensions == null ? JsonValue.EMPTY_JSON_OBJECT : extensions.build();
  }

  /**
   * The user of a stored row in a given state as the product sees it: active while its deactivation
   * is held or was rejected (docs/deprovisioning-hold.md), whatever SCIM says.
   */
  public static DirectoryUser seenByProduct(StoredUser row, UserDocuments.State state) {
    DirectoryUser user = of(row.scimId(), state);
    return row.hold() == null ? user : user.active(true);
  }

  /**
   * The user as the product should see it while its deactivation is held or was rejected
   * (docs/deprovisioning-hold.md): active, whatever the identity provider said.
   */
  public DirectoryUser active(boolean active) {
    return new DirectoryUser(
        id,
        externalId,
        userName,
        email,
        givenName,
        familyName,
        displayName,
        active,
        department,
        title,
        managerId,
        extensions);
  }

  /** The fields as JSON, {@code null} for those without a value. */
  public JsonObject json() {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    fields().forEach((field, value) -> put(json, field, value));
    return json.build();
  }

  /**
   * What changed from {@code before} to this: each changed field with its old and new value, e.g.
   * {@code {"department": {"old": "Sales", "new": "Marketing"}}}.
   */
  public JsonObject changesSince(DirectoryUser before) {
    JsonObjectBuilder changes = JSON.createObjectBuilder();
    Map<String, Object> old = before.fields();
    fields()
        .forEach(
            (field, value) -> {
              Object was = old.get(field);
              if (!Objects.equals(was, value)) {
                JsonObjectBuilder change = JSON.createObjectBuilder();
                put(change, "old", was);
                put(change, "new", value);
                changes.add(field, change);
              }
            });
    return changes.build();
  }

  /**
   * The SCIM attributes whose values differ between two documents, by name: top-level attributes,
   * and the enterprise extension's by their own name ({@code department}, {@code manager}), so that
   * a change outside the fields above is still named.
   */
  public static TreeSet<String> changedAttributes(
      UserDocuments.State before, UserDocuments.State after) {
    TreeSet<String> names = new TreeSet<>();
    if (!Objects.equals(before.externalId(), after.externalId())) {
      names.add("externalId");
    }
    differences(before.document(), after.document(), names);
    names.remove(SchemaUris.ENTERPRISE_USER);
    differences(
        object(before.document(), SchemaUris.ENTERPRISE_USER),
        object(after.document(), SchemaUris.ENTERPRISE_USER),
        names);
    // a tenant's own extensions: each changed attribute by its full name, which no core one has
    for (String urn : List.copyOf(names)) {
      if (urn.startsWith("urn:")) {
        names.remove(urn);
        TreeSet<String> inside = new TreeSet<>();
        differences(object(before.document(), urn), object(after.document(), urn), inside);
        inside.forEach(attribute -> names.add(urn + ":" + attribute));
      }
    }
    return names;
  }

  private Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("externalId", externalId);
    fields.put("userName", userName);
    fields.put("email", email);
    fields.put("givenName", givenName);
    fields.put("familyName", familyName);
    fields.put("displayName", displayName);
    fields.put("active", active);
    fields.put("department", department);
    fields.put("title", title);
    fields.put("managerId", managerId);
    fields.put("extensions", extensions);
    return fields;
  }

  private static void differences(JsonObject before, JsonObject after, TreeSet<String> names) {
    before.forEach(
        (name, value) -> {
          if (!value.equals(after.get(name))) {
            names.add(name);
          }
        });
    after.keySet().stream().filter(name -> !before.containsKey(name)).forEach(names::add);
  }

  private static String email(JsonObject document, String userName) {
    String email = emailOf(document);
    return email != null ? email : userName;
  }

  /**
   * The email a product should use, from the document's {@code emails}: the work one (the primary
   * work one if several), else the primary one; {@code null} when there is neither, and the product
   * falls back to {@code userName}. The console shows the same.
   */
  public static String emailOf(JsonObject document) {
    if (!(document.get("emails") instanceof JsonArray emails)) {
      return null;
    }
    String work = null;
    String primary = null;
    for (JsonValue element : emails) {
      if (!(element instanceof JsonObject email) || text(email, "value") == null) {
        continue;
      }
      boolean isPrimary = email.get("primary") == JsonValue.TRUE;
      if ("work".equalsIgnoreCase(text(email, "type")) && (work == null || isPrimary)) {
        work = text(email, "value");
      }
      if (isPrimary && primary == null) {
        primary = text(email, "value");
      }
    }
    return work != null ? work : primary;
  }

  private static JsonObject object(JsonObject parent, String name) {
    return parent.get(name) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
  }

  private static String text(JsonObject parent, String name) {
    return parent.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private static void put(JsonObjectBuilder json, String name, Object value) {
    if (value == null) {
      json.addNull(name);
    } else if (value instanceof Boolean b) {
      json.add(name, b);
    } else if (value instanceof JsonValue v) {
      json.add(name, v);
    } else {
      json.add(name, value.toString());
    }
  }
}
