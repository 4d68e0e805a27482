package dev.roster.scim.filter;

import java.util.Optional;

/**
 * The comparison operators of RFC 7644 §3.4.2.2, Table 3 ({@code pr} is {@link Filter.Present}).
 */
public enum Operator {
  EQ,
  NE,
  CO,
  SW,
  EW,
  GT,
  GE,
  LT,
  LE;

  /** The operator for that keyword, ignoring case ({@code Eq}, {@code EQ} and {@code eq}). */
  public static Optional<Operator> of(String keyword) {
    for (Operator op : values()) {
      if (op.name().equalsIgnoreCase(keyword)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** {@code gt ge lt le}: ordering comparisons, refused on booleans and binaries. */
  public boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }

  /** {@code co sw ew}: substring comparisons, meaningful on strings only. */
  public boolean isSubstring() {
    return this == CO || this == SW || this == EW;
  }

  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
