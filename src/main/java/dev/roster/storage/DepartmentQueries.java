package dev.roster.storage;

import dev.roster.groups.entity.Membership;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.SchemaUris;
import dev.roster.users.entity.StoredUser;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reads behind a tenant's departments (docs/directory-api.md): the distinct values of the
 * users' enterprise {@code department}, the users with one of them, and groups with their user
 * members. Every read is a range of an index, so a page costs the same at any size.
 */
public final class DepartmentQueries {

  /** The value index's path of the enterprise extension's {@code department}. */
  public static final String DEPARTMENT_PATH = SchemaUris.ENTERPRISE_USER + ":department";

  private final EntityManager em;

  public DepartmentQueries(EntityManager em) {
    this.em = em;
  }

  /** A department value: its comparison key and the first user (by row) who has it. */
  public record DepartmentValue(String key, StoredUser firstUser) {}

  /** A group as a department: its row (for paging), SCIM id and name. */
  public record GroupRow(long row, String id, String displayName) {}

  /**
   * Up to {@code limit} distinct department keys after {@code afterKey} (or from the first when
   * null), in key order, each with the first user who has it. One seek of the lookup index per
   * department, a loose index scan that neither database does by itself: a plain {@code DISTINCT}
   * would read every user's entry.
   */
  public List<DepartmentValue> departmentsAfter(String tenantId, String afterKey, int limit) {
    List<DepartmentValue> values = new ArrayList<>();
    String after = afterKey;
    while (values.size() < limit) {
      Optional<DepartmentValue> next = next(tenantId, after);
      if (next.isEmpty()) {
        break;
      }
      values.add(next.get());
      after = next.get().key();
    }
    return values;
  }

  /** The department with that key, when at least one user of the tenant has it. */
  public Optional<DepartmentValue> department(String tenantId, String key) {
    return em
        .createQuery(
            "SELECT u FROM IndexedValue v, StoredUser u WHERE u.id = v.userId"
                + " AND v.tenantId = ?1 AND v.path = ?2 AND v.valueKey = ?3"
                + " ORDER BY v.tenantId, v.path, v.valueKey, v.userId",
            StoredUser.class)
        .setParameter(1, tenantId)
        .setParameter(2, DEPARTMENT_PATH)
        .setParameter(3, key)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst()
        .map(user -> new DepartmentValue(key, user));
  }

  /**
   * Up to {@code limit} users whose department has that key, after the row {@code afterRow}, in row
   * order: one range of the lookup index {@code (TENANT_ID, PATH, VALUE_KEY, USER_ID)}.
   */
  public List<StoredUser> usersWithDepartment(
      String tenantId, String key, long afterRow, int limit) {
    return em.createQuery(
            "SELECT u FROM IndexedValue v, StoredUser u WHERE u.id = v.userId"
                + " AND v.tenantId = ?1 AND v.path = ?2 AND v.valueKey = ?3 AND v.userId > ?4"
                + " ORDER BY v.tenantId, v.path, v.valueKey, v.userId",
            StoredUser.class)
        .setParameter(1, tenantId)
        .setParameter(2, DEPARTMENT_PATH)
        .setParameter(3, key)
        .setParameter(4, afterRow)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Up to {@code limit} groups of the tenant after the row {@code afterRow}, in row order. */
  public List<GroupRow> groupsAfter(String tenantId, long afterRow, int limit) {
    return em
        .createQuery(
            "SELECT g FROM StoredGroup g WHERE g.tenantId = ?1 AND g.id > ?2"
                + " ORDER BY g.tenantId, g.id",
            StoredGroup.class)
        .setParameter(1, tenantId)
        .setParameter(2, afterRow)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(DepartmentQueries::row)
        .toList();
  }

  /** The group of the tenant with that SCIM id. */
  public Optional<GroupRow> group(String tenantId, String id) {
    return em
        .createQuery(
            "SELECT g FROM StoredGroup g WHERE g.tenantId = ?1 AND g.scimId = ?2",
            StoredGroup.class)
        .setParameter(1, tenantId)
        .setParameter(2, id)
        .getResultList()
        .stream()
        .findFirst()
        .map(DepartmentQueries::row);
  }

  /** A group's member that is a user: the membership's row (for paging) and the user. */
  public record UserMember(long row, StoredUser user) {}

  /**
   * Up to {@code limit} of a group's direct members after the membership row {@code afterRow} that
   * are users of the tenant, in the order they were added (the {@code (GROUP_ID, ID)} index).
   */
  public List<UserMember> userMembers(String tenantId, long groupRow, long afterRow, int limit) {
    List<UserMember> members = new ArrayList<>();
    for (Object[] row :
        em.createQuery(
                "SELECT m, u FROM Membership m, StoredUser u WHERE m.groupId = ?1 AND m.id > ?2"
                    + " AND u.tenantId = ?3 AND u.scimId = m.memberId"
                    + " ORDER BY m.groupId, m.id",
                Object[].class)
            .setParameter(1, groupRow)
            .setParameter(2, afterRow)
            .setParameter(3, tenantId)
            .setMaxResults(limit)
            .getResultList()) {
      members.add(new UserMember(((Membership) row[0]).id(), (StoredUser) row[1]));
    }
    return members;
  }

  private Optional<DepartmentValue> next(String tenantId, String afterKey) {
    List<Object[]> rows =
        em.createQuery(
                "SELECT v.valueKey, u FROM IndexedValue v, StoredUser u WHERE u.id = v.userId"
                    + " AND v.tenantId = ?1 AND v.path = ?2 AND v.valueKey > ?3"
                    + " ORDER BY v.tenantId, v.path, v.valueKey, v.userId",
                Object[].class)
            .setParameter(1, tenantId)
            .setParameter(2, DEPARTMENT_PATH)
            // after "": an empty department is no department
            .setParameter(3, afterKey == null ? "" : afterKey)
            .setMaxResults(1)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(row -> new DepartmentValue((String) row[0], (StoredUser) row[1]));
  }

  private static GroupRow row(StoredGroup group) {
    return new GroupRow(group.id(), group.scimId(), group.displayName());
  }
}
