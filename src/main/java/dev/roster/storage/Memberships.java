package dev.roster.storage;

import dev.roster.groups.entity.Membership;
import dev.roster.scim.filter.Filter;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The membership relation: one row per member of a group. It answers the groups a user is in (for
 * its {@code groups} attribute), reads and changes a group's members with set operations, and
 * cleans up when a member is deleted. Users and groups both use it.
 */
public final class Memberships {

  /**
   * How many ids one {@code IN} list holds; PostgreSQL and H2 take far more, but plans stay good.
   */
  static final int CHUNK = 500;

  /** Nesting deeper than this is not followed (a directory's departments are far shallower). */
  private static final int MAX_DEPTH = 32;

  /**
   * A group a member belongs to.
   *
   * @param type {@code direct}, or {@code indirect} through nested groups (RFC 7643 §4.1.2)
   */
  public record GroupRef(String id, String displayName, String type) {}

  private final EntityManager em;

  public Memberships(EntityManager em) {
    this.em = em;
  }

  /**
   * The groups each member is in, directly and through groups that are members of other groups,
   * each group once (direct wins). One query per level of nesting for all members together, so a
   * page of users costs one query when no groups are nested.
   */
  public Map<String, List<GroupRef>> groupsOf(Collection<String> memberIds) {
    return groupsOf(memberIds, this::parents);
  }

