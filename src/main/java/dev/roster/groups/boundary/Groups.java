package dev.roster.groups.boundary;

import dev.roster.groups.control.GroupPage;
import dev.roster.groups.control.GroupStore;
import dev.roster.groups.entity.Membership;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.ScimException;
import dev.roster.scim.boundary.RequestSubject;
import dev.roster.scim.query.ListQuery;
import dev.roster.storage.Memberships;
import dev.roster.storage.PageAnchors;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.ResourceTable;
import dev.roster.tenants.boundary.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The groups of the current tenant, one transaction per method. A {@link ScimException} rolls the
 * transaction back, so a request changes everything it asks for or nothing. The work is done by
 * {@link GroupStore}.
 */
@Stateless
public class Groups {

  /** A write's group, and the member ids it skipped because they are not of this tenant. */
  public record Written(StoredGroup group, List<String> skippedMembers) {}

  @PersistenceContext EntityManager em;

  @Inject CurrentTenant tenant;

  @Inject PageAnchors anchors;

  @Inject RequestSubject subject;

  private GroupStore store() {
    return new GroupStore(em, tenant.id()).reportingTo(subject);
  }

  public Written create(JsonObject body) {
    GroupStore store = store();
    Written written = new Written(store.create(body), store.skippedMembers());
    pagesMoved();
    return written;
  }

  public StoredGroup find(String id) {
    return store().find(id);
  }

  public Written replace(String id, JsonObject body, String ifMatch) {
    GroupStore store = store();
    return new Written(store.replace(id, body, ifMatch), store.skippedMembers());
  }

  public Written patch(String id, JsonObject body, String ifMatch) {
    GroupStore store = store();
    return new Written(store.patch(id, body, ifMatch), store.skippedMembers());
  }

  public void delete(String id, String ifMatch) {
    store().delete(id, ifMatch);
    pagesMoved();
  }

  public GroupPage search(ListQuery query) {
    return store().search(query, anchors);
  }

  /** One batch of a group's members, by its internal id (which a tenant-checked read gave). */
  public List<Membership> members(long groupId, long afterRow, int limit) {
    return new Memberships(em).page(groupId, afterRow, limit);
  }

  /** Once this transaction has ended, the tenant's remembered page starts are outdated. */
  private void pagesMoved() {
    anchors.changedAfterTransaction(ResourceRows.anchorScope(ResourceTable.GROUPS, tenant.id()));
  }
}
