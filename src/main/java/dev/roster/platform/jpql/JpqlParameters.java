package dev.roster.platform.jpql;

import dev.roster.scim.filter.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * The positional parameters of a JPQL statement under construction, and the comparisons of a filter
 * on a column of comparison keys ({@link dev.roster.scim.schema.AttributeValues#key}).
 */
public final class JpqlParameters {

  private final List<Object> values = new ArrayList<>();

  /** Adds a value and returns its placeholder, {@code ?n}. */
  public String add(Object value) {
    values.add(value);
    return "?" + values.size();
  }

  public List<Object> values() {
    return List.copyOf(values);
  }

  /** {@code column op key}; {@code co}, {@code sw} and {@code ew} become LIKE. */
  public String keyCondition(String column, Operator op, String key) {
    return switch (op) {
      case CO -> column + " LIKE " + add("%" + escapeLike(key) + "%");
      case SW -> column + " LIKE " + add(escapeLike(key) + "%");
      case EW -> column + " LIKE " + add("%" + escapeLike(key));
      default -> column + " " + sqlOperator(op) + " " + add(key);
    };
  }

  /** {@code column LIKE 'prefix%'}. */
  public String startsWith(String column, String prefix) {
    return column + " LIKE " + add(escapeLike(prefix) + "%");
  }

  public static String sqlOperator(Operator op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "<>";
      case GT -> ">";
      case GE -> ">=";
      case LT -> "<";
      case LE -> "<=";
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  /**
   * Escapes LIKE wildcards with a backslash, the default escape character of H2 and PostgreSQL.
   * There is deliberately no {@code ESCAPE} clause: with one, EclipseLink writes the statement's
   * values inline, and a boolean then becomes {@code 1}, which H2 refuses to compare.
   */
  public static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
