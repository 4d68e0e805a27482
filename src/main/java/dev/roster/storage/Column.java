package dev.roster.storage;

/**
 * A column that holds an attribute, as a filter compares it.
 *
 * @param field the column, with its alias ({@code u.externalId}): what {@code pr} tests
 * @param compared what a comparison compares: the column, or an expression of it such as {@code
 *     LOWER(m.display)}
 * @param kind how a filter literal is compared with it
 * @param nullable whether a row may have no value, so that a comparison must test for one first
 *     (conditions stay two-valued, never SQL NULL, so that {@code not} is exact)
 */
public record Column(String field, String compared, Kind kind, boolean nullable) {

  /** What the column holds. */
  public enum Kind {
    /** Comparison keys of {@link dev.roster.scim.schema.AttributeValues#key}. */
    KEY,
    /** A UTC time, compared with a dateTime literal. */
    TIME,
    /** A boolean. */
    BOOLEAN
  }

  public static Column key(String field, boolean nullable) {
    return new Column(field, field, Kind.KEY, nullable);
  }

  /** A key compared lower-cased, for a column that keeps the value as it was written. */
  public static Column lowerCased(String field, boolean nullable) {
    return new Column(field, "LOWER(" + field + ")", Kind.KEY, nullable);
  }

  public static Column time(String field) {
    return new Column(field, field, Kind.TIME, false);
  }

  public static Column bool(String field) {
    return new Column(field, field, Kind.BOOLEAN, true);
  }
}
