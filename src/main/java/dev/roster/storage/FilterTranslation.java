package dev.roster.storage;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.query.MetaFilters;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResolvedPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates a SCIM filter into a JPQL condition on a {@link ResourceTable}, so that the database
 * answers it. Users and groups go through the same steps, and differ only in what their table
 * description says:
 *
 * <ul>
 *   <li>An attribute with a {@link Column} compares the column: {@code userName eq "x"} is {@code
 *       u.userNameKey = 'x'}, through the unique index.
 *   <li>A {@link Relation} ({@code groups} of a user, {@code members} of a group) is an
 *       uncorrelated subquery on the membership rows: {@code members.value eq "<id>"} is {@code
 *       g.id IN (SELECT m.groupId FROM Membership m WHERE m.memberId = ?)}. A value path on it is
 *       one subquery, since each row is one element.
 *   <li>The parts of {@code meta} that are not stored are decided once for the type by {@link
 *       MetaFilters}.
 *   <li>Anything else is the table's {@link UnstoredAttributes}: the value index for users.
 * </ul>
 *
 * Comparisons use the keys of {@link dev.roster.scim.schema.AttributeValues#key}, so they mean what
 * they mean in memory: case-insensitive unless the attribute is caseExact. {@code ne} is {@code not
 * eq}, here and nowhere else. Every condition is two-valued (never SQL NULL), so {@code not} is
 * exact. The tenant is always the parameter {@code ?1}.
 */
public final class FilterTranslation extends JpqlConnectives {

  /** A condition and its positional parameters. */
  public record Condition(String jpql, List<Object> parameters) {}

  /**
   * A filter that is one {@code eq} on a column of comparison keys, as the identity providers'
   * match queries are: {@code userName eq "x"} is the column {@code u.userNameKey} and the key
   * {@code x}.
   */
  public record KeyEquality(Column column, String key) {}

  /**
   * A filter on one element of an attribute in the value index that is only equalities on its
   * sub-attributes, as Entra's {@code emails[type eq "work"].value eq "x"} is: each as the value
   * rows' path and comparison key, the one that drives the lookup first (as {@link
   * ValueIndex#valuePath} picks it).
   */
  public record ElementEquality(List<PathKey> keys) {}

  /** The value rows of one sub-attribute ({@code emails.value}) with one comparison key. */
  public record PathKey(String path, String key) {}

  private final ResourceTable table;
  private final JpqlParameters parameters = new JpqlParameters();
  private int aliases;

  private FilterTranslation(ResourceTable table, Object first) {
    this.table = table;
    parameters.add(first);
  }

  /** The resources of a tenant ({@code ?1}) that match the filter, or all of them. */
  public static Condition of(ResourceTable table, String tenantId, Filter filter) {
    FilterTranslation query = new FilterTranslation(table, tenantId);
    String tenant = table.alias() + ".tenantId = ?1";
    String jpql = filter == null ? tenant : tenant + " AND " + filter.accept(query);
    return new Condition(jpql, query.parameters.values());
  }

  /**
   * The column and key of a filter that is one equality on a column of keys, compared as it is
   * stored (not lower-cased); empty for any other filter, or one this translation would refuse, so
   * that {@link #of} answers those as always.
   */
  public static Optional<KeyEquality> keyEquality(ResourceTable table, Filter filter) {
    if (!(filter instanceof Filter.Comparison comparison) || comparison.operator() != Operator.EQ) {
      return Optional.empty();
    }
    try {
      ResolvedPath path = new FilterTranslation(table, null).resolve(comparison.path());
      Column column = table.column(path);
      if (MetaFilters.isComputed(path)
          || table.relation(path) != null
          || path.target().type() == Attribute.Type.COMPLEX
          || column == null
          || column.kind() != Column.Kind.KEY
          || !column.compared().equals(column.field())) {
        return Optional.empty();
      }
      return Optional.of(
          new KeyEquality(column, ElementMatcher.literalKey(path.target(), comparison)));
    } catch (ScimException refused) {
      return Optional.empty();
    }
  }

  /**
   * The sub-attributes and keys of a value filter that is only equalities on one element of an
   * attribute in the value index; empty for any other filter, or one this translation would refuse,
   * so that {@link #of} answers those as always.
   */
  public static Optional<ElementEquality> elementEquality(ResourceTable table, Filter filter) {
    if (!(filter instanceof Filter.ValuePath valuePath)
        || !(table.unstored() instanceof ValueIndex)) {
      return Optional.empty();
    }
    try {
      ResolvedPath attribute = new FilterTranslation(table, null).resolve(valuePath.attribute());
      if (MetaFilters.isComputed(attribute)
          || table.relation(attribute) != null
          || !ValueIndex.isWholeComplexAttribute(attribute)) {
        return Optional.empty();
      }
      List<Filter> conjuncts = ValueIndex.conjuncts(valuePath.filter());
      Filter.Comparison driver = ValueIndex.chooseDriver(conjuncts);
      if (driver == null) {
        return Optional.empty();
      }
      conjuncts.remove(driver);
      conjuncts.add(0, driver);
      List<PathKey> keys = new ArrayList<>();
      for (Filter conjunct : conjuncts) {
        if (!(conjunct instanceof Filter.Comparison comparison)
            || comparison.operator() != Operator.EQ) {
          return Optional.empty();
        }
        Attribute sub = subAttribute(attribute, comparison.path());
        String key = ElementMatcher.literalKey(sub, comparison);
        if (key == null) {
          return Optional.empty();
        }
        keys.add(new PathKey(attribute.canonical() + "." + sub.name(), key));
      }
      return Optional.of(new ElementEquality(List.copyOf(keys)));
    } catch (ScimException refused) {
      return Optional.empty();
    }
  }

  /**
   * The rows of the table's relation that match a filter on one element, among those that {@code
   * owner} (a condition on {@code ?1}) selects: {@code members[value eq "x"]} of one group.
   */
  public static Condition relationRows(
      ResourceTable table, String owner, Object first, Filter elementFilter) {
    FilterTranslation query = new FilterTranslation(table, first);
    String jpql = owner + " AND " + elementFilter.accept(query.new RowCondition());
    return new Condition(jpql, query.parameters.values());
  }

  JpqlParameters parameters() {
    return parameters;
  }

  String parameter(Object value) {
    return parameters.add(value);
  }

  /** A fresh alias for a subquery. */
  String alias() {
    return "v" + (++aliases);
  }

  @Override
  public String comparison(Filter.Comparison comparison) {
    if (comparison.operator() == Operator.NE) {
      return "(NOT " + comparison(equality(comparison)) + ")";
    }
    ResolvedPath path = resolve(comparison.path());
    if (MetaFilters.isComputed(path)) {
      return always(MetaFilters.compare(table.type(), path, comparison));
    }
    Relation relation = table.relation(path);
    if (relation != null) {
      Filter.Comparison onElement =
          new Filter.Comparison(
              AttributePath.of(elementOf(path).name()), comparison.operator(), comparison.value());
      return relation.subquery(onElement.accept(new RowCondition()));
    }
    path = valueOf(path, comparison.path());
    Column column = table.column(path);
    if (column != null) {
      return columnComparison(column, path.target(), comparison);
    }
    return table.unstored().comparison(this, path, comparison);
  }

  @Override
  public String present(Filter.Present present) {
    ResolvedPath path = resolve(present.path());
    if (MetaFilters.isComputed(path)) {
      return always(true);
    }
    Relation relation = table.relation(path);
    if (relation != null) {
      return path.subAttribute() == null
          ? relation.present()
          : relation.subquery(
              new Filter.Present(AttributePath.of(path.subAttribute().name()))
                  .accept(new RowCondition()));
    }
    Column column = table.column(path);
    if (column != null) {
      return column.nullable() ? "(" + column.field() + " IS NOT NULL)" : always(true);
    }
    return table.unstored().present(this, path, present);
  }

  @Override
  public String valuePath(Filter.ValuePath valuePath) {
    ResolvedPath path = resolve(valuePath.attribute());
    if (MetaFilters.isComputed(path)) {
      throw MetaFilters.valueFilter(valuePath.attribute());
    }
    Relation relation = table.relation(path);
    if (relation != null && path.subAttribute() == null) {
      return relation.subquery(valuePath.filter().accept(new RowCondition()));
    }
    return table.unstored().valuePath(this, path, valuePath);
  }

  /** Conditions on one row of the table's relation: one group of a user, one member of a group. */
  private final class RowCondition extends JpqlConnectives {

    @Override
    public String comparison(Filter.Comparison comparison) {
      if (comparison.operator() == Operator.NE) {
        return "(NOT " + comparison(equality(comparison)) + ")";
      }
      Attribute sub = relationAttribute(comparison.path());
      Column column = elementColumn(sub);
      String condition =
          parameters.keyCondition(
              column.compared(), comparison.operator(), ElementMatcher.literalKey(sub, comparison));
      return column.nullable()
          ? "(" + column.field() + " IS NOT NULL AND " + condition + ")"
          : "(" + condition + ")";
    }

    @Override
    public String present(Filter.Present present) {
      Attribute sub = relationAttribute(present.path());
      Column column = table.relation().elements().get(sub.name());
      return column != null && column.nullable()
          ? "(" + column.field() + " IS NOT NULL)"
          : "(" + table.relation().rowExists() + ")";
    }

    @Override
    public String valuePath(Filter.ValuePath valuePath) {
      throw nestedValueFilter();
    }

    private Attribute relationAttribute(AttributePath path) {
      Attribute attribute =
          table.type().schema().attribute(table.relation().attribute()).orElseThrow();
      return subAttribute(new ResolvedPath(table.type().schema(), attribute, null, null), path);
    }

    private Column elementColumn(Attribute sub) {
      Column column = table.relation().elements().get(sub.name());
      if (column == null) {
        String name = table.relation().attribute();
        throw ScimException.invalidFilter(
            "'"
                + name
                + "."
                + sub.name()
                + "' cannot be used in a filter; use '"
                + name
                + ".value'.");
      }
      return column;
    }
  }

  private String columnComparison(Column column, Attribute target, Filter.Comparison comparison) {
    Operator op = comparison.operator();
    String key = ElementMatcher.literalKey(target, comparison);
    String condition =
        switch (column.kind()) {
          case TIME -> parameters.timeComparison(column.compared(), op, key, comparison.path());
          case BOOLEAN -> column.compared() + " = " + parameter(Boolean.valueOf(key));
          case KEY -> parameters.keyCondition(column.compared(), op, key);
        };
    return column.nullable()
        ? "(" + column.field() + " IS NOT NULL AND " + condition + ")"
        : "(" + condition + ")";
  }

  /** A condition that every row meets, or none. */
  private String always(boolean true_) {
    return "(" + table.alias() + ".id IS " + (true_ ? "NOT NULL)" : "NULL)");
  }

  private static Filter.Comparison equality(Filter.Comparison comparison) {
    return new Filter.Comparison(comparison.path(), Operator.EQ, comparison.value());
  }

  private ResolvedPath resolve(AttributePath path) {
    ResolvedPath resolved =
        table
            .type()
            .resolve(path)
            .orElseThrow(
                () ->
                    ScimException.invalidFilter(
                        "There is no attribute '" + path + "' to filter on."));
    requireFilterable(resolved.target(), path.toString());
    return resolved;
  }

  /** {@code members} alone is {@code members.value} (RFC 7644 §3.4.2.2). */
  private static Attribute elementOf(ResolvedPath path) {
    return path.subAttribute() != null
        ? path.subAttribute()
        : path.attribute().subAttribute("value").orElseThrow();
  }

  /**
   * A comparison on a complex attribute without a sub-attribute compares its {@code value}: {@code
   * emails co "x"} is {@code emails.value co "x"} (RFC 7644 §3.4.2.2's example).
   */
  private static ResolvedPath valueOf(ResolvedPath path, AttributePath written) {
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

  /** The sub-attribute a filter inside {@code attribute[...]} names. */
  static Attribute subAttribute(ResolvedPath attribute, AttributePath path) {
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

  private static void requireFilterable(Attribute attribute, String where) {
    if (attribute.returned() == Attribute.Returned.NEVER
        || attribute.type() == Attribute.Type.BINARY) {
      throw notFilterable(where);
    }
  }

  static ScimException notFilterable(String where) {
    return ScimException.invalidFilter("'" + where + "' cannot be used in a filter.");
  }

  static ScimException notComplex(AttributePath written) {
    return ScimException.invalidFilter(
        "'" + written + "' is not a complex attribute; it cannot take a [filter].");
  }

  static ScimException nestedValueFilter() {
    return ScimException.invalidFilter("A value filter cannot contain another value filter.");
  }
}
