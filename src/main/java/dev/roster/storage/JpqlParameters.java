package dev.roster.storage;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.schema.AttributeValues;
import java.time.Instant;
import java.time.LocalDateTime;
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

  /**
   * {@code column op time} for a meta time column, with the filter's dateTime literal.
   *
   * @param key the literal's comparison key (an RFC 3339 dateTime)
   * @param written the attribute as the filter wrote it, for the error message
   */
  public String timeComparison(String column, Operator op, String key, Object written) {
    if (op.isSubstring()) {
      throw ScimException.invalidFilter(
          "'" + op.keyword() + "' cannot compare the dateTime '" + written + "'.");
    }
    Instant instant = AttributeValues.dateTime(key).orElseThrow();
    LocalDateTime time = Timestamps.stored(instant);
    return "(" + column + " " + sqlOperator(op) + " " + add(time) + ")";
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
