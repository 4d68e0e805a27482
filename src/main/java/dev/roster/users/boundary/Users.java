package dev.roster.users.boundary;

import dev.roster.groups.control.Memberships;
import dev.roster.scim.ScimException;
import dev.roster.scim.query.ListQuery;
import dev.roster.tenants.boundary.CurrentTenant;
import dev.roster.users.control.UserPage;
import dev.roster.users.control.UserStore;
import dev.roster.users.entity.StoredUser;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;

/**
 * The users of the current tenant, one transaction per method. A {@link ScimException} rolls the
 * transaction back, so a request changes everything it asks for or nothing. The work is done by
 * {@link UserStore}.
 */
@Stateless
public class Users {

  @PersistenceContext EntityManager em;

  @Inject CurrentTenant tenant;

  private UserStore store() {
    return new UserStore(em, tenant.id());
  }

  public StoredUser create(JsonObject body) {
    return store().create(body);
  }

  public StoredUser find(String id) {
    return store().find(id);
  }

  public StoredUser replace(String id, JsonObject body, String ifMatch) {
    return store().replace(id, body, ifMatch);
  }

  public StoredUser patch(String id, JsonObject body, String ifMatch) {
    return store().patch(id, body, ifMatch);
  }

  public void delete(String id, String ifMatch) {
    store().delete(id, ifMatch);
  }

  public UserPage search(ListQuery query) {
    return store().search(query);
  }

  /** The groups of each user, direct and indirect, for their {@code groups} attribute. */
  public Map<String, List<Memberships.GroupRef>> groupsOf(List<String> userIds) {
    return new Memberships(em).groupsOf(userIds);
  }
}
