package dev.roster.scim.filter;

import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). Literals are JSON values: strings, numbers, {@code
 * true}, {@code false} and {@code null}; an unquoted word that is none of these is a string.
 *
 * <p>A value path followed by a sub-attribute, as Entra ID sends ({@code emails[type eq
 * "work"].value eq "a@b.c"}), is read as one value path whose filter also holds the last
 * comparison: {@code emails[type eq "work" and value eq "a@b.c"]}. Both mean "some element of
 * emails satisfies both".
 */
public sealed interface Filter {

  <R> R accept(Visitor<R> visitor);

  /**
   * Parses a filter.
   *
   * @throws dev.roster.scim.ScimException invalidFilter, saying what is wrong and where
   */
  static Filter parse(String text) {
    return FilterParser.parse(text);
  }

  /** One method per kind of node; translations and matchers implement it. */
  interface Visitor<R> {
    R comparison(Comparison comparison);

    R present(Present present);

    R and(And and);

    R or(Or or);

    R not(Not not);

    R valuePath(ValuePath valuePath);
  }

  /** {@code path op value}. */
  record Comparison(AttributePath path, Operator operator, JsonValue value) implements Filter {
    public Comparison {
      Objects.requireNonNull(path);
      Objects.requireNonNull(operator);
      Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
      return path + " " + operator.keyword() + " " + value;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.comparison(this);
    }
  }

  /** {@code path pr}: the attribute has a value. */
  record Present(AttributePath path) implements Filter {
    public Present {
      Objects.requireNonNull(path);
    }

    @Override
    public String toString() {
      return path + " pr";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.present(this);
    }
  }

  record And(Filter left, Filter right) implements Filter {
    public And {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }

    @Override
    public String toString() {
      return "(" + left + " and " + right + ")";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.and(this);
    }
  }

  record Or(Filter left, Filter right) implements Filter {
    public Or {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }

    @Override
    public String toString() {
      return "(" + left + " or " + right + ")";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.or(this);
    }
  }

  record Not(Filter filter) implements Filter {
    public Not {
      Objects.requireNonNull(filter);
    }

    @Override
    public String toString() {
      return "not (" + filter + ")";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.not(this);
    }
  }

  /**
   * {@code attribute[filter]}: some element of a multi-valued attribute (or the value of a complex
   * one) satisfies the filter, whose paths are relative to the element.
   */
  record ValuePath(AttributePath attribute, Filter filter) implements Filter {
    public ValuePath {
      Objects.requireNonNull(attribute);
      Objects.requireNonNull(filter);
    }

    @Override
    public String toString() {
      return attribute + "[" + filter + "]";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.valuePath(this);
    }
  }
}
