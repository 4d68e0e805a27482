package dev.roster.users.control;

import dev.roster.groups.control.Memberships;
import dev.roster.platform.jpql.SqlStates;
import dev.roster.platform.paging.AnchoredPages;
import dev.roster.platform.paging.PageAnchors;
import dev.roster.scim.ETags;
import dev.roster.scim.ScimException;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.query.MetaFilters;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.users.control.UserIndex.Slot;
import dev.roster.users.entity.IndexedValue;
import dev.roster.users.entity.StoredUser;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The users of one tenant in one persistence context: every read and write of {@code /Users},
 * without transactions or injection, so that it runs in the container (through {@code Users}) and
 * against a plain H2 in tests alike.
 *
 * <p>Writes to one user are serialised by a row lock ({@code SELECT … FOR UPDATE}), so concurrent
 * PATCHes apply one after the other and lose nothing. {@code userName} uniqueness is checked first
 * and then enforced by the unique index at {@code flush()}, inside the transaction, so that a race
 * ends in 409, not in a failed commit.
 */
public class UserStore {

  private static final ResourceValidator VALIDATOR = new ResourceValidator(ResourceType.USER);
  private static final PatchEngine PATCH = new PatchEngine(ResourceType.USER);

  /** Above this many changed index entries, a write replaces them all in one batch. */
  private static final int INCREMENTAL_INDEX_LIMIT = 8;

  private final EntityManager em;
  private final String tenantId;

  public UserStore(EntityManager em, String tenantId) {
    this.em = em;
    this.tenantId = tenantId;
  }

  public StoredUser create(JsonObject body) {
    UserDocuments.State state = UserDocuments.state(VALIDATOR.validate(body));
    requireFreeUserName(state.userNameKey(), null);
    StoredUser user = new StoredUser(UUID.randomUUID().toString(), tenantId, now());
    setState(user, state);
    em.persist(user);
    UserIndex.entriesOf(state.document())
        .forEach(
            (slot, key) ->
                em.persist(
                    new IndexedValue(user.id(), tenantId, slot.path(), slot.element(), key)));
    flush();
    return user;
  }

  public StoredUser find(String id) {
    return byId(id, LockModeType.NONE);
  }

  /** The tenant's user with that id, if there is one. */
  public Optional<StoredUser> lookup(String id) {
    return query(id, LockModeType.NONE).stream().findFirst();
  }

  /** The tenant's users with that id: none or one; another tenant's id finds none. */
  private List<StoredUser> query(String id, LockModeType lock) {
    return em.createQuery(
            "SELECT u FROM StoredUser u WHERE u.scimId = ?1 AND u.tenantId = ?2", StoredUser.class)
        .setParameter(1, id)
        .setParameter(2, tenantId)
        .setLockMode(lock)
        .getResultList();
  }

  /** The tenant's user with that id, or 404: another tenant's id is as unknown as a made-up one. */
  private StoredUser byId(String id, LockModeType lock) {
    List<StoredUser> found = query(id, lock);
    if (found.isEmpty()) {
      throw notFound(id);
    }
    return found.get(0);
  }

  /** PUT: the body replaces every writable attribute. */
  public StoredUser replace(String id, JsonObject body, String ifMatch) {
    StoredUser user = lock(id, ifMatch);
    return change(user, UserDocuments.state(user), VALIDATOR.validate(body));
  }

  /** PATCH: the operations apply in order to the current state, all or none. */
  public StoredUser patch(String id, JsonObject body, String ifMatch) {
    List<PatchOperation> operations = PatchOperation.listOf(body);
    StoredUser user = lock(id, ifMatch);
    UserDocuments.State current = UserDocuments.state(user);
    return change(user, current, PATCH.apply(current.canonical(), operations));
  }

  public void delete(String id, String ifMatch) {
    StoredUser user = lock(id, ifMatch);
    new Memberships(em).removeEverywhere(user.scimId(), now());
    em.createQuery("DELETE FROM IndexedValue v WHERE v.userId = ?1")
        .setParameter(1, user.id())
        .executeUpdate();
    em.remove(user);
  }

  /** One page of the users that match, in the query's order, with the exact total. */
  public UserPage search(ListQuery query) {
    return search(query, null);
  }

  /**
   * The same, remembering in {@code anchors} (when given) where the pages of an unfiltered list in
   * the default order start, so that a walk through the whole tenant reads each page through the
   * primary key instead of stepping over every row before it.
   */
  public UserPage search(ListQuery query, PageAnchors anchors) {
    if (anchors != null && query.filter() == null && query.sortBy() == null && query.count() > 0) {
      AnchoredPages.Page<StoredUser> page =
          AnchoredPages.read(
              em,
              anchors,
              anchorScope(tenantId),
              StoredUser.class,
              tenantId,
              query,
              StoredUser::id,
              () -> count(UserFilterQuery.of(tenantId, null)));
      return new UserPage(page.total(), page.rows());
    }
    UserFilterQuery.Condition condition = UserFilterQuery.of(tenantId, query.filter());
    List<StoredUser> users = List.of();
    if (query.count() > 0) {
      StringBuilder jpql = new StringBuilder("SELECT u FROM StoredUser u");
      List<Object> parameters = new java.util.ArrayList<>(condition.parameters());
      String order = order(query, jpql, parameters);
      jpql.append(" WHERE ").append(condition.jpql()).append(" ORDER BY ").append(order);
      TypedQuery<StoredUser> page = em.createQuery(jpql.toString(), StoredUser.class);
      bind(page, parameters);
      users = page.setFirstResult(query.offset()).setMaxResults(query.count()).getResultList();
    }
    return new UserPage(query.holdsAll(users.size()) ? users.size() : count(condition), users);
  }

