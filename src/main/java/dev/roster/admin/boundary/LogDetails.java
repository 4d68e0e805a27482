package dev.roster.admin.boundary;

import dev.roster.groups.boundary.GroupDirectory;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.scim.JsonBodies;
import dev.roster.scim.MemberIds;
import dev.roster.users.boundary.UserDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
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

  /** A member id a group request named, with the user's name while it exists (else null). */
  public record NamedMember(String id, String userName) {}

  /**
   * The members a logged group request named, each with its user's name now: read from the stored
   * body (redacted, perhaps cut short: then those it still holds), in one indexed query.
   */
  public List<NamedMember> membersNamed(String tenantId, String storedBody) {
    if (tenantId == null || storedBody == null || storedBody.isBlank()) {
      return List.of();
    }
    JsonObject body;
    try {
      body = JsonBodies.parseValue(new StringReader(storedBody)).asJsonObject();
    } catch (RuntimeException notAnObject) {
      return List.of();
    }
    List<String> ids = MemberIds.of(body);
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, UserDirectory.UserView> found = users.users(tenantId, ids);
    return ids.stream()
        .map(id -> new NamedMember(id, found.containsKey(id) ? found.get(id).userName() : null))
        .toList();
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
