package dev.roster.events.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.storage.ChangeEventRows;
import dev.roster.storage.ChangeEventRows.NewEvent;
import dev.roster.storage.Timestamps;
import dev.roster.users.boundary.DirectoryUser;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The events of one write, recorded in the write's own transaction (docs/change-feed.md): the
 * stores say what changed, and {@link #append()} numbers and stores it once the write is done. No
 * event exists without its change and no committed change lacks its event, because both commit or
 * roll back together.
 *
 * <p>Member events name at most {@value #MEMBERS_PER_EVENT} members each, so that replacing the
 * members of a large group makes one event per thousand members, each of bounded size.
 */
public final class ChangeEvents {

  public static final int MEMBERS_PER_EVENT = 1000;

  private final ChangeEventRows rows;
  private final String tenantId;
  private final List<NewEvent> pending = new ArrayList<>();

  public ChangeEvents(EntityManager em, String tenantId) {
    this.rows = new ChangeEventRows(em);
    this.tenantId = tenantId;
  }

  public void userCreated(DirectoryUser user) {
    add("user.created", user.id(), JSON.createObjectBuilder().add("user", user.json()));
  }

  /**
   * A user changed: {@code user.deactivated} or {@code user.reactivated} when {@code active}
   * flipped, else {@code user.updated}; each with the new state, the changed fields with old and
   * new values, and the names of every changed SCIM attribute.
   */
  public void userChanged(DirectoryUser before, DirectoryUser after, Set<String> attributes) {
    String type =
        before.active() == after.active()
            ? "user.updated"
            : after.active() ? "user.reactivated" : "user.deactivated";
    JsonArrayBuilder names = JSON.createArrayBuilder();
    attributes.forEach(names::add);
    add(
        type,
        after.id(),
        JSON.createObjectBuilder()
            .add("user", after.json())
            .add("changes", after.changesSince(before))
            .add("changedAttributes", names));
  }

  public void userDeleted(DirectoryUser user) {
    add("user.deleted", user.id(), JSON.createObjectBuilder().add("user", user.json()));
  }

  public void groupCreated(String id, String displayName, String externalId) {
    add(
        "group.created",
        id,
        JSON.createObjectBuilder().add("group", group(id, displayName, externalId)));
  }

  /** {@code group.renamed} when the displayName changed, else {@code group.updated}. */
  public void groupChanged(
      String id, String oldName, String newName, String oldExternalId, String newExternalId) {
    JsonObjectBuilder changes = JSON.createObjectBuilder();
    if (!oldName.equals(newName)) {
      changes.add("displayName", change(oldName, newName));
    }
    if (oldExternalId == null ? newExternalId != null : !oldExternalId.equals(newExternalId)) {
      changes.add("externalId", change(oldExternalId, newExternalId));
    }
    add(
        oldName.equals(newName) ? "group.updated" : "group.renamed",
        id,
        JSON.createObjectBuilder()
            .add("group", group(id, newName, newExternalId))
            .add("changes", changes));
  }

  public void groupDeleted(String id, String displayName, String externalId) {
    add(
        "group.deleted",
        id,
        JSON.createObjectBuilder().add("group", group(id, displayName, externalId)));
  }

  public void membersAdded(String groupId, String displayName, Collection<String> memberIds) {
    members("group.members_added", groupId, displayName, memberIds);
  }

  public void membersRemoved(String groupId, String displayName, Collection<String> memberIds) {
    members("group.members_removed", groupId, displayName, memberIds);
  }

  /** Numbers and stores the events recorded so far, if any, in the current transaction. */
  public void append() {
    if (pending.isEmpty()) {
      return;
    }
    rows.append(tenantId, Timestamps.now(), List.copyOf(pending));
    pending.clear();
  }

  private void members(String type, String groupId, String displayName, Collection<String> ids) {
    List<String> chunk = new ArrayList<>();
    for (String id : ids) {
      chunk.add(id);
      if (chunk.size() == MEMBERS_PER_EVENT) {
        memberChunk(type, groupId, displayName, chunk);
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      memberChunk(type, groupId, displayName, chunk);
    }
  }

  private void memberChunk(String type, String groupId, String displayName, List<String> ids) {
    JsonArrayBuilder members = JSON.createArrayBuilder();
    ids.forEach(members::add);
    add(
        type,
        groupId,
        JSON.createObjectBuilder()
            .add(
                "group",
                JSON.createObjectBuilder().add("id", groupId).add("displayName", displayName))
            .add("memberIds", members));
  }

  private void add(String type, String resourceId, JsonObjectBuilder data) {
    pending.add(new NewEvent(type, resourceId, data.build().toString()));
  }

  private static JsonObject group(String id, String displayName, String externalId) {
    JsonObjectBuilder group =
        JSON.createObjectBuilder().add("id", id).add("displayName", displayName);
    return (externalId == null ? group.addNull("externalId") : group.add("externalId", externalId))
        .build();
  }

  private static JsonObjectBuilder change(String old, String now) {
    JsonObjectBuilder change = JSON.createObjectBuilder();
    if (old == null) {
      change.addNull("old");
    } else {
      change.add("old", old);
    }
    return now == null ? change.addNull("new") : change.add("new", now);
  }
}
