package dev.roster.scim.schema;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * Matches a value filter ({@code emails[type eq "work"]}, {@code members[value eq "…"]}) against
 * one element of a complex attribute, in memory. Comparisons follow the sub-attribute's type and
 * caseExact through {@link AttributeValues#key}, the same keys the database compares.
 *
 * <p>{@code ne} is {@code not eq}: an element without the sub-attribute matches {@code type ne
 * "work"}. A filter on an unknown sub-attribute, or one the type cannot support ({@code gt} on a
 * boolean), is a 400 {@code invalidFilter}.
 */
public final class ElementMatcher implements Filter.Visitor<Boolean> {

  private final Attribute complex;
  private final JsonObject element;

  private ElementMatcher(Attribute complex, JsonObject element) {
    this.complex = complex;
    this.element = element;
  }

  public static boolean matches(Attribute complex, Filter filter, JsonObject element) {
    return filter.accept(new ElementMatcher(complex, element));
  }

  /** Checks that every path in the filter names a sub-attribute, before anything is matched. */
  public static void check(Attribute complex, Filter filter) {
    filter.accept(new ElementMatcher(complex, JsonValue.EMPTY_JSON_OBJECT));
  }

  private Attribute sub(AttributePath path) {
    if (path.schemaUrn() != null || path.subAttribute() != null) {
      throw ScimException.invalidFilter(
          "'" + path + "' is not a sub-attribute of '" + complex.name() + "'.");
    }
    return complex
        .subAttribute(path.attribute())
        .orElseThrow(
            () ->
                ScimException.invalidFilter(
                    "'" + complex.name() + "' has no sub-attribute '" + path.attribute() + "'."));
  }

  @Override
  public Boolean comparison(Filter.Comparison comparison) {
    Attribute sub = sub(comparison.path());
    return matches(sub, comparison, element.get(sub.name()));
  }

  /**
   * Whether one value of an attribute satisfies a comparison, as it would in the database.
   *
   * @param value the value, or {@code null} when there is none
   */
  public static boolean matches(
      Attribute attribute, Filter.Comparison comparison, JsonValue value) {
    Operator op = comparison.operator();
    String literal = literalKey(attribute, comparison);
    Optional<String> key = value == null ? Optional.empty() : AttributeValues.key(attribute, value);
    if (op == Operator.NE) {
      return key.isEmpty() || !key.get().equals(literal);
    }
    if (key.isEmpty()) {
      return false;
    }
    return compare(op, key.get(), literal);
  }

  /** The literal's key, refusing operators the attribute's type does not support. */
  public static String literalKey(Attribute attribute, Filter.Comparison comparison) {
    Operator op = comparison.operator();
    Attribute.Type type = attribute.type();
    if (type == Attribute.Type.COMPLEX) {
      throw ScimException.invalidFilter(
          "'" + comparison.path() + "' is complex; compare one of its sub-attributes.");
    }
    if ((type == Attribute.Type.BOOLEAN || type == Attribute.Type.BINARY)
        && (op.isOrdering() || op.isSubstring())) {
      throw ScimException.invalidFilter(
          "'"
              + op.keyword()
              + "' cannot compare the "
              + type.keyword()
              + " attribute '"
              + comparison.path()
              + "' (RFC 7644 §3.4.2.2).");
    }
    if (comparison.value().getValueType() == JsonValue.ValueType.NULL) {
      throw ScimException.invalidFilter(
          "Compare with null is not supported; use '" + comparison.path() + " pr' instead.");
    }
    return AttributeValues.key(attribute, comparison.value())
        .orElseThrow(
            () ->
                ScimException.invalidFilter(
                    "'"
                        + comparison.value()
                        + "' is not a "
                        + type.keyword()
                        + " value for '"
                        + comparison.path()
                        + "'."));
  }

  static boolean compare(Operator op, String key, String literal) {
    return switch (op) {
      case EQ -> key.equals(literal);
      case NE -> !key.equals(literal);
      case CO -> key.contains(literal);
      case SW -> key.startsWith(literal);
      case EW -> key.endsWith(literal);
      case GT -> key.compareTo(literal) > 0;
      case GE -> key.compareTo(literal) >= 0;
      case LT -> key.compareTo(literal) < 0;
      case LE -> key.compareTo(literal) <= 0;
    };
  }

  /**
   * {@code pr}: the sub-attribute has a non-empty value (RFC 7644 §3.4.2.2), so {@code ""}, {@code
   * []} and {@code {}} are not present, as they are unassigned everywhere else.
   */
  @Override
  public Boolean present(Filter.Present present) {
    Attribute sub = sub(present.path());
    JsonValue value = element.get(sub.name());
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    if (value instanceof JsonString s) {
      return !s.getString().isEmpty();
    }
    if (value instanceof JsonArray array) {
      return !array.isEmpty();
    }
    return !(value instanceof JsonObject object) || !object.isEmpty();
  }

  @Override
  public Boolean and(Filter.And and) {
    boolean left = and.left().accept(this);
    boolean right = and.right().accept(this); // both sides are checked, even if left is false
    return left && right;
  }

  @Override
  public Boolean or(Filter.Or or) {
    boolean left = or.left().accept(this);
    boolean right = or.right().accept(this);
    return left || right;
  }

  @Override
  public Boolean not(Filter.Not not) {
    return !not.filter().accept(this);
  }

  @Override
  public Boolean valuePath(Filter.ValuePath valuePath) {
    throw ScimException.invalidFilter("A value filter cannot contain another value filter.");
  }
}
