package dev.roster.groups.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.entity.Membership;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.platform.jpql.SqlStates;
import dev.roster.platform.paging.AnchoredPages;
import dev.roster.platform.paging.PageAnchors;
import dev.roster.scim.ETags;
import dev.roster.scim.ScimException;
import dev.roster.scim.patch.GroupPatch;
import dev.roster.scim.patch.MemberChange;
import dev.roster.scim.patch.MemberChange.Member;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
  private final String tenantId;

  /** Member ids a request named that are not users or groups of the tenant, in order. */
  private final Set<String> skipped = new LinkedHashSet<>();

  public GroupStore(EntityManager em, String tenantId) {
    this.em = em;
    this.tenantId = tenantId;
  }

  /**
   * The ids the last write named as members that are not users or groups of this tenant (or the
   * group itself): they were not stored, and the provisioning log says so.
   */
  public List<String> skippedMembers() {
    return List.copyOf(skipped);
  }

  public StoredGroup create(JsonObject body) {
    JsonObject attributes = VALIDATOR.validate(withoutMembers(body));
    List<Member> members = GroupPatch.members(membersOf(body));
    requireFreeName(GroupDocuments.displayNameKey(attributes), null);
    StoredGroup group = new StoredGroup(UUID.randomUUID().toString(), tenantId, now());
    setAttributes(group, attributes);
    em.persist(group);
    flush();
    add(group, members);
    return group;
  }

  public StoredGroup find(String id) {
    return byId(id, LockModeType.NONE);
  }

  /** The tenant's group with that id, if there is one. */
  public Optional<StoredGroup> lookup(String id) {
    return query(id, LockModeType.NONE).stream().findFirst();
  }

  /** PUT: displayName, externalId and the whole member list. */
  public StoredGroup replace(String id, JsonObject body, String ifMatch) {
    JsonObject attributes = VALIDATOR.validate(withoutMembers(body));
    List<Member> members = GroupPatch.members(membersOf(body));
    StoredGroup group = lock(id, ifMatch);
    boolean changed = changeAttributes(group, GroupDocuments.attributes(group), attributes);
    changed |= replaceAll(group, members);
    return changed ? touch(group) : group;
  }

  /** PATCH: the group's attributes through the engine, its members as set operations. */
  public StoredGroup patch(String id, JsonObject body, String ifMatch) {
    GroupPatch plan = GroupPatch.of(PatchOperation.listOf(body));
    StoredGroup group = lock(id, ifMatch);
    boolean changed = false;
    if (!plan.attributeOperations().isEmpty()) {
      JsonObject current = GroupDocuments.attributes(group);
      changed = changeAttributes(group, current, PATCH.apply(current, plan.attributeOperations()));
    }
    for (MemberChange change : plan.memberChanges()) {
      changed |= apply(group, change);
    }
    return changed ? touch(group) : group;
  }

  public void delete(String id, String ifMatch) {
    StoredGroup group = lock(id, ifMatch);
    new Memberships(em).removeEverywhere(group.scimId(), now());
    em.createQuery("DELETE FROM Membership m WHERE m.groupId = ?1")
        .setParameter(1, group.id())
        .executeUpdate();
    em.remove(group);
  }

  /** One page of the groups that match, in the query's order, with the exact total. */
  public GroupPage search(ListQuery query) {
    return search(query, null);
  }

  /** The same, with {@link PageAnchors} for walks through the whole list (see UserStore). */
  public GroupPage search(ListQuery query, PageAnchors anchors) {
    if (anchors != null && query.filter() == null && query.sortBy() == null && query.count() > 0) {
      AnchoredPages.Page<StoredGroup> page =
          AnchoredPages.read(
              em,
              anchors,
              anchorScope(tenantId),
              StoredGroup.class,
              tenantId,
              query,
              StoredGroup::id,
              () -> count(GroupFilterQuery.of(tenantId, null)));
      return new GroupPage(page.total(), page.rows());
    }
    GroupFilterQuery.Condition condition = GroupFilterQuery.of(tenantId, query.filter());
    List<StoredGroup> groups = List.of();
    if (query.count() > 0) {
      var page =
          em.createQuery(
              "SELECT g FROM StoredGroup g WHERE " + condition.jpql() + " ORDER BY " + order(query),
              StoredGroup.class);
      bind(page, condition.parameters());
      groups = page.setFirstResult(query.offset()).setMaxResults(query.count()).getResultList();
    }
    return new GroupPage(query.holdsAll(groups.size()) ? groups.size() : count(condition), groups);
  }

  /** The scope of a tenant's groups in {@link PageAnchors}. */
  public static String anchorScope(String tenantId) {
    return "groups:" + tenantId;
  }

  private long count(GroupFilterQuery.Condition condition) {
    Query count = em.createQuery("SELECT COUNT(g) FROM StoredGroup g WHERE " + condition.jpql());
    bind(count, condition.parameters());
    return ((Number) count.getSingleResult()).longValue();
  }

  private static String order(ListQuery query) {
    ResolvedPath sortBy = query.sortBy();
    String column = sortBy == null ? null : GroupFilterQuery.column(sortBy);
    if (column == null) {
      // members and meta.resourceType, location and version: one order, that of creation
      if (query.sortBy() != null && query.descending()) {
        return "g.id DESC";
      }
      return query.filter() == null ? "g.tenantId, g.id" : "g.id"; // see UserStore.order
    }
    String direction = query.descending() ? " DESC" : " ASC";
    return column + direction + " NULLS LAST, g.id" + direction;
  }

  private static void bind(Query query, List<Object> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
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
    Query delete;
    if (change instanceof MemberChange.RemoveMatching matching) {
      GroupFilterQuery.Condition condition =
          GroupFilterQuery.members(group.id(), matching.filter());
      delete = em.createQuery("DELETE FROM Membership m WHERE " + condition.jpql());
      bind(delete, condition.parameters());
    } else {
      delete = em.createQuery("DELETE FROM Membership m WHERE m.groupId = ?1");
      delete.setParameter(1, group.id());
    }
    return delete.executeUpdate() > 0;
  }

  /**
   * Adds the members that exist in this tenant and are not members yet: per chunk of ids, one query
   * for users, one for groups (when some ids are not users), one for present members, then the
   * inserts.
   */
  private boolean add(StoredGroup group, List<Member> members) {
    boolean added = false;
    Map<String, Member> byId = new LinkedHashMap<>();
    for (Member member : members) {
      byId.putIfAbsent(member.value().toLowerCase(Locale.ROOT), member);
    }
    for (List<String> ids : Memberships.chunks(byId.keySet())) {
      Set<String> users = existing("StoredUser", ids);
      // members are mostly users: look for groups only when some ids are not users
      Set<String> groups = users.size() == ids.size() ? Set.of() : existing("StoredGroup", ids);
      Set<String> present =
          new HashSet<>(
              em.createQuery(
                      "SELECT m.memberId FROM Membership m WHERE m.groupId = ?1"
                          + " AND m.memberId IN ?2",
                      String.class)
                  .setParameter(1, group.id())
                  .setParameter(2, ids)
                  .getResultList());
      for (String id : ids) {
        boolean isUser = users.contains(id);
        if ((!isUser && !groups.contains(id)) || id.equals(group.scimId())) {
          skipped.add(byId.get(id).value());
        } else if (!present.contains(id)) {
          em.persist(
              new Membership(group.id(), id, isUser ? "User" : "Group", byId.get(id).display()));
          added = true;
        }
      }
    }
    if (added) {
      em.flush();
    }
    return added;
  }

  private Set<String> existing(String entity, List<String> ids) {
    return new HashSet<>(
        em.createQuery(
                "SELECT r.scimId FROM " + entity + " r WHERE r.tenantId = ?1 AND r.scimId IN ?2",
                String.class)
            .setParameter(1, tenantId)
            .setParameter(2, ids)
            .getResultList());
  }

  private boolean remove(StoredGroup group, Set<String> ids) {
    Set<String> keys = new LinkedHashSet<>();
    ids.forEach(id -> keys.add(id.toLowerCase(Locale.ROOT)));
    int removed = 0;
    for (List<String> chunk : Memberships.chunks(keys)) {
      removed +=
          em.createQuery("DELETE FROM Membership m WHERE m.groupId = ?1 AND m.memberId IN ?2")
              .setParameter(1, group.id())
              .setParameter(2, chunk)
              .executeUpdate();
    }
    return removed > 0;
  }

  /**
   * Makes the members exactly the list: reads the group's member ids (this request names them all
   * anyway), removes those not listed and adds the rest. Members that stay keep their place.
   */
  private boolean replaceAll(StoredGroup group, List<Member> members) {
    Set<String> wanted = new HashSet<>();
    members.forEach(m -> wanted.add(m.value().toLowerCase(Locale.ROOT)));
    List<String> current =
        em.createQuery("SELECT m.memberId FROM Membership m WHERE m.groupId = ?1", String.class)
            .setParameter(1, group.id())
            .getResultList();
    Set<String> gone = new LinkedHashSet<>(current);
    gone.removeAll(wanted);
    Set<String> have = new HashSet<>(current);
    List<Member> missing =
        members.stream().filter(m -> !have.contains(m.value().toLowerCase(Locale.ROOT))).toList();
    boolean removed = remove(group, gone);
    return add(group, missing) | removed;
  }

  private boolean changeAttributes(StoredGroup group, JsonObject current, JsonObject next) {
    if (next.equals(current)) {
      return false;
    }
    String key = GroupDocuments.displayNameKey(next);
    if (!key.equals(group.displayNameKey())) {
      requireFreeName(key, group.id());
    }
    setAttributes(group, next);
    flush();
    return true;
  }

  private StoredGroup touch(StoredGroup group) {
    group.touch(now());
    flush();
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

  /**
   * The tenant's group with that id, or 404: another tenant's id is as unknown as a made-up one.
   */
  /** The tenant's groups with that id: none or one; another tenant's id finds none. */
  private List<StoredGroup> query(String id, LockModeType lock) {
    return em.createQuery(
            "SELECT g FROM StoredGroup g WHERE g.scimId = ?1 AND g.tenantId = ?2",
            StoredGroup.class)
        .setParameter(1, id)
        .setParameter(2, tenantId)
        .setLockMode(lock)
        .getResultList();
  }

  /**
   * The tenant's group with that id, or 404: another tenant's id is as unknown as a made-up one.
   */
  private StoredGroup byId(String id, LockModeType lock) {
    List<StoredGroup> found = query(id, lock);
    if (found.isEmpty()) {
      throw ScimException.notFound("There is no group '" + id + "'.");
    }
    return found.get(0);
  }

  private StoredGroup lock(String id, String ifMatch) {
    StoredGroup group = byId(id, LockModeType.PESSIMISTIC_WRITE);
    if (ifMatch != null && !ETags.matches(ifMatch, group.version())) {
      throw ScimException.preconditionFailed(
          "The group has changed: its version is "
              + ETags.of(group.version())
              + ", not "
              + ifMatch
              + ".");
    }
    return group;
  }

  private void requireFreeName(String displayNameKey, Long self) {
    List<Long> holders =
        em.createQuery(
                "SELECT g.id FROM StoredGroup g WHERE g.tenantId = ?1 AND g.displayNameKey = ?2",
                Long.class)
            .setParameter(1, tenantId)
            .setParameter(2, displayNameKey)
            .getResultList();
    if (holders.stream().anyMatch(id -> !id.equals(self))) {
      throw nameTaken();
    }
  }

  /** Writes now, so that a unique-index violation (a concurrent create) becomes a 409 here. */
  private void flush() {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (SqlStates.isUniqueViolation(e)) {
        throw nameTaken();
      }
      throw e;
    }
  }

  private static ScimException nameTaken() {
    return ScimException.uniqueness("Another group of this tenant already has this displayName.");
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }
}
