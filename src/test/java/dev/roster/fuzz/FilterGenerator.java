package dev.roster.fuzz;

import static dev.roster.fuzz.Values.chance;
import static dev.roster.fuzz.Values.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * SCIM filters from the grammar of RFC 7644 §3.4.2.2 (Figure 1): attribute paths from the schemas,
 * with sub-attributes, URN-qualified names and {@code meta.*}; every operator; value paths; {@code
 * not}, {@code and}, {@code or} and parentheses; quoted values with escapes and unquoted ones; odd
 * whitespace. Most filters are valid; a share is then mutated into near-valid ones, and a few are
 * extreme (thousands of terms, deep nesting, long literals), because mutations of valid shapes
 * reach further into a server than noise does.
 */
final class FilterGenerator {

  /** A filter and what it does on purpose. */
  record Generated(String text, Set<String> labels) {}

  /** The labels of extreme filters. */
  static final Set<String> EXTREME =
      Set.of(
          "filter.huge-terms",
          "filter.deep-parens",
          "filter.deep-not",
          "filter.long-literal",
          "filter.long-name",
          "filter.many-value-paths");

  static final List<String> OPERATORS =
      List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

  /** Multi-valued complex attributes of users, which take value filters. */
  private static final List<String> USER_MULTI =
      List.of(
          "emails",
          "phoneNumbers",
          "ims",
          "photos",
          "addresses",
          "groups",
          "entitlements",
          "roles",
          "x509Certificates");

  private final Random r;
  private final boolean groups;
  private final Directory.Tenant tenant;
  private final Set<String> labels = new TreeSet<>();

  /**
   * Whether choices the grammar allows but a server may refuse are made (a sub-attribute Roster
   * does not filter on, ordering on booleans, unknown names); when false, every term is valid, so
   * that long valid filters are really valid.
   */
  private boolean odd;

  private FilterGenerator(Random r, boolean groups, Directory.Tenant tenant) {
    this.r = r;
    this.groups = groups;
    this.tenant = tenant;
  }

  /**
   * A filter for {@code /Users} or {@code /Groups}.
   *
   * @param tenant whose ids the filter may name
   * @param extreme whether it may be huge (only for request bodies: a URL has a length limit)
   */
  static Generated generate(Random r, boolean groups, Directory.Tenant tenant, boolean extreme) {
    FilterGenerator g = new FilterGenerator(r, groups, tenant);
    String text;
    double roll = r.nextDouble();
    if (extreme && roll < 0.4) {
      text = g.extreme();
    } else if (roll < 0.05) {
      text = g.alwaysPresent();
    } else if (roll < 0.7) {
      text = g.expression(r.nextInt(4));
    } else {
      g.odd = true;
      text = g.expression(r.nextInt(3));
      if (chance(r, 0.6)) {
        text = g.mutate(text);
      }
    }
    return new Generated(text, g.labels);
  }

  // Valid shapes

  /** {@code A pr} for an attribute every resource has; see {@link Checks#alwaysPresent}. */
  private String alwaysPresent() {
    labels.add("filter.always-present");
    String name =
        pick(
            r,
            "id",
            "meta",
            "meta.created",
            "meta.lastModified",
            "meta.resourceType",
            "meta.location",
            "meta.version",
            groups ? "displayName" : "userName");
    String urn = chance(r, 0.2) ? (groups ? Schemas.GROUP_URN : Schemas.USER_URN) + ":" : "";
    return urn + caseOf(name) + space() + keyword("pr");
  }

  private String expression(int depth) {
    if (depth <= 0 || chance(r, 0.35)) {
      return attributeExpression(false);
    }
    return switch (r.nextInt(5)) {
      case 0, 1 -> logical(depth, "and");
      case 2 -> logical(depth, "or");
      case 3 -> {
        labels.add("filter.not");
        yield keyword("not") + pick(r, "", " ", "  ") + "(" + expression(depth - 1) + ")";
      }
      default -> "(" + space() + expression(depth - 1) + space() + ")";
    };
  }

  private String logical(int depth, String op) {
    int terms = 2 + (chance(r, 0.2) ? r.nextInt(6) : 0);
    StringBuilder s = new StringBuilder(expression(depth - 1));
    for (int i = 1; i < terms; i++) {
      String term = expression(depth - 1);
      s.append(space()).append(keyword(op)).append(space()).append(term);
    }
    labels.add("filter." + op);
    return s.toString();
  }

  /** {@code attrPath op value}, {@code attrPath pr} or a value path. */
  private String attributeExpression(boolean inBrackets) {
    if (!inBrackets && chance(r, 0.18)) {
      return valuePath();
    }
    Path path = inBrackets ? relativePath() : path();
    if (chance(r, 0.12) || path.attr.isComplex() && !odd) {
      return path.text + space() + keyword("pr");
    }
    return path.text + space() + keyword(operator(path.attr)) + space() + value(path);
  }

