package dev.roster.groups.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.control.GroupDocuments;
import dev.roster.groups.entity.Membership;
import dev.roster.scim.SchemaUris;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes groups with their members streamed: the members are read in batches of {@link #BATCH}
 * (each batch its own short transaction) and written as they come, so a group of 100,000 members
 * never sits in memory whole. A group whose selection leaves out {@code members} costs no member
 * read at all.
 *
 * <p>A member list read in batches is not one snapshot: a change that commits while a large group
 * is being written may show in the part not yet written. Each member appears at most once.
 */
final class GroupWriter {

  static final int BATCH = 1000;

  /** value, $ref, type and display: a selection that keeps them all writes members whole. */
  private static final int EVERY_MEMBER_KEY = 4;

  /**
   * A group to write: its selected representation, and whether (and which sub-attributes of) its
   * members are wanted.
   *
   * @param head the representation after attribute selection, without members
   * @param groupId the group's internal id, for reading its members
   * @param memberKeys the member sub-attributes to write, or {@code null} when {@code members} is
   *     not wanted
   */
  record Item(JsonObject head, long groupId, Set<String> memberKeys) {}

  private final Groups groups;
  private final String baseUrl;

  GroupWriter(Groups groups, String baseUrl) {
    this.groups = groups;
    this.baseUrl = baseUrl;
  }

  StreamingOutput one(Item item) {
    return out -> {
      try (JsonGenerator json = JSON.createGenerator(out)) {
        write(json, item);
      }
    };
  }

  StreamingOutput list(long totalResults, long startIndex, List<Item> items) {
    return out -> {
      try (JsonGenerator json = JSON.createGenerator(out)) {
        json.writeStartObject()
            .writeStartArray("schemas")
            .write(SchemaUris.LIST_RESPONSE)
            .writeEnd()
            .write("totalResults", totalResults)
            .write("itemsPerPage", items.size())
            .write("startIndex", startIndex)
            .writeStartArray("Resources");
        for (Item item : items) {
          write(json, item);
        }
        json.writeEnd().writeEnd();
      }
    };
  }

  private void write(JsonGenerator json, Item item) {
    json.writeStartObject();
    JsonValue meta = null;
    for (Map.Entry<String, JsonValue> entry : item.head().entrySet()) {
      if (entry.getKey().equals("meta")) {
        meta = entry.getValue();
      } else {
        json.write(entry.getKey(), entry.getValue());
      }
    }
    if (item.memberKeys() != null) {
      writeMembers(json, item);
    }
    if (meta != null) {
      json.write("meta", meta);
    }
    json.writeEnd();
  }

  private void writeMembers(JsonGenerator json, Item item) {
    json.writeStartArray("members");
    long after = 0;
    List<Membership> batch;
    do {
      batch = groups.members(item.groupId(), after, BATCH);
      for (Membership membership : batch) {
        JsonObject member = GroupDocuments.member(membership, baseUrl);
        if (item.memberKeys().size() == EVERY_MEMBER_KEY) {
          json.write(member);
        } else {
          json.writeStartObject();
          member.forEach(
              (key, value) -> {
                if (item.memberKeys().contains(key)) {
                  json.write(key, value);
                }
              });
          json.writeEnd();
        }
        after = membership.id();
      }
    } while (batch.size() == BATCH);
    json.writeEnd();
  }
}
