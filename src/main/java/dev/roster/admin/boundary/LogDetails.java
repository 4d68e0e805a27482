package dev.roster.admin.boundary;

import dev.roster.groups.entity.StoredGroup;
import dev.roster.provisioning.entity.ProvisioningRecord;
import dev.roster.users.entity.StoredUser;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * What the log's detail view needs beyond a search: one record by its id, and whether the resource
 * it was about still exists, so that the console links only to users and groups it can show.
 */
@Stateless
public class LogDetails {

  @PersistenceContext EntityManager em;

  public Optional<ProvisioningRecord> entry(long id) {
    return Optional.ofNullable(em.find(ProvisioningRecord.class, id));
  }

  /**
   * Whether a tenant still has the User or Group with that SCIM id (an indexed look-up).
   *
   * @param resourceType as the log records it: User or Group; any other type has no page
   */
  public boolean resourceExists(String tenantId, String resourceType, String scimId) {
    if (tenantId == null || scimId == null || resourceType == null) {
      return false;
    }
    Class<?> entity =
        switch (resourceType) {
          case "User" -> StoredUser.class;
          case "Group" -> StoredGroup.class;
          default -> null;
        };
    if (entity == null) {
      return false;
    }
    // SCIM ids are unique across tenants (a unique index); the tenant is checked all the same
    return em.createQuery(
                "SELECT COUNT(r) FROM "
                    + entity.getSimpleName()
                    + " r WHERE r.scimId = :id AND r.tenantId = :tenant",
                Long.class)
            .setParameter("id", scimId)
            .setParameter("tenant", tenantId)
            .getSingleResult()
        > 0;
  }
}
