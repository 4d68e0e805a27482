package dev.roster.storage;

import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.ETags;
import dev.roster.scim.ScimException;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.query.MetaFilters;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.users.entity.StoredUser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The rows of one tenant's users or groups, as one {@link ResourceTable} describes them: find,
 * lock, check a unique key, search (filter, sort, page, count) and flush. Users and groups share
 * every statement here; their stores keep only what is their own.
 */
public final class ResourceRows<E> {

  /** The rows of a page and the total number of rows that match. */
  public record Page<E>(long total, List<E> rows) {}

  private final EntityManager em;
  private final ResourceTable table;
  private final Class<E> entity;
  private final ToLongFunction<E> rowId;
  private final ToLongFunction<E> version;
  private final Function<E, String> scimId;
  private final String tenantId;

  private ResourceRows(
      EntityManager em,
      ResourceTable table,
      Class<E> entity,
      ToLongFunction<E> rowId,
      ToLongFunction<E> version,
      Function<E, String> scimId,
      String tenantId) {
    this.em = em;
    this.table = table;
    this.entity = entity;
    this.rowId = rowId;
    this.version = version;
    this.scimId = scimId;
    this.tenantId = tenantId;
  }

  public static ResourceRows<StoredUser> users(EntityManager em, String tenantId) {
    return users(em, tenantId, ResourceTable.USERS.type());
  }

  /** The users of a tenant whose user type has extensions of its own. */
  public static ResourceRows<StoredUser> users(
      EntityManager em, String tenantId, dev.roster.scim.schema.ResourceType type) {
    return new ResourceRows<>(
        em,
        ResourceTable.USERS.withType(type),
        StoredUser.class,
        StoredUser::id,
        StoredUser::version,
        StoredUser::scimId,
        tenantId);
  }

  public static ResourceRows<StoredGroup> groups(EntityManager em, String tenantId) {
    return new ResourceRows<>(
        em,
        ResourceTable.GROUPS,
        StoredGroup.class,
        StoredGroup::id,
        StoredGroup::version,
        StoredGroup::scimId,
        tenantId);
  }

  /** The scope of a tenant's users or groups in {@link PageAnchors}. */
  public static String anchorScope(ResourceTable table, String tenantId) {
    return (table.entity().equals(ResourceTable.USERS.entity()) ? "users:" : "groups:") + tenantId;
  }

  public String tenantId() {
    return tenantId;
  }

  /** The tenant's row with that id, if there is one; another tenant's id finds none. */
  public Optional<E> find(String scimId) {
    return byId(scimId, LockModeType.NONE);
  }

  /** The tenant's row with that id, or 404: another tenant's id is as unknown as a made-up one. */
  public E get(String scimId) {
    return find(scimId).orElseThrow(() -> notFound(scimId));
  }

  /**
   * The row, locked for this transaction ({@code SELECT … FOR UPDATE}) so that concurrent writes to
   * one resource apply one after the other and lose nothing, when its version is the one {@code
   * ifMatch} names (any version without one); else 404, or 412 {@code preconditionFailed}.
   */
  public E lockForWrite(String scimId, String ifMatch) {
    E row = byId(scimId, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(scimId));
    long current = version.applyAsLong(row);
    if (ifMatch != null && !ETags.matches(ifMatch, current)) {
      throw ScimException.preconditionFailed(
          "The "
              + noun()
              + " has changed: its version is "
              + ETags.of(current)
              + ", not "
              + ifMatch
              + ".");
    }
    return row;
  }

  /**
   * Deletes the row, and removes it from every group it was a member of (users and groups can both
   * be members). The caller deletes what else belongs to it first.
   */
  public void delete(E row) {
    new Memberships(em).removeEverywhere(scimId.apply(row), Timestamps.now());
    em.remove(row);
  }

  private ScimException notFound(String id) {
    return ScimException.notFound("There is no " + noun() + " '" + id + "'.");
  }

  private String noun() {
    return table.type().name().toLowerCase(Locale.ROOT);
  }

  private Optional<E> byId(String scimId, LockModeType lock) {
    String a = table.alias();
    return em
        .createQuery(select() + " WHERE " + a + ".scimId = ?1 AND " + a + ".tenantId = ?2", entity)
        .setParameter(1, scimId)
        .setParameter(2, tenantId)
        .setLockMode(lock)
        .getResultList()
        .stream()
        .findFirst();
  }

  /**
   * Refuses a unique key that another row of the tenant (not {@code self}) has: 409 {@code
   * uniqueness}. The unique index decides in the end, at {@link #flush()}.
   */
  public void requireFree(String uniqueKey, Long self) {
    if (holders(uniqueKey).stream().anyMatch(id -> !id.equals(self))) {
      throw taken();
    }
  }

  /** The row of the tenant that has this unique key, if any (its row id, not its SCIM id). */
  public Optional<Long> holder(String uniqueKey) {
    return holders(uniqueKey).stream().findFirst();
  }

  /** The row with this row id, locked for this transaction; see {@link #lockForWrite}. */
  public E lockRow(long rowId) {
    return em.find(entity, rowId, LockModeType.PESSIMISTIC_WRITE);
  }

