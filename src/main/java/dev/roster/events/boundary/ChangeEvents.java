package dev.roster.events.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.storage.ChangeEventRows;
import dev.roster.storage.ChangeEventRows.NewEvent;
import dev.roster.storage.Timestamps;
import dev.roster.tenants.boundary.DepartmentSource;
import dev.roster.users.boundary.Department;
import dev.roster.users.boundary.DirectoryUser;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events of one write, recorded in the write's own transaction (docs/change-feed.md): the
 * stores say what changed, and {@link #append()} numbers and stores it once the write is done. No
 * event exists without its change and no committed change lacks its event, because both commit or
 * roll back together.
 *
 * <p>Member events name at most {@value #MEMBERS_PER_EVENT} members each, so that replacing the
 * members of a large group makes one event per thousand members, each of bounded size.
 *
 * <p>Department events follow the tenant's {@link DepartmentSource}, read once per write and only
 * when a write could make one: a user's {@code department} changing makes {@code
 * department.member_removed} and {@code department.member_added} under {@code attribute}; a group's
 * events make {@code department.*} twins under {@code groups}; {@code both} makes both.
 */
public final class ChangeEvents {

  public static final int MEMBERS_PER_EVENT = 1000;

  private final ChangeEventRows rows;
  private final String tenantId;
  private final List<NewEvent> pending = new ArrayList<>();
  private DepartmentSource departmentSource;

  public ChangeEvents(EntityManager em, String tenantId) {
    this.rows = new ChangeEventRows(em);
    this.tenantId = tenantId;
  }

  public void userCreated(DirectoryUser user) {
    add("user.created", user.id(), JSON.createObjectBuilder().add("user", user.json()));
    departmentChanged(user.id(), null, user.department());
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
    departmentChanged(after.id(), before.department(), after.department());
  }

  /**
   * The identity provider has found or written a user the product imported as its own account
   * (docs/account-import.md): from now on the account follows the identity provider.
   *
   * @param how {@code lookup} (its filter found the account), {@code create} (its POST matched the
   *     account), {@code update} (its first PUT or PATCH), or {@code import} (the account was
   *     imported after the identity provider had created the user)
   */
  public void userLinked(DirectoryUser user, String productAccountId, String how) {
    add(
        "user.linked",
        user.id(),
        JSON.createObjectBuilder()
            .add("user", user.json())
            .add("productAccountId", productAccountId)
            .add("linkedBy", how));
  }

  /** A user is gone: that implies leaving its groups and department, which make no events. */
  public void userDeleted(DirectoryUser user) {
    add("user.deleted", user.id(), JSON.createObjectBuilder().add("user", user.json()));
  }

  /**
   * The tenant now takes its departments from elsewhere: {@code departments.source_changed}, so
   * that a product knows to read its departments again.
   */
  public void departmentSourceChanged(DepartmentSource old, DepartmentSource now) {
    add(
        "departments.source_changed",
        tenantId,
        JSON.createObjectBuilder()
            .add("source", change(old.value(), now.value()))
            .add("departmentSource", now.value()));
  }

  public void groupCreated(String id, String displayName, String externalId) {
    add(
        "group.created",
        id,
        JSON.createObjectBuilder().add("group", group(id, displayName, externalId)));
    if (groupsAreDepartments()) {
      add(
          "department.created",
          id,
          JSON.createObjectBuilder().add("department", Department.ofGroup(id, displayName).json()));
    }
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
    JsonObject changed = changes.build();
    add(
        oldName.equals(newName) ? "group.updated" : "group.renamed",
        id,
        JSON.createObjectBuilder()
            .add("group", group(id, newName, newExternalId))
            .add("changes", changed));
    if (!oldName.equals(newName) && groupsAreDepartments()) {
      add(
          "department.renamed",
          id,
          JSON.createObjectBuilder()
              .add("department", Department.ofGroup(id, newName).json())
              .add("changes", JSON.createObjectBuilder().add("name", change(oldName, newName))));
    }
  }

  /**
   * A group is gone; under {@code groups}, so is its department ({@code department.deleted}, with
   * no member events for the members it had).
   */
  public void groupDeleted(String id, String displayName, String externalId) {
    add(
        "group.deleted",
        id,
        JSON.createObjectBuilder().add("group", group(id, displayName, externalId)));
    if (groupsAreDepartments()) {
      add(
          "department.deleted",
          id,
          JSON.createObjectBuilder().add("department", Department.ofGroup(id, displayName).json()));
    }
  }

  public void membersAdded(String groupId, String displayName, Collection<String> memberIds) {
    JsonObject group = groupRef(groupId, displayName);
    members("group.members_added", groupId, "group", group, memberIds);
    if (groupsAreDepartments()) {
      JsonObject department = Department.ofGroup(groupId, displayName).json();
      members("department.member_added", groupId, "department", department, memberIds);
    }
  }

  public void membersRemoved(String groupId, String displayName, Collection<String> memberIds) {
    JsonObject group = groupRef(groupId, displayName);
    members("group.members_removed", groupId, "group", group, memberIds);
    if (groupsAreDepartments()) {
      JsonObject department = Department.ofGroup(groupId, displayName).json();
      members("department.member_removed", groupId, "department", department, memberIds);
    }
  }

  /**
   * A deprovisioning is held for review (docs/deprovisioning-hold.md): made once, when the first of
   * a review is held; those that follow join it without an event.
   */
  public void deprovisioningHeld(String userId, String threshold) {
    add(
        "deprovisioning.held",
        userId,
        JSON.createObjectBuilder().add("firstUserId", userId).add("threshold", threshold));
  }

  /**
   * Held deprovisionings were decided: {@code deprovisioning.released} (their held events follow)
   * or {@code deprovisioning.rejected} (the users stay active for the product).
   */
  public void deprovisioningDecided(boolean released, Collection<String> userIds, String by) {
    JsonArrayBuilder ids = JSON.createArrayBuilder();
    userIds.forEach(ids::add);
    add(
        released ? "deprovisioning.released" : "deprovisioning.rejected",
        tenantId,
        JSON.createObjectBuilder().add("userIds", ids).add("decidedBy", by));
  }

  /**
   * Takes the events recorded so far out of this write, as JSON, so that a hold keeps them back
   * instead of the feed; {@link #restore} puts them back when the hold is released.
   */
  public String divert() {
    return divertAfter(null);
  }

  /** As {@link #divert}, after the events a hold kept back already ({@code earlier}, or null). */
  public String divertAfter(String earlier) {
    JsonArrayBuilder held =
        earlier == null
            ? JSON.createArrayBuilder()
            : JSON.createArrayBuilder(
                JSON.createReader(new java.io.StringReader(earlier)).readArray());
    for (NewEvent event : pending) {
      held.add(
          JSON.createObjectBuilder()
              .add("type", event.type())
              .add("resourceId", event.resourceId())
              .add("data", event.data()));
    }
    pending.clear();
    return held.build().toString();
  }

  /** Events a hold kept back (see {@link #divert}), recorded again for {@link #append()}. */
  public void restore(String held) {
    if (held == null) {
      return;
    }
    for (JsonValue value : JSON.createReader(new java.io.StringReader(held)).readArray()) {
      JsonObject event = value.asJsonObject();
      pending.add(
          new NewEvent(
              event.getString("type"), event.getString("resourceId"), event.getString("data")));
    }
  }

  /** Numbers and stores the events recorded so far, if any, in the current transaction. */
  public void append() {
    if (pending.isEmpty()) {
      return;
    }
    rows.append(tenantId, Timestamps.now(), List.copyOf(pending));
    pending.clear();
  }

  /**
   * A user's department value changed (from or to none, too): under {@code attribute}, the user
   * left the old department and joined the new one. A change of case only is no change, as SCIM
   * compares {@code department} without case.
   */
  private void departmentChanged(String userId, String old, String now) {
    Optional<Department> left = Department.ofAttribute(old);
    Optional<Department> joined = Department.ofAttribute(now);
    if (left.isEmpty() && joined.isEmpty()) {
      return;
    }
    if (left.isPresent() && joined.isPresent() && left.get().sameAs(joined.get())) {
      return;
    }
    if (!departmentSource().includesAttribute()) {
      return;
    }
    // the resource is the user, whose write this was: a department's id can be longer than a
    // resource id (it grows with the department's name)
    left.ifPresent(
        d -> members("department.member_removed", userId, "department", d.json(), List.of(userId)));
    joined.ifPresent(
        d -> members("department.member_added", userId, "department", d.json(), List.of(userId)));
  }

  private boolean groupsAreDepartments() {
    return departmentSource().includesGroups();
  }

  private DepartmentSource departmentSource() {
    if (departmentSource == null) {
      String stored = rows.departmentSourceOf(tenantId);
      departmentSource = stored == null ? DepartmentSource.ATTRIBUTE : DepartmentSource.of(stored);
    }
    return departmentSource;
  }

  private void members(
      String type, String resourceId, String field, JsonObject owner, Collection<String> ids) {
    List<String> chunk = new ArrayList<>();
    for (String id : ids) {
      chunk.add(id);
      if (chunk.size() == MEMBERS_PER_EVENT) {
        memberChunk(type, resourceId, field, owner, chunk);
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      memberChunk(type, resourceId, field, owner, chunk);
    }
  }

  private void memberChunk(
      String type, String resourceId, String field, JsonObject owner, List<String> ids) {
    JsonArrayBuilder members = JSON.createArrayBuilder();
    ids.forEach(members::add);
    add(type, resourceId, JSON.createObjectBuilder().add(field, owner).add("memberIds", members));
  }

  private static JsonObject groupRef(String id, String displayName) {
    return JSON.createObjectBuilder().add("id", id).add("displayName", displayName).build();
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
