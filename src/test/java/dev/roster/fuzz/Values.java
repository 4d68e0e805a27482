package dev.roster.fuzz;

import java.util.List;
import java.util.Random;

/** Random values for attributes: right for their type, or deliberately odd. */
final class Values {

  static final List<String> WORDS =
      List.of(
          "Babs",
          "Jensen",
          "bjensen",
          "Tour Guide",
          "Sales",
          "work",
          "home",
          "example",
          "a",
          "OR",
          "and",
          "not",
          "eq",
          "pr",
          "null",
          "true",
          "[x]",
          "(y)",
          "a\"b",
          "back\\slash",
          "tab\there",
          "line\nbreak",
          "Zoë",
          "Ångström",
          "東京",
          "😀",
          "%41",
          "%zz",
          "+plus+",
          "semi;colon",
          "comma,separated",
          "  padded  ",
          "\u00a0nbsp",
          "💩💩",
          "مرحبا",
          "e\u0301");

  static final List<String> DATES =
      List.of(
          "2011-05-13T04:42:34Z",
          "2015-10-10T14:38:21.8617979-07:00",
          "1970-01-01T00:00:00Z",
          "2999-12-31T23:59:59.999Z",
          "2020-02-30T00:00:00Z",
          "2024-01-01",
          "yesterday",
          "");

  static final List<String> NUMBERS =
      List.of(
          "0",
          "-0",
          "1",
          "-1",
          "42",
          "3.14",
          "1e3",
          "1E-7",
          "2147483648",
          "9223372036854775808",
          "123456789012345678901234567890",
          "1e400",
          "-1e400",
          "1e999999999",
          "0.0000000000000000000000000000001");

  private Values() {}

  static <T> T pick(Random r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  @SafeVarargs
  static <T> T pick(Random r, T... items) {
    return items[r.nextInt(items.length)];
  }

  static boolean chance(Random r, double p) {
    return r.nextDouble() < p;
  }

  /** A word, an e-mail-like value, or a few words, sometimes with odd characters. */
  static String text(Random r) {
    return switch (r.nextInt(6)) {
      case 0, 1 -> pick(r, WORDS);
      case 2 -> pick(r, WORDS).replaceAll("\\s", "") + "@example.com";
      case 3 -> pick(r, WORDS) + " " + pick(r, WORDS);
      case 4 -> pick(r, Directory.USER_NAMES);
      default -> "v" + r.nextInt(1000);
    };
  }

  /** A long text of {@code length} characters, sometimes not ASCII. */
  static String longText(Random r, int length) {
    String unit = pick(r, "x", "ab", "é", "東", "😀", "\"\\");
    StringBuilder s = new StringBuilder(length + 2);
    while (s.length() < length) {
      s.append(unit);
    }
    return s.toString();
  }

  /** A value that fits the attribute's type, mostly. */
  static Json valueFor(Random r, Attr attr) {
    return switch (attr.type()) {
      case BOOLEAN ->
          chance(r, 0.7)
              ? Json.of(r.nextBoolean())
              : Json.str(pick(r, "True", "False", "TRUE", "false", "yes"));
      case DATETIME -> Json.str(pick(r, DATES));
      case REFERENCE -> Json.str("https://example.com/" + pick(r, "a", "b/c", "%20", "ü"));
      case BINARY -> Json.str(pick(r, "TWFu", "AAAA", "not base64!", ""));
      case COMPLEX -> complexValue(r, attr);
      case STRING ->
          attr.canonical().isEmpty() || chance(r, 0.2)
              ? Json.str(text(r))
              : Json.str(pick(r, attr.canonical()));
    };
  }

  /** An object of some of the sub-attributes, with fitting values. */
  static Json.Obj complexValue(Random r, Attr attr) {
    Json.Obj value = Json.obj();
    for (Attr sub : attr.subAttributes()) {
      if (chance(r, 0.5)) {
        value.members().add(new Json.Member(sub.name(), valueFor(r, sub)));
      }
    }
    if (value.members().isEmpty() && !attr.subAttributes().isEmpty()) {
      Attr sub = attr.subAttributes().get(0);
      value.members().add(new Json.Member(sub.name(), valueFor(r, sub)));
    }
    return value;
  }

  /** A value of some other type than the attribute's. */
  static Json wrongType(Random r, Attr attr) {
    List<Json> candidates =
        List.of(
            Json.num(pick(r, NUMBERS)),
            Json.str(text(r)),
            Json.of(r.nextBoolean()),
            Json.obj("value", text(r)),
            Json.arr(text(r), 7),
            Json.obj(),
            Json.arr());
    while (true) {
      Json candidate = pick(r, candidates);
      boolean fits =
          switch (attr.type()) {
            case BOOLEAN -> candidate.equals(Json.TRUE) || candidate.equals(Json.FALSE);
            case COMPLEX ->
                attr.multiValued() ? candidate instanceof Json.Arr : candidate instanceof Json.Obj;
            default -> candidate instanceof Json.Str;
          };
      if (!fits) {
        return candidate;
      }
    }
  }

  /** A string or JSON fragment that a careful parser refuses or must handle with care. */
  static Json.Raw oddString(Random r) {
    return new Json.Raw(
        pick(
            r,
            "\"\\ud800\"",
            "\"lone \\udc00 low\"",
            "\"\\ud83d\"",
            "\"\\ud83d\\ude00\"",
            "\"\\u0000\"",
            "\"\\x41\"",
            "\"\\u12\"",
            "\"\\'\"",
            "\"unterminated",
            "'single'",
            "\"\t\"",
            "\"\\/\""));
  }
}
