package dev.roster.admin.boundary;

import dev.roster.groups.boundary.GroupDirectory;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.users.boundary.UserDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * What the log's detail view needs beyond a search: one record by its id, and whether the resource
 * it was about still exists, so that the console links only to users and groups it can show.
 */
@Stateless
public class LogDetails {

  @Inject ProvisioningLog log;

  @Inject UserDirectory users;

  @Inject GroupDirectory groups;

  public Optional<LogRecord> entry(long id) {
    return log.entry(id);
  }

  /**
   * The id of the tenant's user (by userName) or group (by displayName) a failed create collided
   * with, if it still exists.
   */
  public Optional<String> holderOf(String tenantId, String resourceType, String name) {
    if ("User".equals(resourceType)) {
      return users.idOfUserName(tenantId, name);
    }
    if ("Group".equals(resourceType)) {
      return groups.idOfDisplayName(tenantId, name);
    }
    return Optional.empty();
  }

  /**
   * Whether a tenant still has the User or Group with that SCIM id (an indexed look-up).
   *
   * @param resourceType as the log records it: User or Group; any other type has no page
   */
  public boolean resourceExists(String tenantId, String resourceType, String scimId) {
    if (resourceType == null) {
      return false;
    }
    return switch (resourceType) {
      case "User" -> users.exists(tenantId, scimId);
      case "Group" -> groups.exists(tenantId, scimId);
      default -> false;
    };
  }
}
