package dev.roster.storage;

import java.util.Map;

/**
 * A multi-valued attribute whose elements are rows of another table. A user's {@code groups} and a
 * group's {@code members} are the same relation, {@code Membership}, seen from either end; a filter
 * on one is a subquery on its rows.
 *
 * @param attribute the attribute's name
 * @param subqueryStart the start of the subquery that selects the resources with a matching row, up
 *     to the condition on a row ({@code g.id IN (SELECT m.groupId FROM Membership m WHERE })
 * @param anyRow the condition "the resource has at least one element", or {@code null} for the
 *     subquery with {@code rowExists}
 * @param rowExists a condition true for every row of the relation
 * @param elements the columns of the sub-attributes a filter may use, by name
 */
public record Relation(
    String attribute,
    String subqueryStart,
    String anyRow,
    String rowExists,
    Map<String, Column> elements) {

  /** The resources with a row that meets the condition. */
  String subquery(String rowCondition) {
    return subqueryStart + rowCondition + ")";
  }

  String present() {
    return anyRow != null ? anyRow : subquery(rowExists);
  }
}