  /** An operator for the attribute's type: only eq and ne order nothing, so they fit booleans. */
  private String operator(Attr attr) {
    if (attr.type() == Attr.Type.BOOLEAN && !odd) {
      return pick(r, "eq", "ne");
    }
    if (attr.type() == Attr.Type.DATETIME && !odd) {
      return pick(r, "eq", "ne", "gt", "ge", "lt", "le");
    }
    return pick(r, OPERATORS);
  }

  /** {@code emails[type eq "work" and value co "@"]}, maybe followed by Entra's {@code .value}. */
  private String valuePath() {
    labels.add("filter.value-path");
    String name = groups ? "members" : pick(r, multiValued());
    Attr attr = attribute(name);
    StringBuilder inner = new StringBuilder(bracketExpression(attr, r.nextInt(3)));
    String head = caseOf(name) + "[" + (chance(r, 0.2) ? " " : "") + inner + "]";
    if (chance(r, 0.3)) {
      labels.add("filter.value-path-sub");
      Attr sub = pick(r, subAttributes(attr));
      return head
          + "."
          + sub.name()
          + space()
          + keyword(operator(sub))
          + space()
          + value(new Path(sub.name(), sub, name));
    }
    return head;
  }

  /**
   * Multi-valued attributes to filter on: x509Certificates holds binary values, which Roster (as
   * the README says) does not filter on; an odd filter may still try.
   */
  private List<String> multiValued() {
    return odd
        ? USER_MULTI
        : USER_MULTI.stream().filter(n -> !n.equals("x509Certificates")).toList();
  }

  /** Sub-attributes to filter on: {@code $ref} is a URI Roster derives and does not filter on. */
  private List<Attr> subAttributes(Attr parent) {
    if (odd) {
      return parent.subAttributes();
    }
    return parent.subAttributes().stream()
        .filter(a -> !a.name().equals("$ref") && a.type() != Attr.Type.BINARY)
        .toList();
  }

  private String bracketExpression(Attr parent, int depth) {
    if (depth <= 0 || chance(r, 0.5)) {
      Attr sub = pick(r, subAttributes(parent));
      Path path = new Path(caseOf(sub.name()), sub, parent.name());
      if (chance(r, 0.1)) {
        return path.text + space() + keyword("pr");
      }
      return path.text + space() + keyword(operator(sub)) + space() + value(path);
    }
    return switch (r.nextInt(3)) {
      case 0 ->
          bracketExpression(parent, depth - 1)
              + space()
              + keyword(pick(r, "and", "or"))
              + space()
              + bracketExpression(parent, depth - 1);
      case 1 -> keyword("not") + "(" + bracketExpression(parent, depth - 1) + ")";
      default -> "(" + bracketExpression(parent, depth - 1) + ")";
    };
  }

  /** A path inside brackets: a sub-attribute of some multi-valued attribute. */
  private Path relativePath() {
    Attr parent = attribute(groups ? "members" : pick(r, multiValued()));
    Attr sub = pick(r, subAttributes(parent));
    return new Path(sub.name(), sub, parent.name());
  }

  record Path(String text, Attr attr, String parent) {}

  /** An attribute path of the resource type, sometimes unknown, URN-qualified or in odd case. */
  private Path path() {
    double roll = r.nextDouble();
    if (odd && roll < 0.15) {
      labels.add("filter.unknown-attr");
      String unknown =
          pick(
              r,
              "foo",
              "name.foo",
              "emails.foo",
              "urn:example:unknown:2.0:User:foo",
              "userName.value",
              "meta.foo",
              groups ? "userName" : "members.value",
              "a-b_c9",
              "9abc",
              "name..givenName",
              "urn:ietf:params:scim:schemas:core:2.0:User:",
              ":userName");
      return new Path(unknown, Attr.string(unknown), null);
    }
    if (roll < 0.30) {
      labels.add("filter.common");
      Attr common = pick(r, Schemas.COMMON);
      if (common.isComplex()) {
        labels.add("filter.meta");
        if (chance(r, 0.2)) {
          return new Path(caseOf("meta"), common, null);
        }
        // Roster filters on the meta times and resourceType; location and version are odd.
        List<Attr> subs =
            odd
                ? common.subAttributes()
                : common.subAttributes().stream()
                    .filter(a -> !a.name().equals("location") && !a.name().equals("version"))
                    .toList();
        Attr sub = pick(r, subs);
        return new Path(caseOf("meta") + "." + caseOf(sub.name()), sub, "meta");
      }
      return new Path(caseOf(common.name()), common, null);
    }
    if (!groups && roll < 0.42) {
      labels.add("filter.enterprise");
      Attr attr = pick(r, Schemas.ENTERPRISE);
      String urn = !odd || chance(r, 0.5) ? Schemas.ENTERPRISE_URN + ":" : "";
      if (urn.isEmpty()) {
        labels.add("filter.enterprise-unqualified");
      }
      if (attr.isComplex() && chance(r, 0.8)) {
        Attr sub = pick(r, subAttributes(attr));
        return new Path(urn + attr.name() + "." + sub.name(), sub, attr.name());
      }
      return new Path(urn + caseOf(attr.name()), attr, null);
    }
    List<Attr> schema = groups ? Schemas.GROUP : Schemas.USER;
    Attr attr = pick(r, schema);
    while (!odd && (attr.name().equals("password") || attr.name().equals("x509Certificates"))) {
      attr = pick(r, schema);
    }
    if (attr.name().equals("password") || attr.name().equals("x509Certificates")) {
      labels.add("filter.refused-attr");
    }
    String prefix = "";
    if (chance(r, 0.1)) {
      labels.add("filter.urn-core");
      prefix = (groups ? Schemas.GROUP_URN : Schemas.USER_URN) + ":";
    }
    if (attr.isComplex() && chance(r, 0.75)) {
      Attr sub = pick(r, subAttributes(attr));
      return new Path(prefix + caseOf(attr.name()) + "." + caseOf(sub.name()), sub, attr.name());
    }
    return new Path(prefix + caseOf(attr.name()), attr, null);
  }

