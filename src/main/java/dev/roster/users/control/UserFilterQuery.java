package dev.roster.users.control;

import dev.roster.platform.jpql.JpqlConnectives;
import dev.roster.platform.jpql.JpqlParameters;
import dev.roster.scim.ScimException;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.query.MetaFilters;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.AttributeValues;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates a filter into a JPQL condition on {@code StoredUser u}, so that the database answers
 * it (see {@link dev.roster.users.entity.StoredUser} for the storage design).
 *
 * <ul>
 *   <li>Attributes with columns compare the column: {@code userName eq "x"} is {@code u.userNameKey
 *       = 'x'}, through the unique index.
 *   <li>Any other attribute is a subquery on the value index: {@code u.id IN (SELECT v.userId FROM
 *       IndexedValue v WHERE v.tenantId = ? AND v.path = 'title' AND v.valueKey = 'x')}. It is
 *       uncorrelated, so the database reads it through the (tenant, path, key) index and then
 *       fetches the users by primary key. Multi-valued attributes match when any value does.
 *   <li>A value path ({@code emails[type eq "work" and value eq "x"]}) picks its most selective
 *       comparison to drive the same subquery, and checks the rest on the same element through the
 *       primary key (user, path, element).
 * </ul>
 *
 * Comparisons use the keys of {@link AttributeValues#key}, so they mean what they mean in memory:
 * case-insensitive unless the attribute is caseExact. {@code ne} is {@code not eq}. Every condition
 * is two-valued (never SQL NULL), so that {@code not} is exact.
 */
public final class UserFilterQuery extends JpqlConnectives {

  private static final ResourceType TYPE = ResourceType.USER;

  private final JpqlParameters parameters = new JpqlParameters();
  private int aliases;

  /** The tenant parameter is always {@code ?1}. */
  private UserFilterQuery(String tenantId) {
    parameters.add(tenantId);
  }

  /** A condition and its positional parameters ({@code ?1} is the tenant). */
  public record Condition(String jpql, List<Object> parameters) {}

  public static Condition of(String tenantId, Filter filter) {
    UserFilterQuery query = new UserFilterQuery(tenantId);
    String jpql =
        filter == null ? "u.tenantId = ?1" : "u.tenantId = ?1 AND " + filter.accept(query);
    return new Condition(jpql, query.parameters.values());
  }

  private String parameter(Object value) {
    return parameters.add(value);
  }

  private String alias() {
    return "v" + (++aliases);
  }

  @Override
  public String present(Filter.Present present) {
    ResolvedPath path = resolve(present.path());
    if (MetaFilters.isComputed(path)) {
      return "(u.id IS NOT NULL)";
    }
    if (isGroups(path)) {
      return "EXISTS (SELECT m.id FROM Membership m WHERE m.memberId = u.scimId)";
    }
    String column = column(path);
    if (column != null) {
      return column.equals("u.userNameKey")
              || column.startsWith("u.created")
              || column.startsWith("u.lastModified")
          ? "(u.id IS NOT NULL)"
          : "(" + column + " IS NOT NULL)";
    }
    String v = alias();
    return "u.id IN (SELECT "
        + v
        + ".userId FROM IndexedValue "
        + v
        + " WHERE "
        + v
        + ".tenantId = ?1 AND "
        + pathCondition(v, path)
        + ")";
  }

  @Override
  public String comparison(Filter.Comparison comparison) {
    ResolvedPath resolved = resolve(comparison.path());
    if (MetaFilters.isComputed(resolved)) {
      return MetaFilters.compare(TYPE, resolved, comparison)
          ? "(u.id IS NOT NULL)"
          : "(u.id IS NULL)";
    }
    ResolvedPath path = valuePathOf(resolved, comparison.path());
    Operator op = comparison.operator();
    if (op == Operator.NE) {
      return "(NOT "
          + comparison(new Filter.Comparison(comparison.path(), Operator.EQ, comparison.value()))
          + ")";
    }
    if (isGroups(path)) {
      return groupsSubquery(new GroupCondition().comparison(onElement(path, comparison)));
    }
    String column = column(path);
    if (column != null) {
      return columnComparison(path, column, comparison);
    }
    String key = literalKey(path.target(), comparison);
    String v = alias();
    return "u.id IN (SELECT "
        + v
        + ".userId FROM IndexedValue "
        + v
        + " WHERE "
        + v
        + ".tenantId = ?1 AND "
        + v
        + ".path = "
        + parameter(path.canonical())
        + " AND "
        + keyCondition(v + ".valueKey", op, key)
        + ")";
  }

  /**
   * {@code attribute[filter]}: one element satisfies the whole filter. The first {@code eq} on a
   * sub-attribute other than {@code type} and {@code primary} (which many elements share) drives;
   * failing that the first comparison; failing that any value of the attribute.
   */
  @Override
  public String valuePath(Filter.ValuePath valuePath) {
    ResolvedPath attribute = resolve(valuePath.attribute());
    if (MetaFilters.isComputed(attribute)) {
      throw MetaFilters.valueFilter(valuePath.attribute());
    }
    if (isGroups(attribute) && attribute.subAttribute() == null) {
      return groupsSubquery(valuePath.filter().accept(new GroupCondition()));
    }
    if (attribute.subAttribute() != null
        || attribute.attribute().type() != Attribute.Type.COMPLEX
        || attribute.isWholeExtension()) {
      throw ScimException.invalidFilter(
          "'" + valuePath.attribute() + "' is not a complex attribute; it cannot take a [filter].");
    }
    List<Filter> conjuncts = new ArrayList<>();
    flatten(valuePath.filter(), conjuncts);
    Filter.Comparison driver = chooseDriver(conjuncts);
    String d = alias();
    StringBuilder jpql = new StringBuilder();
    jpql.append("u.id IN (SELECT ")
        .append(d)
        .append(".userId FROM IndexedValue ")
        .append(d)
        .append(" WHERE ")
        .append(d)
        .append(".tenantId = ?1 AND ");
    List<Filter> rest = new ArrayList<>(conjuncts);
    if (driver != null) {
      rest.remove(driver);
      Attribute sub = sub(attribute, driver.path());
      jpql.append(d)
          .append(".path = ")
          .append(parameter(attribute.canonical() + "." + sub.name()))
          .append(" AND ")
          .append(keyCondition(d + ".valueKey", driver.operator(), literalKey(sub, driver)));
    } else {
      jpql.append(d)
          .append(".path LIKE ")
          .append(parameter(JpqlParameters.escapeLike(attribute.canonical() + ".") + "%"));
    }
    ElementCondition element = new ElementCondition(attribute, d);
    for (Filter filter : rest) {
      jpql.append(" AND ").append(filter.accept(element));
    }
    return jpql.append(")").toString();
  }

  private static void flatten(Filter filter, List<Filter> conjuncts) {
    if (filter instanceof Filter.And and) {
      flatten(and.left(), conjuncts);
      flatten(and.right(), conjuncts);
    } else {
      conjuncts.add(filter);
    }
  }

  private static Filter.Comparison chooseDriver(List<Filter> conjuncts) {
    Filter.Comparison firstComparison = null;
    for (Filter filter : conjuncts) {
      if (filter instanceof Filter.Comparison c && c.operator() != Operator.NE) {
        String name = c.path().attribute().toLowerCase(Locale.ROOT);
        if (c.operator() == Operator.EQ && !name.equals("type") && !name.equals("primary")) {
          return c;
        }
        if (firstComparison == null) {
          firstComparison = c;
        }
      }
    }
    return firstComparison;
  }

  /** Conditions on the sub-attributes of the element that alias {@code anchor} points at. */
  private final class ElementCondition extends JpqlConnectives {
    private final ResolvedPath attribute;
    private final String anchor;

    ElementCondition(ResolvedPath attribute, String anchor) {
      this.attribute = attribute;
      this.anchor = anchor;
    }

    /**
     * The anchor's element has a sub-attribute {@code sub} (that meets {@code condition}). Written
     * as {@code element IN (...)} rather than {@code EXISTS (...)}: EclipseLink turns an EXISTS
     * into {@code SELECT 1}, and on H2 a constant in a SELECT clause makes it inline every
     * parameter, so the statement was parsed anew for every request and never cached.
     */
    private String exists(Attribute sub, String condition) {
      return anchor + ".element IN " + elementsWith(sub, condition);
    }

    private String existsNot(Attribute sub, String condition) {
      return anchor + ".element NOT IN " + elementsWith(sub, condition);
    }

    private String elementsWith(Attribute sub, String condition) {
      String e = alias();
      return "(SELECT "
          + e
          + ".element FROM IndexedValue "
          + e
          + " WHERE "
          + e
          + ".userId = "
          + anchor
          + ".userId AND "
          + e
          + ".path = "
          + parameter(attribute.canonical() + "." + sub.name())
          + (condition == null ? "" : " AND " + condition.replace("$", e))
          + ")";
    }

    @Override
    public String comparison(Filter.Comparison comparison) {
      Attribute sub = sub(attribute, comparison.path());
      if (comparison.operator() == Operator.NE) {
        String key = literalKey(sub, comparison);
        return "(" + existsNot(sub, keyCondition("$.valueKey", Operator.EQ, key)) + ")";
      }
      String key = literalKey(sub, comparison);
      return exists(sub, keyCondition("$.valueKey", comparison.operator(), key));
    }

    @Override
    public String present(Filter.Present present) {
      return exists(sub(attribute, present.path()), null);
    }

    @Override
    public String valuePath(Filter.ValuePath valuePath) {
      throw ScimException.invalidFilter("A value filter cannot contain another value filter.");
    }
  }

  /**
   * {@code groups} is not stored with the user: it is the membership relation. Filters on it see
   * the groups a user is a <em>direct</em> member of (see README, "Groups").
   */
  private static boolean isGroups(ResolvedPath path) {
    return path.container() == null && path.attribute().name().equals("groups");
  }

  private static String groupsSubquery(String condition) {
    return "u.scimId IN (SELECT m.memberId FROM Membership m, StoredGroup g"
        + " WHERE g.id = m.groupId AND "
        + condition
        + ")";
  }

  private static Filter.Comparison onElement(ResolvedPath path, Filter.Comparison comparison) {
    return new Filter.Comparison(
        AttributePath.of(path.subAttribute().name()), comparison.operator(), comparison.value());
  }

  /** Conditions on one group {@code g} the user is a direct member of: its id or its name. */
  private final class GroupCondition extends JpqlConnectives {

    @Override
    public String comparison(Filter.Comparison comparison) {
      Attribute groups = TYPE.schema().attribute("groups").orElseThrow();
      Attribute sub =
          UserFilterQuery.sub(
              new ResolvedPath(TYPE.schema(), groups, null, null), comparison.path());
      if (comparison.operator() == Operator.NE) {
        return "(NOT "
            + comparison(new Filter.Comparison(comparison.path(), Operator.EQ, comparison.value()))
            + ")";
      }
      String column =
          switch (sub.name()) {
            case "value" -> "g.scimId";
            case "display" -> "LOWER(g.displayName)";
            default ->
                throw ScimException.invalidFilter(
                    "'groups." + sub.name() + "' cannot be used in a filter; use 'groups.value'.");
          };
      return "(" + keyCondition(column, comparison.operator(), literalKey(sub, comparison)) + ")";
    }

    @Override
    public String present(Filter.Present present) {
      return "(g.id IS NOT NULL)";
    }

    @Override
    public String valuePath(Filter.ValuePath valuePath) {
      throw ScimException.invalidFilter("A value filter cannot contain another value filter.");
    }
  }

  private static Attribute sub(ResolvedPath attribute, AttributePath path) {
    if (path.schemaUrn() != null || path.subAttribute() != null) {
      throw ScimException.invalidFilter(
          "'" + path + "' is not a sub-attribute of '" + attribute.attribute().name() + "'.");
    }
    Attribute sub =
        attribute
            .attribute()
            .subAttribute(path.attribute())
            .orElseThrow(
                () ->
                    ScimException.invalidFilter(
                        "'"
                            + attribute.attribute().name()
                            + "' has no sub-attribute '"
                            + path.attribute()
                            + "'."));
    requireFilterable(sub, attribute.canonical() + "." + sub.name());
    return sub;
  }

  private static ResolvedPath resolve(AttributePath path) {
    ResolvedPath resolved =
        TYPE.resolve(path)
            .orElseThrow(
                () ->
                    ScimException.invalidFilter(
                        "There is no attribute '" + path + "' to filter on."));
    requireFilterable(resolved.target(), path.toString());
    return resolved;
  }

  private static void requireFilterable(Attribute attribute, String where) {
    if (attribute.returned() == Attribute.Returned.NEVER
        || attribute.type() == Attribute.Type.BINARY) {
      throw ScimException.invalidFilter("'" + where + "' cannot be used in a filter.");
    }
  }

  /**
   * A comparison on a complex attribute without a sub-attribute compares its {@code value}: {@code
   * emails co "x"} is {@code emails.value co "x"} (RFC 7644 §3.4.2.2's example).
   */
  private static ResolvedPath valuePathOf(ResolvedPath path, AttributePath written) {
    if (path.target().type() != Attribute.Type.COMPLEX) {
      return path;
    }
    Attribute value =
        path.subAttribute() == null && !path.isWholeExtension()
            ? path.attribute().subAttribute("value").orElse(null)
            : null;
    if (value == null) {
      throw ScimException.invalidFilter(
          "'" + written + "' is complex; compare one of its sub-attributes.");
    }
    return new ResolvedPath(path.schema(), path.attribute(), value, path.container());
  }

  /**
   * The column that holds the attribute, or {@code null} when the value index does or nothing
   * stores it (the meta attributes of {@link MetaFilters}).
   */
  static String column(ResolvedPath path) {
    if (path.container() != null || path.isWholeExtension()) {
      return null;
    }
    String name = path.attribute().name();
    if (path.subAttribute() == null) {
      return switch (name) {
        case "id" -> "u.scimId";
        case "userName" -> "u.userNameKey";
        case "externalId" -> "u.externalId";
        case "displayName" -> "u.displayNameKey";
        case "active" -> "u.active";
        default -> null;
      };
    }
    if (name.equals("meta")) {
      return switch (path.subAttribute().name()) {
        case "created" -> "u.created";
        case "lastModified" -> "u.lastModified";
        default -> null;
      };
    }
    return null;
  }

  private String columnComparison(ResolvedPath path, String column, Filter.Comparison comparison) {
    Operator op = comparison.operator();
    String key = literalKey(path.target(), comparison);
    if (column.equals("u.created") || column.equals("u.lastModified")) {
      return parameters.timeComparison(column, op, key, comparison.path());
    }
    if (column.equals("u.active")) {
      return "("
          + column
          + " IS NOT NULL AND "
          + column
          + " = "
          + parameter(Boolean.valueOf(key))
          + ")";
    }
    boolean nullable = !column.equals("u.userNameKey") && !column.equals("u.scimId");
    String condition = keyCondition(column, op, key);
    return nullable ? "(" + column + " IS NOT NULL AND " + condition + ")" : "(" + condition + ")";
  }

  private String keyCondition(String column, Operator op, String key) {
    return parameters.keyCondition(column, op, key);
  }

  private String pathCondition(String alias, ResolvedPath path) {
    if (path.target().type() == Attribute.Type.COMPLEX) {
      String prefix = path.isWholeExtension() ? path.schema().id() + ":" : path.canonical() + ".";
      return parameters.startsWith(alias + ".path", prefix);
    }
    return alias + ".path = " + parameter(path.canonical());
  }

  private static String literalKey(Attribute attribute, Filter.Comparison comparison) {
    return ElementMatcher.literalKey(attribute, comparison);
  }
}
