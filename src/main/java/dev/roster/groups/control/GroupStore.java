package dev.roster.groups.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.events.boundary.ChangeEvents;
import dev.roster.groups.entity.Membership;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.LogActions;
import dev.roster.scim.boundary.RequestSubject;
import dev.roster.scim.patch.GroupPatch;
import dev.roster.scim.patch.MemberChange;
import dev.roster.scim.patch.MemberChange.Member;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.storage.Memberships;
import dev.roster.storage.PageAnchors;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The groups of one tenant in one persistence context: every read and write of {@code /Groups},
 * without transactions or injection (see {@code UserStore}, which works the same way).
 *
 * <p>Members are rows of {@link Membership}, changed with set operations: adding k members reads
 * which of the k ids exist in this tenant and which are members already, then inserts the rest;
 * removing k members is one {@code DELETE … IN}. Only a request that replaces the whole list reads
 * the group's member ids. Writes to one group take its row lock first, so concurrent PATCHes of one
 * group apply one after the other and lose nothing.
 */
public class GroupStore {

  private static final ResourceType TYPE = ResourceType.GROUP;
  private static final ResourceValidator VALIDATOR = new ResourceValidator(TYPE);
  private static final PatchEngine PATCH = new PatchEngine(TYPE);

  private final EntityManager em;
  private final ResourceRows<StoredGroup> rows;
  private final Memberships memberships;
  private final ChangeEvents events;

  /** The tenant's users, which most members are. */
  private final ResourceRows<?> users;

  /** Member ids a request named that are not users or groups of the tenant, in order. */
  private final Set<String> skipped = new LinkedHashSet<>();

  private RequestSubject subject = new RequestSubject();

  public GroupStore(EntityManager em, String tenantId) {
    this.em = em;
    this.rows = ResourceRows.groups(em, tenantId);
    this.users = ResourceRows.users(em, tenantId);
    this.memberships = new Memberships(em);
    this.events = new ChangeEvents(em, tenantId);
  }

  /**
   * The ids the last write named as members that are not users or groups of this tenant (or the
   * group itself): they were not stored, and the provisioning log says so.
   */
  public List<String> skippedMembers() {
    return List.copyOf(skipped);
  }

  /** Where whom each write was about, and what it did, go (the provisioning log). */
  public GroupStore reportingTo(RequestSubject subject) {
    this.subject = subject;
    return this;
  }

  public StoredGroup create(JsonObject body) {
    subject.did(LogActions.CREATE);
    JsonObject attributes = VALIDATOR.validate(withoutMembers(body));
    subject.named(GroupDocuments.displayName(attributes));
    List<Member> members = GroupPatch.members(membersOf(body));
    rows.requireFree(GroupDocuments.displayNameKey(attributes), null);
    StoredGroup group =
        new StoredGroup(UUID.randomUUID().toString(), rows.tenantId(), Timestamps.now());
    setAttributes(group, attributes);
    em.persist(group);
    rows.flush();
    events.groupCreated(group.scimId(), group.displayName(), group.externalId());
    add(group, members);
    events.append();
    return group;
  }

  public StoredGroup find(String id) {
    return rows.get(id);
  }

  /** PUT: displayName, externalId and the whole member list. */
  public StoredGroup replace(String id, JsonObject body, String ifMatch) {
    JsonObject attributes = VALIDATOR.validate(withoutMembers(body));
    List<Member> members = GroupPatch.members(membersOf(body));
    StoredGroup group = named(rows.lockForWrite(id, ifMatch), LogActions.UPDATE);
    boolean changed = changeAttributes(group, GroupDocuments.attributes(group), attributes);
    changed |= replaceAll(group, members);
    events.append();
    return changed ? touch(group) : group;
  }

  /** PATCH: the group's attributes through the engine, its members as set operations. */
  public StoredGroup patch(String id, JsonObject body, String ifMatch) {
    GroupPatch plan = GroupPatch.of(PatchOperation.listOf(body));
    StoredGroup group = named(rows.lockForWrite(id, ifMatch), LogActions.ofGroupPatch(plan));
    boolean changed = false;
    if (!plan.attributeOperations().isEmpty()) {
      JsonObject current = GroupDocuments.attributes(group);
      changed = changeAttributes(group, current, PATCH.apply(current, plan.attributeOperations()));
    }
    for (MemberChange change : plan.memberChanges()) {
      changed |= apply(group, change);
    }
    events.append();
    return changed ? touch(group) : group;
  }

  public void delete(String id, String ifMatch) {
    StoredGroup group = named(rows.lockForWrite(id, ifMatch), LogActions.DELETE);
    memberships.removeAll(group.id());
    rows.delete(group);
    events.groupDeleted(group.scimId(), group.displayName(), group.externalId());
    events.append();
  }

  /**
   * One page of the groups that match, in the query's order, with the exact total; with {@link
   * PageAnchors} (or {@code null}) for walks through the whole list.
   */
  public GroupPage search(ListQuery query, PageAnchors anchors) {
    ResourceRows.Page<StoredGroup> page = rows.search(query, anchors);
    return new GroupPage(page.total(), page.rows());
  }

