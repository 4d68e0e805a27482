package dev.roster.storage;

import dev.roster.scim.filter.Filter;

/**
 * {@code and}, {@code or} and {@code not} as JPQL, shared by the translations of a whole filter and
 * of the filter inside a value path, for users and groups alike.
 */
public abstract class JpqlConnectives implements Filter.Visitor<String> {

  @Override
  public String and(Filter.And and) {
    return "(" + and.left().accept(this) + " AND " + and.right().accept(this) + ")";
  }

  @Override
  public String or(Filter.Or or) {
    return "(" + or.left().accept(this) + " OR " + or.right().accept(this) + ")";
  }

  @Override
  public String not(Filter.Not not) {
    return "(NOT " + not.filter().accept(this) + ")";
  }
}
