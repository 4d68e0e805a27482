package dev.roster.scim.patch;

import dev.roster.scim.filter.Filter;
import java.util.List;
import java.util.Set;

/**
 * One change to a group's members, as a set operation the store runs in the database. A PATCH of
 * {@code members} becomes a list of these ({@link GroupPatch}), so that no request reads or
 * rewrites the whole member list unless it replaces it.
 */
public sealed interface MemberChange {

  /**
   * A member as a client names it.
   *
   * @param value the member's id, as sent
   * @param display its {@code display} (Microsoft's collection sends {@code displayName}), or
   *     {@code null}
   */
  record Member(String value, String display) {}

  /** Adds the members that are not there yet. */
  record Add(List<Member> members) implements MemberChange {}

  /** Removes the members with these ids; ids that are not members change nothing. */
  record Remove(Set<String> ids) implements MemberChange {}

  /** Removes every member: {@code remove} of {@code members} without a value. */
  record RemoveAll() implements MemberChange {}

  /**
   * Removes the members that match a value filter, such as {@code type eq "Group"}. Its paths are
   * sub-attributes of a member: {@code value}, {@code display}, {@code type} or {@code $ref}.
   */
  record RemoveMatching(Filter filter) implements MemberChange {}

  /** Makes the members exactly this list (Okta's "Push Now"); members kept keep their place. */
  record ReplaceAll(List<Member> members) implements MemberChange {}
}
