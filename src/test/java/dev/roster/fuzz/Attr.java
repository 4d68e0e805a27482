package dev.roster.fuzz;

import java.util.List;

/**
 * An attribute as the generators need to know it (RFC 7643 §2): its name, type, whether it is
 * multi-valued or read-only, its sub-attributes and canonical values. Written down here from the
 * RFC, not taken from Roster, so that the generators judge Roster from outside.
 */
record Attr(
    String name,
    Type type,
    boolean multiValued,
    boolean readOnly,
    List<Attr> subAttributes,
    List<String> canonical) {

  enum Type {
    STRING,
    BOOLEAN,
    DATETIME,
    REFERENCE,
    BINARY,
    COMPLEX
  }

  static Attr string(String name, String... canonical) {
    return new Attr(name, Type.STRING, false, false, List.of(), List.of(canonical));
  }

  static Attr bool(String name) {
    return new Attr(name, Type.BOOLEAN, false, false, List.of(), List.of());
  }

  static Attr dateTime(String name) {
    return new Attr(name, Type.DATETIME, false, false, List.of(), List.of());
  }

  static Attr reference(String name) {
    return new Attr(name, Type.REFERENCE, false, false, List.of(), List.of());
  }

  static Attr binary(String name) {
    return new Attr(name, Type.BINARY, false, false, List.of(), List.of());
  }

  static Attr complex(String name, Attr... subAttributes) {
    return new Attr(name, Type.COMPLEX, false, false, List.of(subAttributes), List.of());
  }

  /** value, display, type and primary (RFC 7643 §2.4), the usual multi-valued shape. */
  static Attr multiValue(String name, Attr value, String... types) {
    return complex(name, value, string("display"), string("type", types), bool("primary")).multi();
  }

  Attr multi() {
    return new Attr(name, type, true, readOnly, subAttributes, canonical);
  }

  Attr readOnlyAttr() {
    return new Attr(name, type, multiValued, true, subAttributes, canonical);
  }

  boolean isComplex() {
    return type == Type.COMPLEX;
  }
}
