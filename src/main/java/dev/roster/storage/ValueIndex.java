package dev.roster.storage;

import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResolvedPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user attributes without a column of their own, reached through the value index ({@code
 * IndexedValue}: one row per stored value, with its path, element and comparison key; see {@code
 * StoredUser} for the design).
 *
 * <ul>
 *   <li>A comparison is a subquery: {@code u.id IN (SELECT v.userId FROM IndexedValue v WHERE
 *       v.tenantId = ? AND v.path = 'title' AND v.valueKey = 'x')}. It is uncorrelated, so the
 *       database reads it through the (tenant, path, key) index and then fetches the users by
 *       primary key. Multi-valued attributes match when any value does.
 *   <li>A value path ({@code emails[type eq "work" and value eq "x"]}) picks its most selective
 *       comparison to drive the same subquery, and checks the rest on the same element through the
 *       primary key (user, path, element).
 *   <li>A sort joins element 0 of the attribute's entries: the primary value of a multi-valued
 *       attribute.
 * </ul>
 */
final class ValueIndex implements UnstoredAttributes {

  @Override
  public String present(FilterTranslation query, ResolvedPath path, Filter.Present present) {
    String v = query.alias();
    return subquery(v, pathCondition(query, v, path));
  }

  @Override
  public String comparison(
      FilterTranslation query, ResolvedPath path, Filter.Comparison comparison) {
    String key = ElementMatcher.literalKey(path.target(), comparison);
    String v = query.alias();
    return subquery(
        v,
        v
            + ".path = "
            + query.parameter(path.canonical())
            + " AND "
            + query.parameters().keyCondition(v + ".valueKey", comparison.operator(), key));
  }

  /**
   * Whether a value filter may name the attribute: a complex attribute as a whole, such as {@code
   * emails} in {@code emails[type eq "work"]}, not one of its sub-attributes and not a whole
   * extension. The JPA translation and the JDBC lookups ({@link FilterTranslation#elementEquality})
   * both ask this, so they take the same filters.
   */
  static boolean isWholeComplexAttribute(ResolvedPath attribute) {
    return attribute.subAttribute() == null
        && attribute.attribute().type() == Attribute.Type.COMPLEX
        && !attribute.isWholeExtension();
  }

  /**
   * {@code attribute[filter]}: one element satisfies the whole filter. The first {@code eq} on a
   * sub-attribute other than {@code type} and {@code primary} (which many elements share) drives;
   * failing that the first comparison; failing that any value of the attribute.
   */
  @Override
  public String valuePath(
      FilterTranslation query, ResolvedPath attribute, Filter.ValuePath valuePath) {
    if (!isWholeComplexAttribute(attribute)) {
      throw FilterTranslation.notComplex(valuePath.attribute());
    }
    List<Filter> conjuncts = conjuncts(valuePath.filter());
    Filter.Comparison driver = chooseDriver(conjuncts);
    String d = query.alias();
    String condition;
    List<Filter> rest = new ArrayList<>(conjuncts);
    if (driver != null) {
      rest.remove(driver);
      Attribute sub = FilterTranslation.subAttribute(attribute, driver.path());
      condition =
          d
              + ".path = "
              + query.parameter(attribute.canonical() + "." + sub.name())
              + " AND "
              + query
                  .parameters()
                  .keyCondition(
                      d + ".valueKey", driver.operator(), ElementMatcher.literalKey(sub, driver));
    } else {
      condition = query.parameters().startsWith(d + ".path", attribute.canonical() + ".");
    }
    ElementCondition element = new ElementCondition(query, attribute, d);
    StringBuilder jpql = new StringBuilder(condition);
    for (Filter filter : rest) {
      jpql.append(" AND ").append(filter.accept(element));
    }
    return subquery(d, jpql.toString());
  }

  @Override
  public String sortKey(ResolvedPath path, StringBuilder from, List<Object> parameters) {
    parameters.add(path.canonical());
    from.append(" LEFT JOIN u.values s ON s.path = ?")
        .append(parameters.size())
        .append(" AND s.element = 0");
    return "s.valueKey";
  }

  private static String subquery(String v, String condition) {
    return "u.id IN (SELECT "
        + v
        + ".userId FROM IndexedValue "
        + v
        + " WHERE "
        + v
        + ".tenantId = ?1 AND "
        + condition
        + ")";
  }

  private static String pathCondition(FilterTranslation query, String alias, ResolvedPath path) {
    if (path.target().type() == Attribute.Type.COMPLEX) {
      String prefix = path.isWholeExtension() ? path.schema().id() + ":" : path.canonical() + ".";
      return query.parameters().startsWith(alias + ".path", prefix);
    }
    return alias + ".path = " + query.parameter(path.canonical());
  }

  /** The parts of a filter that are joined by {@code and}, in order; the filter alone if none. */
  static List<Filter> conjuncts(Filter filter) {
    List<Filter> conjuncts = new ArrayList<>();
    flatten(filter, conjuncts);
    return conjuncts;
  }

  private static void flatten(Filter filter, List<Filter> conjuncts) {
    if (filter instanceof Filter.And and) {
      flatten(and.left(), conjuncts);
      flatten(and.right(), conjuncts);
    } else {
      conjuncts.add(filter);
    }
  }

  static Filter.Comparison chooseDriver(List<Filter> conjuncts) {
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
  private static final class ElementCondition extends JpqlConnectives {
    private final FilterTranslation query;
    private final ResolvedPath attribute;
    private final String anchor;

    ElementCondition(FilterTranslation query, ResolvedPath attribute, String anchor) {
      this.query = query;
      this.attribute = attribute;
      this.anchor = anchor;
    }

    /**
     * The anchor's element has a sub-attribute {@code sub} (that meets {@code condition}), or has
     * none that does ({@code NOT IN}). Written as {@code element IN (...)} rather than {@code
     * EXISTS (...)}: EclipseLink turns an EXISTS into {@code SELECT 1}, and on H2 a constant in a
     * SELECT clause makes it inline every parameter, so the statement was parsed anew for every
     * request and never cached.
     */
    private String elementsWith(boolean in, Attribute sub, String condition) {
      String e = query.alias();
      return anchor
          + ".element "
          + (in ? "IN" : "NOT IN")
          + " (SELECT "
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
          + query.parameter(attribute.canonical() + "." + sub.name())
          + (condition == null ? "" : " AND " + condition.replace("$", e))
          + ")";
    }

    @Override
    public String comparison(Filter.Comparison comparison) {
      Attribute sub = FilterTranslation.subAttribute(attribute, comparison.path());
      String key = ElementMatcher.literalKey(sub, comparison);
      if (comparison.operator() == Operator.NE) {
        return "("
            + elementsWith(
                false, sub, query.parameters().keyCondition("$.valueKey", Operator.EQ, key))
            + ")";
      }
      return elementsWith(
          true, sub, query.parameters().keyCondition("$.valueKey", comparison.operator(), key));
    }

    @Override
    public String present(Filter.Present present) {
      return elementsWith(true, FilterTranslation.subAttribute(attribute, present.path()), null);
    }

    @Override
    public String valuePath(Filter.ValuePath valuePath) {
      throw FilterTranslation.nestedValueFilter();
    }
  }
}
