package dev.roster.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON as a tree that may be wrong on purpose: objects keep duplicate keys, and {@link Raw} writes
 * any text as it is (numbers beyond every range, broken escapes, lone surrogate escapes). A JSON-P
 * builder cannot make these, and they are what a parser must survive.
 */
sealed interface Json {

  /** An object; members keep their order and may repeat a key. */
  record Obj(List<Member> members) implements Json {}

  record Member(String key, Json value) {}

  record Arr(List<Json> items) implements Json {}

  /** A string, escaped as JSON asks when written. */
  record Str(String value) implements Json {}

  /** Text written as it is: a number, {@code true}, {@code null}, or a deliberately bad token. */
  record Raw(String text) implements Json {}

  Raw TRUE = new Raw("true");
  Raw FALSE = new Raw("false");
  Raw NULL = new Raw("null");

  /** An object from alternating keys and values; a value that is not {@link Json} is converted. */
  static Obj obj(Object... keysAndValues) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      members.add(new Member((String) keysAndValues[i], of(keysAndValues[i + 1])));
    }
    return new Obj(members);
  }

  static Arr arr(Object... items) {
    List<Json> list = new ArrayList<>();
    for (Object item : items) {
      list.add(of(item));
    }
    return new Arr(list);
  }

  static Arr arrOf(List<? extends Json> items) {
    return new Arr(new ArrayList<>(items));
  }

  static Str str(String value) {
    return new Str(value);
  }

  static Raw num(Object number) {
    return new Raw(String.valueOf(number));
  }

  /** Strings become {@link Str}, booleans and numbers {@link Raw}, null {@link #NULL}. */
  static Json of(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof Json json) {
      return json;
    }
    if (value instanceof String s) {
      return new Str(s);
    }
    if (value instanceof Boolean || value instanceof Number) {
      return new Raw(value.toString());
    }
    if (value instanceof Object[] array) {
      return arr(array);
    }
    if (value instanceof List<?> list) {
      return arr(list.toArray());
    }
    throw new IllegalArgumentException("not JSON: " + value);
  }

  /** The value of the first member with that key, ignoring case, or null. */
  default Json get(String key) {
    if (this instanceof Obj o) {
      for (Member m : o.members()) {
        if (m.key().equalsIgnoreCase(key)) {
          return m.value();
        }
      }
    }
    return null;
  }

  /** A deep copy, so that a mutation never changes a shared fixture. */
  default Json copy() {
    if (this instanceof Obj o) {
      List<Member> members = new ArrayList<>();
      for (Member m : o.members()) {
        members.add(new Member(m.key(), m.value().copy()));
      }
      return new Obj(members);
    }
    if (this instanceof Arr a) {
      List<Json> items = new ArrayList<>();
      for (Json item : a.items()) {
        items.add(item.copy());
      }
      return new Arr(items);
    }
    return this;
  }

  /** Compact JSON text. */
  default String render() {
    StringBuilder out = new StringBuilder();
    write(this, out);
    return out.toString();
  }

  private static void write(Json json, StringBuilder out) {
    if (json instanceof Obj o) {
      out.append('{');
      for (int i = 0; i < o.members().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        Member m = o.members().get(i);
        quote(m.key(), out);
        out.append(':');
        write(m.value(), out);
      }
      out.append('}');
    } else if (json instanceof Arr a) {
      out.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.items().get(i), out);
      }
      out.append(']');
    } else if (json instanceof Str s) {
      quote(s.value(), out);
    } else {
      out.append(((Raw) json).text());
    }
  }

  /** RFC 8259 §7: quote, backslash and control characters escaped, the rest as it is. */
  static void quote(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c)) {
            // A lone surrogate has no UTF-8 form: it can only travel as an escape.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  static String quote(String value) {
    StringBuilder out = new StringBuilder();
    quote(value, out);
    return out.toString();
  }
}
