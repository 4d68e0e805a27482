package dev.roster.users.boundary;

import dev.roster.scim.ScimException;
import dev.roster.scim.boundary.RequestSubject;
import dev.roster.scim.query.ListQuery;
import dev.roster.storage.Memberships;
import dev.roster.storage.PageAnchors;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.ResourceTable;
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

/**
 * The users of the current tenant, one transaction per method. A {@link ScimException} rolls the
 * transaction back, so a request changes everything it asks for or nothing. The work is done by
 * {@link UserStore}.
 */
@Stateless
public class Users {

  @PersistenceContext EntityManager em;

  @Inject CurrentTenant tenant;

  @Inject PageAnchors anchors;

  @Inject AccountLinks links;

  @Inject UserTypes types;

  @Inject DroppedAttributes dropped;

  @Inject RequestSubject subject;

  private UserStore store() {
    return store(false);
  }

  private UserStore store(boolean awaitingLinks) {
    return new UserStore(em, tenant.id(), types.of(tenant.id()), awaitingLinks)
        .reportingDropped(dropped::add)
        .reportingTo(subject);
  }

  public StoredUser create(JsonObject body) {
    StoredUser user = store(links.mayAwait(tenant.id(), em)).create(body);
    pagesMoved();
    return user;
  }

  /**
   * A user and, when the response shows them, its groups: read in the same call, so that a request
   * pays for one transaction.
   */
  public record Found(StoredUser user, List<Memberships.GroupRef> groups) {}

  public Found find(String id, boolean withGroups) {
    return found(store().find(id), withGroups);
  }

  public Found replace(String id, JsonObject body, String ifMatch, boolean withGroups) {
    return found(store().replace(id, body, ifMatch), withGroups);
  }

  public Found patch(String id, JsonObject body, String ifMatch, boolean withGroups) {
    return found(store().patch(id, body, ifMatch), withGroups);
  }

  public void delete(String id, String ifMatch) {
    store().delete(id, ifMatch);
    pagesMoved();
  }

  /** A page of users and, when the response shows them, the groups of each user on it. */
  public UserPage search(ListQuery query, boolean withGroups) {
    UserPage page = store().search(query, anchors);
    if (!withGroups || page.users().isEmpty()) {
      return page;
    }
    return page.withGroups(
        new Memberships(em).groupsOf(page.users().stream().map(StoredUser::scimId).toList()));
  }

  private Found found(StoredUser user, boolean withGroups) {
    return new Found(
        user,
        withGroups
            ? new Memberships(em).groupsOf(List.of(user.scimId())).get(user.scimId())
            : List.of());
  }

  /** Once this transaction has ended, the tenant's remembered page starts are outdated. */
  private void pagesMoved() {
    anchors.changedAfterTransaction(ResourceRows.anchorScope(ResourceTable.USERS, tenant.id()));
  }
}