  private List<Long> holders(String uniqueKey) {
    String a = table.alias();
    return em.createQuery(
            "SELECT "
                + a
                + ".id FROM "
                + table.entity()
                + " "
                + a
                + " WHERE "
                + a
                + ".tenantId = ?1 AND "
                + table.uniqueKey()
                + " = ?2",
            Long.class)
        .setParameter(1, tenantId)
        .setParameter(2, uniqueKey)
        .getResultList();
  }

  /**
   * Writes now, so that a unique-index violation (a concurrent create) becomes a 409 here, inside
   * the transaction, rather than a failed commit.
   */
  public void flush() {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (SqlStates.isUniqueViolation(e)) {
        throw taken();
      }
      throw e;
    }
  }

  /** 409 {@code uniqueness}: another row of the tenant has the unique key. */
  public ScimException taken() {
    return ScimException.uniqueness(
        "Another " + noun() + " of this tenant already has this " + table.uniqueAttribute() + ".");
  }

  /** Whether the tenant has a row with that id, read without loading the row. */
  public boolean exists(String scimId) {
    return !existing(List.of(scimId)).isEmpty();
  }

  /** Which of these ids are rows of the tenant. */
  public Set<String> existing(Collection<String> scimIds) {
    String a = table.alias();
    return new HashSet<>(
        em.createQuery(
                "SELECT "
                    + a
                    + ".scimId FROM "
                    + table.entity()
                    + " "
                    + a
                    + " WHERE "
                    + a
                    + ".tenantId = ?1 AND "
                    + a
                    + ".scimId IN ?2",
                String.class)
            .setParameter(1, tenantId)
            .setParameter(2, scimIds)
            .getResultList());
  }

  /**
   * One page of the rows that match, in the query's order, with the exact total, remembering in
   * {@code anchors} (when given) where the pages of an unfiltered list in the default order start,
   * so that a walk through the whole tenant reads each page through the primary key instead of
   * stepping over every row before it.
   */
  public Page<E> search(ListQuery query, PageAnchors anchors) {
    if (anchors != null && query.filter() == null && query.sortBy() == null && query.count() > 0) {
      return AnchoredPages.read(
          anchors,
          anchorScope(table, tenantId),
          query,
          AnchoredPages.jpa(em, entity, tenantId),
          rowId,
          () -> count(FilterTranslation.of(table, tenantId, null)));
    }
    FilterTranslation.Condition condition = FilterTranslation.of(table, tenantId, query.filter());
    List<E> rows = List.of();
    if (query.count() > 0) {
      StringBuilder jpql = new StringBuilder(select());
      List<Object> parameters = new ArrayList<>(condition.parameters());
      String order = order(query, jpql, parameters);
      jpql.append(" WHERE ").append(condition.jpql()).append(" ORDER BY ").append(order);
      TypedQuery<E> page = em.createQuery(jpql.toString(), entity);
      bind(page, parameters);
      rows = page.setFirstResult(query.offset()).setMaxResults(query.count()).getResultList();
    }
    return new Page<>(query.holdsAll(rows.size()) ? rows.size() : count(condition), rows);
  }

  private long count(FilterTranslation.Condition condition) {
    String a = table.alias();
    Query count =
        em.createQuery(
            "SELECT COUNT("
                + a
                + ") FROM "
                + table.entity()
                + " "
                + a
                + " WHERE "
                + condition.jpql());
    bind(count, condition.parameters());
    return ((Number) count.getSingleResult()).longValue();
  }

  private String select() {
    return "SELECT " + table.alias() + " FROM " + table.entity() + " " + table.alias();
  }

  /**
   * The ORDER BY clause: the sort attribute's column, or what the table joins for it (for users,
   * element 0 of its index entries: the primary value of a multi-valued attribute), then creation
   * order. Unassigned values sort last both ways. Attributes that cannot order (the computed parts
   * of meta, a relation) sort in creation order.
   */
  private String order(ListQuery query, StringBuilder from, List<Object> parameters) {
    String id = table.alias() + ".id";
    ResolvedPath sortBy = query.sortBy();
    if (sortBy == null) {
      // with the tenant first when it is the only condition, so that H2 reads the (TENANT_ID, ID)
      // index in order (see AnchoredPages.IN_ROW_ORDER). Not with a filter: H2 would then prefer
      // that index to the filter's, and scan the whole tenant for one userName.
      return query.filter() == null ? table.alias() + ".tenantId, " + id : id;
    }
    String direction = query.descending() ? " DESC" : " ASC";
    String key = sortKey(sortBy, from, parameters);
    return key == null ? id + direction : key + direction + " NULLS LAST, " + id + direction;
  }

  private String sortKey(ResolvedPath sortBy, StringBuilder from, List<Object> parameters) {
    if (MetaFilters.isComputed(sortBy) || table.relation(sortBy) != null) {
      return null;
    }
    Column column = table.column(sortBy);
    return column != null ? column.compared() : table.unstored().sortKey(sortBy, from, parameters);
  }

  static void bind(Query query, List<Object> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
  }
}