  /** The scope of a tenant's users in {@link PageAnchors}. */
  public static String anchorScope(String tenantId) {
    return "users:" + tenantId;
  }

  private long count(UserFilterQuery.Condition condition) {
    Query count = em.createQuery("SELECT COUNT(u) FROM StoredUser u WHERE " + condition.jpql());
    bind(count, condition.parameters());
    return ((Number) count.getSingleResult()).longValue();
  }

  /**
   * The ORDER BY clause: the sort attribute's column, or element 0 of its index entries (the
   * primary value of a multi-valued attribute), then creation order. Unassigned values sort last
   * both ways.
   */
  private static String order(ListQuery query, StringBuilder from, List<Object> parameters) {
    ResolvedPath sortBy = query.sortBy();
    if (sortBy == null) {
      // with the tenant first when it is the only condition, so that H2 reads the (TENANT_ID, ID)
      // index in order (see AnchoredPages.IN_ROW_ORDER). Not with a filter: H2 would then prefer
      // that index to the filter's, and scan the whole tenant for one userName.
      return query.filter() == null ? "u.tenantId, u.id" : "u.id";
    }
    String direction = query.descending() ? " DESC" : " ASC";
    String column = sortColumn(sortBy);
    if (column == null) {
      parameters.add(sortBy.canonical());
      from.append(" LEFT JOIN u.values s ON s.path = ?")
          .append(parameters.size())
          .append(" AND s.element = 0");
      column = "s.valueKey";
    }
    return column + direction + " NULLS LAST, u.id" + direction;
  }

  private static String sortColumn(ResolvedPath path) {
    // meta.resourceType, location and version: the same for all, or in the order of creation
    return MetaFilters.isComputed(path) ? "u.id" : UserFilterQuery.column(path);
  }

  private static void bind(Query query, List<Object> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
  }

  private StoredUser lock(String id, String ifMatch) {
    StoredUser user = byId(id, LockModeType.PESSIMISTIC_WRITE);
    if (ifMatch != null && !ETags.matches(ifMatch, user.version())) {
      throw ScimException.preconditionFailed(
          "The user has changed: its version is "
              + ETags.of(user.version())
              + ", not "
              + ifMatch
              + ".");
    }
    return user;
  }

  private StoredUser change(StoredUser user, UserDocuments.State before, JsonObject next) {
    UserDocuments.State after = UserDocuments.state(next);
    if (after.equals(before)) {
      return user; // nothing changed: same version, same ETag
    }
    String userNameKey = after.userNameKey();
    if (!userNameKey.equals(user.userNameKey())) {
      requireFreeUserName(userNameKey, user.id());
    }
    setState(user, after);
    user.touch(now());
    reindex(user, UserIndex.entriesOf(before.document()), UserIndex.entriesOf(after.document()));
    flush();
    return user;
  }

  private void reindex(StoredUser user, Map<Slot, String> before, Map<Slot, String> after) {
    long changes =
        before.keySet().stream().filter(slot -> !after.containsKey(slot)).count()
            + after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .count();
    if (changes > INCREMENTAL_INDEX_LIMIT) {
      em.createQuery("DELETE FROM IndexedValue v WHERE v.userId = ?1")
          .setParameter(1, user.id())
          .executeUpdate();
      after.forEach((slot, key) -> insert(user, slot, key));
      return;
    }
    for (Slot slot : before.keySet()) {
      if (!after.containsKey(slot)) {
        em.createQuery(
                "DELETE FROM IndexedValue v WHERE v.userId = ?1 AND v.path = ?2 AND v.element = ?3")
            .setParameter(1, user.id())
            .setParameter(2, slot.path())
            .setParameter(3, slot.element())
            .executeUpdate();
      }
    }
    for (Map.Entry<Slot, String> entry : after.entrySet()) {
      String old = before.get(entry.getKey());
      if (old == null) {
        insert(user, entry.getKey(), entry.getValue());
      } else if (!old.equals(entry.getValue())) {
        em.createQuery(
                "UPDATE IndexedValue v SET v.valueKey = ?4"
                    + " WHERE v.userId = ?1 AND v.path = ?2 AND v.element = ?3")
            .setParameter(1, user.id())
            .setParameter(2, entry.getKey().path())
            .setParameter(3, entry.getKey().element())
            .setParameter(4, entry.getValue())
            .executeUpdate();
      }
    }
  }

  private void insert(StoredUser user, Slot slot, String key) {
    em.persist(new IndexedValue(user.id(), user.tenantId(), slot.path(), slot.element(), key));
  }

  private static void setState(StoredUser user, UserDocuments.State state) {
    user.setState(
        state.document().toString(),
        state.userNameKey(),
        state.externalId(),
        state.displayNameKey(),
        state.active());
  }

  private void requireFreeUserName(String userNameKey, Long self) {
    List<Long> holders =
        em.createQuery(
                "SELECT u.id FROM StoredUser u WHERE u.tenantId = ?1 AND u.userNameKey = ?2",
                Long.class)
            .setParameter(1, tenantId)
            .setParameter(2, userNameKey)
            .getResultList();
    if (holders.stream().anyMatch(id -> !id.equals(self))) {
      throw userNameTaken();
    }
  }

  /** Writes now, so that a unique-index violation (a concurrent create) becomes a 409 here. */
  private void flush() {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (SqlStates.isUniqueViolation(e)) {
        throw userNameTaken();
      }
      throw e;
    }
  }

  private static ScimException userNameTaken() {
    return ScimException.uniqueness("Another user of this tenant already has this userName.");
  }

  private static ScimException notFound(String id) {
    return ScimException.notFound("There is no user '" + id + "'.");
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }
}
