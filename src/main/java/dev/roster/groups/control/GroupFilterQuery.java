package dev.roster.groups.control;

import dev.roster.platform.jpql.JpqlConnectives;
import dev.roster.platform.jpql.JpqlParameters;
import dev.roster.scim.ScimException;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.query.MetaFilters;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import java.util.List;

/**
 * Translates a filter into a JPQL condition on {@code StoredGroup g}, or a member filter into one
 * on {@code Membership m}, so that the database answers it.
 *
 * <ul>
 *   <li>{@code id}, {@code externalId}, {@code displayName} (its lower-cased key) and the meta
 *       times are columns.
 *   <li>A condition on {@code members} is an uncorrelated subquery on the membership relation:
 *       {@code members.value eq "<user id>"} is {@code g.id IN (SELECT m.groupId FROM Membership m
 *       WHERE m.memberId = ?)}, read through the (member, group) index. A value path ({@code
 *       members[type eq "User" and value eq "x"]}) is one subquery, since each row is one member.
 * </ul>
 *
 * As for users, comparisons use the keys of {@link AttributeValues#key}, {@code ne} is {@code not
 * eq}, and every condition is two-valued.
 */
public final class GroupFilterQuery extends JpqlConnectives {

  private static final ResourceType TYPE = ResourceType.GROUP;

  private final JpqlParameters parameters = new JpqlParameters();

  private GroupFilterQuery(Object first) {
    parameters.add(first);
  }

  /** A condition and its positional parameters. */
  public record Condition(String jpql, List<Object> parameters) {}

  /** The groups of a tenant ({@code ?1}) that match the filter, if any. */
  public static Condition of(String tenantId, Filter filter) {
    GroupFilterQuery query = new GroupFilterQuery(tenantId);
    String jpql =
        filter == null ? "g.tenantId = ?1" : "g.tenantId = ?1 AND " + filter.accept(query);
    return new Condition(jpql, query.parameters.values());
  }

  /** The members of a group ({@code ?1}, its internal id) that match a member filter. */
  public static Condition members(long groupId, Filter memberFilter) {
    GroupFilterQuery query = new GroupFilterQuery(groupId);
    String jpql = "m.groupId = ?1 AND " + memberFilter.accept(query.new MemberCondition());
    return new Condition(jpql, query.parameters.values());
  }

  @Override
  public String comparison(Filter.Comparison comparison) {
    if (comparison.operator() == Operator.NE) {
      return "(NOT "
          + comparison(new Filter.Comparison(comparison.path(), Operator.EQ, comparison.value()))
          + ")";
    }
    ResolvedPath path = resolve(comparison.path());
    if (MetaFilters.isComputed(path)) {
      return MetaFilters.compare(TYPE, path, comparison) ? "(g.id IS NOT NULL)" : "(g.id IS NULL)";
    }
    if (isMembers(path)) {
      Filter.Comparison onMember =
          new Filter.Comparison(
              AttributePath.of(memberSub(path).name()), comparison.operator(), comparison.value());
      return memberSubquery(onMember.accept(new MemberCondition()));
    }
    return columnComparison(path, comparison);
  }

  @Override
  public String present(Filter.Present present) {
    ResolvedPath path = resolve(present.path());
    if (MetaFilters.isComputed(path)) {
      return "(g.id IS NOT NULL)";
    }
    if (isMembers(path)) {
      return memberSubquery(
          new Filter.Present(AttributePath.of(memberSub(path).name()))
              .accept(new MemberCondition()));
    }
    String column = column(path);
    return column.equals("g.externalId") ? "(g.externalId IS NOT NULL)" : "(g.id IS NOT NULL)";
  }

  @Override
  public String valuePath(Filter.ValuePath valuePath) {
    ResolvedPath path = resolve(valuePath.attribute());
    if (MetaFilters.isComputed(path)) {
      throw MetaFilters.valueFilter(valuePath.attribute());
    }
    if (!isMembers(path) || path.subAttribute() != null) {
      throw ScimException.invalidFilter(
          "'" + valuePath.attribute() + "' is not a complex attribute; it cannot take a [filter].");
    }
    return memberSubquery(valuePath.filter().accept(new MemberCondition()));
  }

  private static String memberSubquery(String condition) {
    return "g.id IN (SELECT m.groupId FROM Membership m WHERE " + condition + ")";
  }

