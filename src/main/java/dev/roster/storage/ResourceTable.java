package dev.roster.storage;

import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import java.util.Map;

/**
 * How a resource type is stored, as far as a query needs to know: its entity and alias, the
 * attributes that are columns, the relation it has to other rows, and how it reaches the rest.
 * Everything a filter, a sort or a lookup does with users or groups is derived from these two
 * descriptions, so the two resource types cannot drift apart.
 *
 * @param uniqueAttribute the attribute that is unique within a tenant, case-insensitively
 * @param uniqueKey its column, of comparison keys
 */
public record ResourceTable(
    ResourceType type,
    String entity,
    String alias,
    Map<String, Column> columns,
    Relation relation,
    UnstoredAttributes unstored,
    String uniqueAttribute,
    String uniqueKey) {

  /**
   * Users: the attributes most filters use are columns (see {@code StoredUser}); everything else is
   * in the value index; {@code groups} is the membership relation, the groups a user is a
   * <em>direct</em> member of.
   */
  public static final ResourceTable USERS =
      new ResourceTable(
          ResourceType.USER,
          "StoredUser",
          "u",
          Map.of(
              "id", Column.key("u.scimId", false),
              "userName", Column.key("u.userNameKey", false),
              "externalId", Column.key("u.externalId", true),
              "displayName", Column.key("u.displayNameKey", true),
              "active", Column.bool("u.active"),
              "meta.created", Column.time("u.created"),
              "meta.lastModified", Column.time("u.lastModified")),
          new Relation(
              "groups",
              "u.scimId IN (SELECT m.memberId FROM Membership m, StoredGroup g"
                  + " WHERE g.id = m.groupId AND ",
              "EXISTS (SELECT m.id FROM Membership m WHERE m.memberId = u.scimId)",
              "g.id IS NOT NULL",
              Map.of(
                  "value", Column.key("g.scimId", false),
                  "display", Column.lowerCased("g.displayName", false))),
          new ValueIndex(),
          "userName",
          "u.userNameKey");

  /**
   * Groups: every attribute a filter may use is a column, or {@code members}, the membership
   * relation. Member ids are Roster's UUIDs, written in lower case, so {@code value}'s comparison
   * key (lower case) compares with the column as it is; {@code display} and {@code type} compare
   * lower-cased.
   */
  public static final ResourceTable GROUPS =
      new ResourceTable(
          ResourceType.GROUP,
          "StoredGroup",
          "g",
          Map.of(
              "id", Column.key("g.scimId", false),
              "externalId", Column.key("g.externalId", true),
              "displayName", Column.key("g.displayNameKey", false),
              "meta.created", Column.time("g.created"),
              "meta.lastModified", Column.time("g.lastModified")),
          new Relation(
              "members",
              "g.id IN (SELECT m.groupId FROM Membership m WHERE ",
              null,
              "m.id IS NOT NULL",
              Map.of(
                  "value", Column.key("m.memberId", false),
                  "display", Column.lowerCased("m.display", true),
                  "type", Column.lowerCased("m.memberType", false))),
          UnstoredAttributes.NONE,
          "displayName",
          "g.displayNameKey");

  /**
   * This table for a tenant whose users have extensions of their own (docs/custom-attributes.md):
   * filters resolve against {@code tenantType}; the storage is the same.
   */
  public ResourceTable withType(ResourceType tenantType) {
    if (tenantType == type) {
      return this;
    }
    return new ResourceTable(
        tenantType, entity, alias, columns, relation, unstored, uniqueAttribute, uniqueKey);
  }

  /** The column that holds the attribute, or {@code null}. */
  Column column(ResolvedPath path) {
    return path.container() != null ? null : columns.get(path.canonical());
  }

  /** The relation, when the path is its attribute or one of its sub-attributes. */
  Relation relation(ResolvedPath path) {
    return relation != null
            && path.container() == null
            && path.attribute().name().equals(relation.attribute())
        ? relation
        : null;
  }
}
