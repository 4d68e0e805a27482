package dev.roster.storage;

import dev.roster.users.entity.StoredUser;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements behind the console's read-only views of users and groups that the SCIM stores do
 * not already answer: counts per tenant for the dashboard, member counts and member-page anchors
 * for the directory, and names of a page's members. Searching, looking up single resources and
 * checking that one exists stay with the shared query layer, so the console finds what SCIM finds.
 *
 * <p>JPQL strings with positional parameters, the storage layer's one style: none of these
 * statements varies in shape. Lists of ids come from one page of the console (at most a page's
 * size), so each {@code IN} list stays short.
 */
public final class ConsoleDirectoryQueries {

  private final EntityManager em;

  public ConsoleDirectoryQueries(EntityManager em) {
    this.em = em;
  }

  /**
   * How many users of a tenant have one value of {@code active}.
   *
   * @param active the stored value: true, false, or null when the user has none
   */
  public record UserCount(String tenantId, Boolean active, long users) {}

  /** The users of every tenant, counted by {@code active}, in one grouped query. */
  public List<UserCount> userCountsByTenantAndActive() {
    return em
        .createQuery(
            "SELECT u.tenantId, u.active, COUNT(u) FROM StoredUser u"
                + " GROUP BY u.tenantId, u.active",
            Object[].class)
        .getResultList()
        .stream()
        .map(row -> new UserCount((String) row[0], (Boolean) row[1], ((Number) row[2]).longValue()))
        .toList();
  }

  /** The groups of every tenant, counted in one grouped query, by tenant id. */
  public Map<String, Long> groupCountsByTenant() {
    Map<String, Long> counts = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT g.tenantId, COUNT(g) FROM StoredGroup g GROUP BY g.tenantId",
                Object[].class)
            .getResultList()) {
      counts.put((String) row[0], ((Number) row[1]).longValue());
    }
    return counts;
  }

  /** The users of a tenant with these SCIM ids; another tenant's ids find none. */
  public List<StoredUser> users(String tenantId, Collection<String> scimIds) {
    if (scimIds.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "SELECT u FROM StoredUser u WHERE u.tenantId = ?1 AND u.scimId IN ?2", StoredUser.class)
        .setParameter(1, tenantId)
        .setParameter(2, scimIds)
        .getResultList();
  }

  /**
   * Up to {@code limit} users of a tenant created after the row {@code afterRow}, in creation
   * order: one range of the {@code (TENANT_ID, ID)} index, the same cost on any page.
   */
  public List<StoredUser> usersAfter(String tenantId, long afterRow, int limit) {
    return em.createQuery(
            "SELECT u FROM StoredUser u WHERE u.tenantId = ?1 AND u.id > ?2"
                + " ORDER BY u.tenantId, u.id",
            StoredUser.class)
        .setParameter(1, tenantId)
        .setParameter(2, afterRow)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The {@code displayName} of each group of a tenant with one of these SCIM ids, by SCIM id. */
  public Map<String, String> groupNames(String tenantId, Collection<String> scimIds) {
    Map<String, String> names = new HashMap<>();
    if (scimIds.isEmpty()) {
      return names;
    }
    for (Object[] row :
        em.createQuery(
                "SELECT g.scimId, g.displayName FROM StoredGroup g"
                    + " WHERE g.tenantId = ?1 AND g.scimId IN ?2",
                Object[].class)
            .setParameter(1, tenantId)
            .setParameter(2, scimIds)
            .getResultList()) {
      names.put((String) row[0], (String) row[1]);
    }
    return names;
  }

  /** The direct members of each of these groups (database ids), in one grouped query. */
  public Map<Long, Long> memberCounts(Collection<Long> groupIds) {
    Map<Long, Long> counts = new HashMap<>();
    if (groupIds.isEmpty()) {
      return counts;
    }
    for (Object[] row :
        em.createQuery(
                "SELECT m.groupId, COUNT(m) FROM Membership m WHERE m.groupId IN ?1"
                    + " GROUP BY m.groupId",
                Object[].class)
            .setParameter(1, groupIds)
            .getResultList()) {
      counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
    return counts;
  }

  /** How many direct members the group (its database id) has. */
  public long memberCount(long groupId) {
    return em.createQuery("SELECT COUNT(m) FROM Membership m WHERE m.groupId = ?1", Long.class)
        .setParameter(1, groupId)
        .getSingleResult();
  }

  /**
   * Where the page of {@code pageSize} members before the one starting after the membership row
   * {@code after} starts (0 for the first page): read backwards through the (group, id) index, ids
   * only.
   */
  public long previousPageStart(long groupId, long after, int pageSize) {
    List<Long> before =
        em.createQuery(
                "SELECT m.id FROM Membership m WHERE m.groupId = ?1 AND m.id <= ?2"
                    + " ORDER BY m.id DESC",
                Long.class)
            .setParameter(1, groupId)
            .setParameter(2, after)
            .setMaxResults(pageSize + 1)
            .getResultList();
    return before.size() > pageSize ? before.get(pageSize) : 0;
  }

  /** The console's search text, stripped and cut to {@code max} characters; null when blank. */
  public static String searchText(String text, int max) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String stripped = text.strip();
    return stripped.codePointCount(0, stripped.length()) > max
        ? stripped.substring(0, stripped.offsetByCodePoints(0, max))
        : stripped;
  }
}