  /** Conditions on one row of the membership relation, {@code m}: one member. */
  private final class MemberCondition extends JpqlConnectives {

    @Override
    public String comparison(Filter.Comparison comparison) {
      Attribute sub = memberAttribute(comparison.path());
      if (comparison.operator() == Operator.NE) {
        return "(NOT "
            + comparison(new Filter.Comparison(comparison.path(), Operator.EQ, comparison.value()))
            + ")";
      }
      String key = ElementMatcher.literalKey(sub, comparison);
      String column = memberColumn(sub);
      String condition = parameters.keyCondition(column, comparison.operator(), key);
      return sub.name().equals("display")
          ? "(m.display IS NOT NULL AND " + condition + ")"
          : "(" + condition + ")";
    }

    @Override
    public String present(Filter.Present present) {
      Attribute sub = memberAttribute(present.path());
      return sub.name().equals("display") ? "(m.display IS NOT NULL)" : "(m.id IS NOT NULL)";
    }

    @Override
    public String valuePath(Filter.ValuePath valuePath) {
      throw ScimException.invalidFilter("A member filter cannot contain another [filter].");
    }
  }

  private static Attribute memberAttribute(AttributePath path) {
    Attribute members = TYPE.schema().attribute("members").orElseThrow();
    if (path.schemaUrn() != null || path.subAttribute() != null) {
      throw ScimException.invalidFilter("'" + path + "' is not a sub-attribute of a member.");
    }
    return members
        .subAttribute(path.attribute())
        .orElseThrow(
            () ->
                ScimException.invalidFilter(
                    "A member has no sub-attribute '" + path.attribute() + "'."));
  }

  /**
   * Member ids are Roster's UUIDs, written in lower case, so {@code value}'s comparison key (lower
   * case) compares with the column as it is; {@code display} and {@code type} compare lower-cased.
   */
  private static String memberColumn(Attribute sub) {
    return switch (sub.name()) {
      case "value" -> "m.memberId";
      case "display" -> "LOWER(m.display)";
      case "type" -> "LOWER(m.memberType)";
      default ->
          throw ScimException.invalidFilter(
              "'members." + sub.name() + "' cannot be used in a filter; use 'members.value'.");
    };
  }

  private static boolean isMembers(ResolvedPath path) {
    return path.attribute().name().equals("members");
  }

  /** {@code members} alone compares its {@code value} (RFC 7644 §3.4.2.2). */
  private static Attribute memberSub(ResolvedPath path) {
    return path.subAttribute() != null
        ? path.subAttribute()
        : path.attribute().subAttribute("value").orElseThrow();
  }

  private static ResolvedPath resolve(AttributePath path) {
    ResolvedPath resolved =
        TYPE.resolve(path)
            .orElseThrow(
                () ->
                    ScimException.invalidFilter(
                        "There is no attribute '" + path + "' to filter on."));
    if (!isMembers(resolved) && !MetaFilters.isComputed(resolved) && column(resolved) == null) {
      throw ScimException.invalidFilter("'" + path + "' cannot be used in a filter.");
    }
    return resolved;
  }

  /**
   * The column that holds the attribute, or {@code null} for {@code members}, the meta attributes
   * of {@link MetaFilters} and anything else.
   */
  static String column(ResolvedPath path) {
    String name = path.attribute().name();
    if (path.subAttribute() == null) {
      return switch (name) {
        case "id" -> "g.scimId";
        case "externalId" -> "g.externalId";
        case "displayName" -> "g.displayNameKey";
        default -> null;
      };
    }
    if (name.equals("meta")) {
      return switch (path.subAttribute().name()) {
        case "created" -> "g.created";
        case "lastModified" -> "g.lastModified";
        default -> null;
      };
    }
    return null;
  }

  private String columnComparison(ResolvedPath path, Filter.Comparison comparison) {
    Operator op = comparison.operator();
    String column = column(path);
    String key = ElementMatcher.literalKey(path.target(), comparison);
    if (column.equals("g.created") || column.equals("g.lastModified")) {
      return parameters.timeComparison(column, op, key, comparison.path());
    }
    String condition = parameters.keyCondition(column, op, key);
    return column.equals("g.externalId")
        ? "(g.externalId IS NOT NULL AND " + condition + ")"
        : "(" + condition + ")";
  }
}