  private boolean apply(StoredGroup group, MemberChange change) {
    if (change instanceof MemberChange.Add add) {
      return add(group, add.members());
    }
    if (change instanceof MemberChange.Remove remove) {
      return remove(group, remove.ids());
    }
    if (change instanceof MemberChange.ReplaceAll replace) {
      return replaceAll(group, replace.members());
    }
    if (change instanceof MemberChange.RemoveMatching matching) {
      return removePresent(group, memberships.idsMatching(group.id(), matching.filter()));
    }
    return removePresent(group, memberships.memberIds(group.id()));
  }

  /**
   * Adds the members that exist in this tenant and are not members yet: per chunk of ids, one query
   * for users, one for groups (when some ids are not users), one for present members, then the
   * inserts.
   */
  private boolean add(StoredGroup group, List<Member> members) {
    List<String> added = new ArrayList<>();
    Map<String, Member> byId = new LinkedHashMap<>();
    for (Member member : members) {
      byId.putIfAbsent(member.value().toLowerCase(Locale.ROOT), member);
    }
    for (List<String> ids : Memberships.chunks(byId.keySet())) {
      Set<String> userIds = users.existing(ids);
      // members are mostly users: look for groups only when some ids are not users
      Set<String> groups = userIds.size() == ids.size() ? Set.of() : rows.existing(ids);
      Set<String> present = memberships.present(group.id(), ids);
      for (String id : ids) {
        boolean isUser = userIds.contains(id);
        if ((!isUser && !groups.contains(id)) || id.equals(group.scimId())) {
          skipped.add(byId.get(id).value());
        } else if (!present.contains(id)) {
          em.persist(
              new Membership(group.id(), id, isUser ? "User" : "Group", byId.get(id).display()));
          added.add(id);
        }
      }
    }
    if (added.isEmpty()) {
      return false;
    }
    em.flush();
    events.membersAdded(group.scimId(), group.displayName(), added);
    return true;
  }

  /** Removes those of the ids that are members; the others are no change. */
  private boolean remove(StoredGroup group, Set<String> ids) {
    Set<String> keys = new LinkedHashSet<>();
    ids.forEach(id -> keys.add(id.toLowerCase(Locale.ROOT)));
    List<String> present = new ArrayList<>();
    for (List<String> chunk : Memberships.chunks(keys)) {
      Set<String> members = memberships.present(group.id(), chunk);
      chunk.stream().filter(members::contains).forEach(present::add);
    }
    return removePresent(group, present);
  }

  /** Removes members known to be members, and says which in events. */
  private boolean removePresent(StoredGroup group, List<String> memberIds) {
    if (memberIds.isEmpty()) {
      return false;
    }
    memberships.remove(group.id(), memberIds);
    events.membersRemoved(group.scimId(), group.displayName(), memberIds);
    return true;
  }

  /**
   * Makes the members exactly the list: reads the group's member ids (this request names them all
   * anyway), removes those not listed and adds the rest. Members that stay keep their place.
   */
  private boolean replaceAll(StoredGroup group, List<Member> members) {
    Set<String> wanted = new HashSet<>();
    members.forEach(m -> wanted.add(m.value().toLowerCase(Locale.ROOT)));
    List<String> current = memberships.memberIds(group.id());
    Set<String> gone = new LinkedHashSet<>(current);
    gone.removeAll(wanted);
    Set<String> have = new HashSet<>(current);
    List<Member> missing =
        members.stream().filter(m -> !have.contains(m.value().toLowerCase(Locale.ROOT))).toList();
    boolean removed = removePresent(group, new ArrayList<>(gone));
    return add(group, missing) | removed;
  }

  private boolean changeAttributes(StoredGroup group, JsonObject current, JsonObject next) {
    if (next.equals(current)) {
      return false;
    }
    String key = GroupDocuments.displayNameKey(next);
    if (!key.equals(group.displayNameKey())) {
      rows.requireFree(key, group.id());
    }
    String oldName = group.displayName();
    String oldExternalId = group.externalId();
    setAttributes(group, next);
    rows.flush();
    events.groupChanged(
        group.scimId(), oldName, group.displayName(), oldExternalId, group.externalId());
    return true;
  }

  private StoredGroup named(StoredGroup group, String action) {
    subject.named(group.displayName());
    subject.did(action);
    return group;
  }

  private StoredGroup touch(StoredGroup group) {
    group.touch(Timestamps.now());
    rows.flush();
    return group;
  }

  private static void setAttributes(StoredGroup group, JsonObject attributes) {
    group.setAttributes(
        GroupDocuments.displayName(attributes),
        GroupDocuments.displayNameKey(attributes),
        GroupDocuments.externalId(attributes));
  }

  /** The body without {@code members} (in any spelling), which the validator need not copy. */
  private static JsonObject withoutMembers(JsonObject body) {
    JsonObjectBuilder out = JSON.createObjectBuilder();
    body.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("members")) {
            out.add(name, value);
          }
        });
    return out.build();
  }

  private static JsonValue membersOf(JsonObject body) {
    for (Map.Entry<String, JsonValue> entry : body.entrySet()) {
      if (entry.getKey().equalsIgnoreCase("members")) {
        return entry.getValue();
      }
    }
    return null;
  }
}