  private Attr attribute(String name) {
    List<Attr> schema = groups ? Schemas.GROUP : Schemas.USER;
    return schema.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  /** A comparison value that fits the path mostly, in one of the forms the grammar allows. */
  private String value(Path path) {
    double roll = r.nextDouble();
    if (odd && roll < 0.25) {
      labels.add("filter.value-odd-type");
      return pick(r, "true", "false", "null", pick(r, Values.NUMBERS), "True", "NULL");
    }
    if (roll < 0.12 && path.attr.type() == Attr.Type.STRING) {
      labels.add("filter.unquoted");
      return pick(r, "bjensen", "Employee", "O", "a@b.c", "x.y", "Babs");
    }
    if (roll < 0.12 && path.attr.type() == Attr.Type.DATETIME) {
      labels.add("filter.unquoted");
      return pick(r, "2015-10-10T14:38:21.8617979-07:00", "2011-05-13T04:42:34Z");
    }
    String name = path.attr.name();
    String text;
    if ((name.equals("value") && ("members".equals(path.parent) || "groups".equals(path.parent))
            || name.equals("id")
            || "manager".equals(path.parent) && name.equals("value"))
        && chance(r, 0.7)) {
      List<String> ids = new ArrayList<>(tenant.users());
      ids.addAll(tenant.groups());
      text = pick(r, ids);
    } else if (name.equals("userName") && chance(r, 0.6)) {
      text = pick(r, Directory.USER_NAMES);
      if (chance(r, 0.3)) {
        text = text.toUpperCase(Locale.ROOT);
      }
    } else if (name.equals("displayName") && groups && chance(r, 0.6)) {
      text = pick(r, Directory.GROUP_NAMES);
    } else {
      switch (path.attr.type()) {
        case BOOLEAN -> {
          return chance(r, 0.8) ? pick(r, "true", "false", "TRUE", "False") : "\"True\"";
        }
        case DATETIME -> text = odd ? pick(r, Values.DATES) : pick(r, Values.DATES.subList(0, 4));
        default ->
            text =
                path.attr.canonical().isEmpty() || chance(r, 0.3)
                    ? Values.text(r)
                    : pick(r, path.attr.canonical());
      }
    }
    String quoted = Json.quote(text);
    if (chance(r, 0.1)) {
      labels.add("filter.escapes");
      quoted = quoted.replace("a", "\\u0061").replace("/", "\\/");
    }
    return quoted;
  }

  private String keyword(String word) {
    if (chance(r, 0.2)) {
      labels.add("filter.keyword-case");
      return pick(
          r,
          word.toUpperCase(Locale.ROOT),
          Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return word;
  }

  private String caseOf(String name) {
    if (chance(r, 0.08)) {
      labels.add("filter.name-case");
      return chance(r, 0.5)
          ? name.toUpperCase(Locale.ROOT)
          : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
    return name;
  }

  private String space() {
    if (chance(r, 0.9)) {
      return " ";
    }
    labels.add("filter.whitespace");
    return pick(r, "  ", "\t", " \t ", "\n", "\r\n", "   ");
  }

  // Near-valid: a valid filter with a mistake

  private String mutate(String text) {
    int at = text.isEmpty() ? 0 : r.nextInt(text.length());
    int quote = text.indexOf('"', at);
    int inString = quote < 0 ? -1 : quote + 1;
    switch (r.nextInt(16)) {
      case 0:
        labels.add("filter.mut.delete-char");
        return text.isEmpty() ? text : text.substring(0, at) + text.substring(at + 1);
      case 1:
        labels.add("filter.mut.insert-char");
        return text.substring(0, at)
            + pick(r, "(", ")", "[", "]", "\"", "\\", ".", ":", " ")
            + text.substring(at);
      case 2:
        labels.add("filter.mut.truncate");
        return text.substring(0, at);
      case 3:
        labels.add("filter.mut.invalid-escape");
        return inString < 0
            ? text + " and userName eq \"\\q\""
            : text.substring(0, inString)
                + pick(r, "\\q", "\\u12", "\\x41", "\\", "\\U0041")
                + text.substring(inString);
      case 4:
        labels.add("filter.mut.lone-surrogate");
        return inString < 0
            ? "userName eq \"\\ud800\""
            : text.substring(0, inString)
                + pick(r, "\\ud800", "\\udc00", "\\ud83d", "\\ud83d\\u0041")
                + text.substring(inString);
      case 5:
        labels.add("filter.mut.raw-surrogate");
        return text.substring(0, at) + pick(r, "\ud800", "\udfff") + text.substring(at);
      case 6:
        labels.add("filter.mut.unbalanced");
        return pick(r, "(" + text, text + ")", text + "]", "not (" + text, "[" + text);
      case 7:
        labels.add("filter.mut.unknown-op");
        return text.replaceFirst(
            " (eq|ne|co|sw|ew|gt|ge|lt|le|pr)( |$)",
            " " + pick(r, "eqq", "=", "==", "!=", "like", "in", "EQ ", "e q") + "$2");
      case 8:
        labels.add("filter.mut.smart-quotes");
        return text.replace('"', pick(r, '\u201c', '\'', '`'));
      case 9:
        labels.add("filter.mut.nul");
        return text.substring(0, at) + pick(r, "\u0000", "\u0001", "\u007f") + text.substring(at);
      case 10:
        labels.add("filter.mut.empty");
        return pick(r, "", " ", "()", "not", "and", "[]", "\"\"");
      case 11:
        labels.add("filter.mut.dangling-keyword");
        return pick(r, text + " and", "or " + text, text + " not", text + " and and " + text);
      case 12:
        labels.add("filter.mut.pr-with-value");
        return text.replaceFirst(" pr\\b", " pr \"x\"").replaceFirst(" (eq|co) ", " pr ");
      case 13:
        labels.add("filter.mut.nested-brackets");
        return "emails[type eq \"work\" and value[value eq \"x\"]]"
            + (chance(r, 0.5) ? "" : " or " + text);
      case 14:
        labels.add("filter.mut.not-without-parens");
        return "not " + text;
      default:
        labels.add("filter.mut.swap-halves");
        return text.substring(at) + " " + text.substring(0, at);
    }
  }

  // Extreme: sizes a client might send by mistake, or an attacker on purpose

  private String extreme() {
    switch (r.nextInt(7)) {
      case 0, 1:
        {
          int terms = pick(r, 100, 1_000, 5_000, 20_000);
          labels.add("filter.huge-terms");
          String op = pick(r, "or", "and");
          StringBuilder s = new StringBuilder();
          for (int i = 0; i < terms; i++) {
            if (i > 0) {
              s.append(' ').append(op).append(' ');
            }
            s.append(groups ? "displayName" : "userName").append(" eq \"u").append(i).append('"');
          }
          return s.toString();
        }
      case 2:
        {
          int depth = pick(r, 49, 51, 1_000, 50_000);
          labels.add("filter.deep-parens");
          return "(".repeat(depth) + "id pr" + ")".repeat(depth);
        }
      case 3:
        {
          int depth = pick(r, 49, 51, 5_000);
          labels.add("filter.deep-not");
          return "not(".repeat(depth) + "id pr" + ")".repeat(depth);
        }
      case 4:
        {
          int length = pick(r, 3_000, 100_000, 600_000);
          labels.add("filter.long-literal");
          return (groups ? "displayName" : "userName")
              + " "
              + pick(r, "eq", "co", "sw")
              + " "
              + Json.quote(Values.longText(r, length));
        }
      case 5:
        {
          labels.add("filter.long-name");
          return "a".repeat(pick(r, 1_000, 100_000)) + " pr";
        }
      default:
        {
          int terms = pick(r, 50, 500, 3_000);
          labels.add("filter.many-value-paths");
          StringBuilder s = new StringBuilder();
          for (int i = 0; i < terms; i++) {
            if (i > 0) {
              s.append(" or ");
            }
            s.append(groups ? "members[value eq \"m" : "emails[type eq \"work\" and value eq \"e")
                .append(i)
                .append("\"]");
          }
          return s.toString();
        }
    }
  }
}
