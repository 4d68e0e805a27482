package dev.roster.users.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.storage.ConsoleDirectoryQueries;
import dev.roster.storage.DepartmentQueries;
import dev.roster.storage.DeprovisioningRows;
import dev.roster.storage.Memberships;
import dev.roster.storage.Timestamps;
import dev.roster.tenants.boundary.DepartmentSource;
import dev.roster.users.control.UserDocuments;
import dev.roster.users.entity.StoredUser;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's users as the product thinks of them (docs/directory-api.md): the fields of {@link
 * DirectoryUser}, the manager's name, and the groups the user is in. A page is one range of the
 * {@code (TENANT_ID, ID)} index plus one query for the page's groups and one for its managers, so
 * it costs the same on the first page and the last, at any size.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ProductDirectory {

  @PersistenceContext EntityManager em;

  /**
   * One page of users.
   *
   * @param next the {@code after} of the following page, or null after the last
   */
  public record Page(List<JsonObject> users, Long next) {}

  /**
   * One page of departments.
   *
   * @param next the {@code after} of the following page, or null after the last
   */
  public record DepartmentPage(List<JsonObject> departments, String next) {}

  private static final String GROUPS_AFTER = "group-";

  public Page users(String tenantId, DepartmentSource source, long after, int limit) {
    List<StoredUser> rows = new ConsoleDirectoryQueries(em).usersAfter(tenantId, after, limit + 1);
    boolean more = rows.size() > limit;
    List<StoredUser> page = more ? rows.subList(0, limit) : rows;
    List<JsonObject> users = entries(tenantId, source, page);
    return new Page(users, more ? page.get(page.size() - 1).id() : null);
  }

  /**
   * One user; also one whose deletion is held or was rejected (docs/deprovisioning-hold.md), which
   * SCIM no longer has: as the product saw it, with its {@code hold}.
   */
  public JsonObject user(String tenantId, DepartmentSource source, String id) {
    List<StoredUser> found = new ConsoleDirectoryQueries(em).users(tenantId, Set.of(id));
    if (found.isEmpty()) {
      return new DeprovisioningRows(em)
          .open(tenantId, id)
          .filter(row -> row.kind().equals(DeprovisioningRows.DELETE))
          .map(row -> heldDeletion(source, row))
          .orElseThrow(
              () ->
                  ScimException.notFound(
                      "There is no user '" + id + "' in tenant '" + tenantId + "'."));
    }
    return entries(tenantId, source, found).get(0);
  }

  /** A user SCIM deleted while the product keeps it: the fields as they were, and the hold. */
  private static JsonObject heldDeletion(DepartmentSource source, DeprovisioningRows.Row row) {
    JsonObject user = Deprovisionings.view(row).user();
    JsonObjectBuilder entry = JSON.createObjectBuilder(user);
    entry.remove("managerId");
    if (user.isNull("managerId")) {
      entry.addNull("manager");
    } else {
      entry.add(
          "manager",
          JSON.createObjectBuilder().add("id", user.getString("managerId")).addNull("name"));
    }
    JsonArrayBuilder departments = JSON.createArrayBuilder();
    if (source.includesAttribute() && !user.isNull("department")) {
      Department.ofAttribute(user.getString("department"))
          .ifPresent(d -> departments.add(d.json()));
    }
    return entry
        .addNull("productAccountId")
        .add("linked", true)
        .add("hold", hold(row))
        .add("departments", departments)
        .add("groups", JSON.createArrayBuilder())
        .build();
  }

  private static JsonObject hold(DeprovisioningRows.Row row) {
    return JSON.createObjectBuilder()
        .add("state", row.state().equals(DeprovisioningRows.HELD) ? "held" : "kept")
        .add("kind", row.kind())
        .add("since", Timestamps.instant(row.occurred()).toString())
        .add("request", row.request())
        .build();
  }

  /**
   * One page of the tenant's departments under its source: the attribute's values in the order of
   * their keys, then the groups in creation order ({@code both} lists both, in that order). Each
   * attribute department costs one seek of the lookup index, each page of groups one range.
   *
   * @param after null for the first page, else the previous page's {@code next}
   * @throws ScimException invalidValue for an {@code after} that no page gave
   */
  public DepartmentPage departments(
      String tenantId, DepartmentSource source, String after, int limit) {
    DepartmentQueries queries = new DepartmentQueries(em);
    // up to limit + 1 departments, each with the cursor that continues after it
    List<JsonObject> found = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    long groupsAfter = 0;
    boolean attributeDone = !source.includesAttribute();
    if (after != null && after.startsWith(GROUPS_AFTER)) {
      groupsAfter = groupRow(after);
      attributeDone = true;
    }
    if (!attributeDone) {
      String afterKey = after == null ? null : attributeKey(after);
      for (DepartmentQueries.DepartmentValue value :
          queries.departmentsAfter(tenantId, afterKey, limit + 1)) {
        Department department = attributeDepartment(value);
        found.add(department.json());
        cursors.add(department.id());
      }
    }
    if (source.includesGroups() && found.size() <= limit) {
      for (DepartmentQueries.GroupRow group :
          queries.groupsAfter(tenantId, groupsAfter, limit + 1 - found.size())) {
        found.add(Department.ofGroup(group.id(), group.displayName()).json());
        cursors.add(GROUPS_AFTER + group.row());
      }
    }
    if (found.size() <= limit) {
      return new DepartmentPage(found, null);
    }
    return new DepartmentPage(found.subList(0, limit), cursors.get(limit - 1));
  }

  /** One department of the tenant, by id, under its source. */
  public JsonObject department(String tenantId, DepartmentSource source, String id) {
    Optional<String> key = Department.keyOfId(id);
    DepartmentQueries queries = new DepartmentQueries(em);
    if (key.isPresent() && source.includesAttribute()) {
      return queries
          .department(tenantId, key.get())
          .map(ProductDirectory::attributeDepartment)
          .orElseThrow(() -> noDepartment(tenantId, source))
          .json();
    }
    if (key.isEmpty() && source.includesGroups()) {
      return queries
          .group(tenantId, id)
          .map(g -> Department.ofGroup(g.id(), g.displayName()))
          .orElseThrow(() -> noDepartment(tenantId, source))
          .json();
    }
    throw noDepartment(tenantId, source);
  }

  /**
   * One page of a department's members, as users in the product's terms: by user row for an
   * attribute department (a range of the lookup index), by membership row for a group's (its direct
   * members that are users).
   */
  public Page departmentMembers(
      String tenantId, DepartmentSource source, String id, long after, int limit) {
    DepartmentQueries queries = new DepartmentQueries(em);
    Optional<String> key = Department.keyOfId(id);
    if (key.isPresent()) {
      department(tenantId, source, id); // 404 for a department no one has (or not under source)
      List<StoredUser> rows = queries.usersWithDepartment(tenantId, key.get(), after, limit + 1);
      boolean more = rows.size() > limit;
      List<StoredUser> page = more ? rows.subList(0, limit) : rows;
      return new Page(
          entries(tenantId, source, page), more ? page.get(page.size() - 1).id() : null);
    }
    if (!source.includesGroups()) {
      throw noDepartment(tenantId, source);
    }
    long groupRow =
        queries.group(tenantId, id).orElseThrow(() -> noDepartment(tenantId, source)).row();
    List<DepartmentQueries.UserMember> members =
        queries.userMembers(tenantId, groupRow, after, limit + 1);
    boolean more = members.size() > limit;
    List<DepartmentQueries.UserMember> page = more ? members.subList(0, limit) : members;
    return new Page(
        entries(tenantId, source, page.stream().map(DepartmentQueries.UserMember::user).toList()),
        more ? page.get(page.size() - 1).row() : null);
  }

  private static Department attributeDepartment(DepartmentQueries.DepartmentValue value) {
    String name =
        DirectoryUser.of(value.firstUser().scimId(), UserDocuments.state(value.firstUser()))
            .department();
    return new Department(Department.idOfKey(value.key()), name, Department.ATTRIBUTE);
  }

  private static String attributeKey(String after) {
    return Department.keyOfId(after).orElseThrow(() -> badAfter(after));
  }

  private static long groupRow(String after) {
    try {
      return Long.parseLong(after.substring(GROUPS_AFTER.length()));
    } catch (NumberFormatException e) {
      throw badAfter(after);
    }
  }

  private static ScimException badAfter(String after) {
    return ScimException.invalidValue(
        "'after' must be the 'next' of a previous page of departments.");
  }

  private static ScimException noDepartment(String tenantId, DepartmentSource source) {
    return ScimException.notFound(
        "Tenant '"
            + tenantId
            + "' has no department with this id among those its department source ('"
            + source.value()
            + "') gives.");
  }

  private List<JsonObject> entries(
      String tenantId, DepartmentSource source, List<StoredUser> rows) {
    List<DirectoryUser> users = new ArrayList<>(rows.size());
    for (StoredUser row : rows) {
      users.add(DirectoryUser.seenByProduct(row, UserDocuments.state(row)));
    }
    Map<String, List<Memberships.GroupRef>> groups =
        new Memberships(em).groupsOf(users.stream().map(DirectoryUser::id).toList());
    Set<String> managerIds = new TreeSet<>();
    users.stream().map(DirectoryUser::managerId).filter(m -> m != null).forEach(managerIds::add);
    Map<String, String> managerNames = new HashMap<>();
    for (StoredUser manager : new ConsoleDirectoryQueries(em).users(tenantId, managerIds)) {
      DirectoryUser m = DirectoryUser.of(manager.scimId(), UserDocuments.state(manager));
      managerNames.put(m.id(), m.displayName() != null ? m.displayName() : m.userName());
    }
    List<JsonObject> entries = new ArrayList<>(users.size());
    for (int i = 0; i < users.size(); i++) {
      DirectoryUser user = users.get(i);
      StoredUser row = rows.get(i);
      JsonObjectBuilder entry = JSON.createObjectBuilder(user.json());
      // the product's own account this user is, when imported (docs/account-import.md)
      if (row.productAccountId() == null) {
        entry.addNull("productAccountId");
      } else {
        entry.add("productAccountId", row.productAccountId());
      }
      entry.add("linked", row.productAccountId() == null || row.linkedAt() != null);
      if (row.hold() == null) {
        entry.addNull("hold");
      } else {
        new DeprovisioningRows(em)
            .open(tenantId, row.scimId())
            .ifPresentOrElse(open -> entry.add("hold", hold(open)), () -> entry.addNull("hold"));
      }
      entry.remove("managerId");
      if (user.managerId() == null) {
        entry.addNull("manager");
      } else {
        JsonObjectBuilder manager = JSON.createObjectBuilder().add("id", user.managerId());
        String name = managerNames.get(user.managerId());
        entry.add("manager", name == null ? manager.addNull("name") : manager.add("name", name));
      }
      JsonArrayBuilder memberOf = JSON.createArrayBuilder();
      for (Memberships.GroupRef group : groups.getOrDefault(user.id(), List.of())) {
        memberOf.add(
            JSON.createObjectBuilder()
                .add("id", group.id())
                .add("displayName", group.displayName())
                .add("type", group.type()));
      }
      JsonArrayBuilder departments = JSON.createArrayBuilder();
      if (source.includesAttribute()) {
        Department.ofAttribute(user.department()).ifPresent(d -> departments.add(d.json()));
      }
      if (source.includesGroups()) {
        for (Memberships.GroupRef group : groups.getOrDefault(user.id(), List.of())) {
          if (group.type().equals("direct")) {
            departments.add(Department.ofGroup(group.id(), group.displayName()).json());
          }
        }
      }
      entries.add(entry.add("departments", departments).add("groups", memberOf).build());
    }
    return entries;
  }
}
