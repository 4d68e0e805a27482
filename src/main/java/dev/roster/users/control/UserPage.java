package dev.roster.users.control;

import dev.roster.storage.Memberships.GroupRef;
import dev.roster.users.entity.StoredUser;
import java.util.List;
import java.util.Map;

/**
 * One page of a user query: the users on it, how many match in all, and the groups of each user
 * when they were asked for (by SCIM id; empty otherwise).
 */
public record UserPage(
    long totalResults, List<StoredUser> users, Map<String, List<GroupRef>> groups) {

  public UserPage(long totalResults, List<StoredUser> users) {
    this(totalResults, users, Map.of());
  }

  public UserPage withGroups(Map<String, List<GroupRef>> groupsByUser) {
    return new UserPage(totalResults, users, groupsByUser);
  }

  public List<GroupRef> groupsOf(StoredUser user) {
    return groups.getOrDefault(user.scimId(), List.of());
  }
}
