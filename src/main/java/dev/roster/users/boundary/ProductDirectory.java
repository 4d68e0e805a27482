package dev.roster.users.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.storage.ConsoleDirectoryQueries;
import dev.roster.storage.Memberships;
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

  public Page users(String tenantId, long after, int limit) {
    List<StoredUser> rows = new ConsoleDirectoryQueries(em).usersAfter(tenantId, after, limit + 1);
    boolean more = rows.size() > limit;
    List<StoredUser> page = more ? rows.subList(0, limit) : rows;
    List<JsonObject> users = entries(tenantId, page);
    return new Page(users, more ? page.get(page.size() - 1).id() : null);
  }

  public JsonObject user(String tenantId, String id) {
    List<StoredUser> found = new ConsoleDirectoryQueries(em).users(tenantId, Set.of(id));
    if (found.isEmpty()) {
      throw ScimException.notFound("There is no user '" + id + "' in tenant '" + tenantId + "'.");
    }
    return entries(tenantId, found).get(0);
  }

  private List<JsonObject> entries(String tenantId, List<StoredUser> rows) {
    List<DirectoryUser> users = new ArrayList<>(rows.size());
    for (StoredUser row : rows) {
      users.add(DirectoryUser.of(row.scimId(), UserDocuments.state(row)));
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
    for (DirectoryUser user : users) {
      JsonObjectBuilder entry = JSON.createObjectBuilder(user.json());
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
      entries.add(entry.add("groups", memberOf).build());
    }
    return entries;
  }
}