  /**
   * {@link #groupsOf(Collection)} with the direct parents read by {@code parents}: the groups that
   * have each id as a direct member, in the order of their names ({@link JdbcUserLookups} reads
   * them without JPA).
   */
  static Map<String, List<GroupRef>> groupsOf(
      Collection<String> memberIds,
      Function<Collection<String>, Map<String, List<GroupRef>>> parents) {
    Map<String, List<GroupRef>> result = new LinkedHashMap<>();
    if (memberIds.isEmpty()) {
      return result;
    }
    Map<String, List<GroupRef>> direct = parents.apply(memberIds);
    Map<String, List<GroupRef>> parentsOfGroups = new HashMap<>();
    Set<String> frontier = new HashSet<>();
    direct.values().forEach(groups -> groups.forEach(g -> frontier.add(g.id())));
    for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty(); depth++) {
      Map<String, List<GroupRef>> next = parents.apply(frontier);
      parentsOfGroups.putAll(next);
      frontier.clear();
      next.values().stream()
          .flatMap(List::stream)
          .map(GroupRef::id)
          .filter(id -> !parentsOfGroups.containsKey(id))
          .forEach(frontier::add);
      frontier.removeAll(parentsOfGroups.keySet());
    }
    for (String member : memberIds) {
      Map<String, GroupRef> groups = new LinkedHashMap<>();
      List<GroupRef> level = direct.getOrDefault(member, List.of());
      level.forEach(g -> groups.put(g.id(), g));
      List<GroupRef> pending = new ArrayList<>(level);
      while (!pending.isEmpty()) {
        GroupRef group = pending.remove(pending.size() - 1);
        for (GroupRef parent : parentsOfGroups.getOrDefault(group.id(), List.of())) {
          if (!groups.containsKey(parent.id()) && !parent.id().equals(member)) {
            GroupRef indirect = new GroupRef(parent.id(), parent.displayName(), "indirect");
            groups.put(parent.id(), indirect);
            pending.add(indirect);
          }
        }
      }
      result.put(member, List.copyOf(groups.values()));
    }
    return result;
  }

  /** The groups that have each of these ids as a direct member, in the order of their names. */
  private Map<String, List<GroupRef>> parents(Collection<String> memberIds) {
    Map<String, List<GroupRef>> parents = new HashMap<>();
    for (List<String> chunk : chunks(memberIds)) {
      List<Object[]> rows =
          em.createQuery(
                  "SELECT m.memberId, g.scimId, g.displayName FROM Membership m, StoredGroup g"
                      + " WHERE g.id = m.groupId AND m.memberId IN ?1"
                      + " ORDER BY g.displayNameKey, g.id",
                  Object[].class)
              .setParameter(1, chunk)
              .getResultList();
      for (Object[] row : rows) {
        parents
            .computeIfAbsent((String) row[0], k -> new ArrayList<>())
            .add(new GroupRef((String) row[1], (String) row[2], "direct"));
      }
    }
    return parents;
  }

  /**
   * Removes a deleted user or group from every group it was in. Those groups changed, so they get a
   * new version and lastModified; the work is proportional to the member's groups, not to their
   * sizes.
   */
  public void removeEverywhere(String memberId, LocalDateTime now) {
    em.createQuery(
            "UPDATE StoredGroup g SET g.version = g.version + 1, g.lastModified = ?2"
                + " WHERE g.id IN (SELECT m.groupId FROM Membership m WHERE m.memberId = ?1)")
        .setParameter(1, memberId)
        .setParameter(2, now)
        .executeUpdate();
    em.createQuery("DELETE FROM Membership m WHERE m.memberId = ?1")
        .setParameter(1, memberId)
        .executeUpdate();
  }

  /**
   * Up to {@code limit} members of a group after the row {@code afterRow}, in the order they were
   * added: one batch of a streamed member list, read through the (group, id) index. The ORDER BY
   * names the group too, or H2 would sort all the group's later members for every batch.
   */
  public List<Membership> page(long groupId, long afterRow, int limit) {
    return em.createQuery(
            "SELECT m FROM Membership m WHERE m.groupId = ?1 AND m.id > ?2"
                + " ORDER BY m.groupId, m.id",
            Membership.class)
        .setParameter(1, groupId)
        .setParameter(2, afterRow)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Which of these member ids the group has already. */
  public Set<String> present(long groupId, Collection<String> memberIds) {
    return new HashSet<>(
        em.createQuery(
                "SELECT m.memberId FROM Membership m WHERE m.groupId = ?1 AND m.memberId IN ?2",
                String.class)
            .setParameter(1, groupId)
            .setParameter(2, memberIds)
            .getResultList());
  }

  /** Every member id of the group. */
  public List<String> memberIds(long groupId) {
    return em.createQuery("SELECT m.memberId FROM Membership m WHERE m.groupId = ?1", String.class)
        .setParameter(1, groupId)
        .getResultList();
  }

  /** Removes these members (lower-case ids) from the group; returns how many were members. */
  public int remove(long groupId, Collection<String> memberIds) {
    int removed = 0;
    for (List<String> chunk : chunks(memberIds)) {
      removed +=
          em.createQuery("DELETE FROM Membership m WHERE m.groupId = ?1 AND m.memberId IN ?2")
              .setParameter(1, groupId)
              .setParameter(2, chunk)
              .executeUpdate();
    }
    return removed;
  }

  /**
   * The ids of the members that match a filter on one member ({@code members[...]}), which a PATCH
   * then removes by id, so that its events can name them.
   */
  public List<String> idsMatching(long groupId, Filter memberFilter) {
    FilterTranslation.Condition condition =
        FilterTranslation.relationRows(
            ResourceTable.GROUPS, "m.groupId = ?1", groupId, memberFilter);
    TypedQuery<String> select =
        em.createQuery(
            "SELECT m.memberId FROM Membership m WHERE " + condition.jpql(), String.class);
    ResourceRows.bind(select, condition.parameters());
    return select.getResultList();
  }

  /** Removes every member of the group. */
  public int removeAll(long groupId) {
    return em.createQuery("DELETE FROM Membership m WHERE m.groupId = ?1")
        .setParameter(1, groupId)
        .executeUpdate();
  }

  public static <T> List<List<T>> chunks(Collection<T> values) {
    List<List<T>> chunks = new ArrayList<>();
    List<T> current = new ArrayList<>(Math.min(values.size(), CHUNK));
    for (T value : values) {
      current.add(value);
      if (current.size() == CHUNK) {
        chunks.add(current);
        current = new ArrayList<>(CHUNK);
      }
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
