package dev.roster.storage;

import dev.roster.scim.filter.Filter;
import dev.roster.scim.schema.ResolvedPath;
import java.util.List;

/**
 * How a resource table reaches the attributes that have no column of their own and are not a {@link
 * Relation}: for users the value index, for groups nothing (they have no such attribute a filter
 * may use).
 */
interface UnstoredAttributes {

  String present(FilterTranslation query, ResolvedPath path, Filter.Present present);

  /** A comparison other than {@code ne}, on a path that is not complex. */
  String comparison(FilterTranslation query, ResolvedPath path, Filter.Comparison comparison);

  String valuePath(FilterTranslation query, ResolvedPath attribute, Filter.ValuePath valuePath);

  /**
   * What to sort by for the attribute: a join added to {@code from} (its parameters to {@code
   * parameters}) and the expression it makes available, or {@code null} to sort in creation order.
   */
  String sortKey(ResolvedPath path, StringBuilder from, List<Object> parameters);

  /** Groups: every attribute a filter may use has a column or is {@code members}. */
  UnstoredAttributes NONE =
      new UnstoredAttributes() {
        @Override
        public String present(FilterTranslation query, ResolvedPath path, Filter.Present present) {
          throw FilterTranslation.notFilterable(present.path().toString());
        }

        @Override
        public String comparison(
            FilterTranslation query, ResolvedPath path, Filter.Comparison comparison) {
          throw FilterTranslation.notFilterable(comparison.path().toString());
        }

        @Override
        public String valuePath(
            FilterTranslation query, ResolvedPath attribute, Filter.ValuePath valuePath) {
          throw FilterTranslation.notComplex(valuePath.attribute());
        }

        @Override
        public String sortKey(ResolvedPath path, StringBuilder from, List<Object> parameters) {
          return null;
        }
      };
}
