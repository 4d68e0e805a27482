package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.databases.JpaDatabase;
import dev.roster.groups.control.GroupStore;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.CoreSchemas;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.Schema;
import dev.roster.users.control.UserStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every attribute the schemas declare, derived from {@link CoreSchemas} and {@link ResourceType} so
 * that a new attribute is covered without a test of its own: each attribute, sub-attribute,
 * URN-qualified form and value filter, with each operator and literal type and with {@code pr},
 * runs in the database or is refused with 400 {@code invalidFilter}; as {@code sortBy} it runs or
 * is refused with {@code invalidValue}, as any other bad {@code sortBy} is. Nothing else may escape
 * (issue 12: {@code meta.version pr} reached JPQL untranslated, a 500). The common attributes
 * ({@code id}, {@code externalId}, {@code meta}) must also answer the same on users and groups.
 */
class FilterCoverageIT {

  static final String TENANT = "coverage";

  /** A literal of each JSON type, and a dateTime; {@code {type}} is the resource type's name. */
  static final List<String> LITERALS =
      List.of("\"x\"", "true", "1", "\"2011-05-13T04:42:34Z\"", "null");

  static EntityManagerFactory factory;

  @BeforeAll
  static void fixture() {
    factory = JpaDatabase.open("filtercoverageit");
    String bjensen =
        users(
            store ->
                store
                    .create(
                        json(
                            """
                {"userName":"cov-bjensen","externalId":"ext","displayName":"Babs","nickName":"Babs",
                 "name":{"formatted":"Ms. Barbara J Jensen","familyName":"Jensen","givenName":"Barbara"},
                 "title":"Tour Guide","userType":"Employee","active":true,"locale":"en-US",
                 "profileUrl":"https://example.com/bjensen","preferredLanguage":"en","timezone":"UTC",
                 "emails":[{"value":"b@example.com","type":"work","primary":true,"display":"B"}],
                 "phoneNumbers":[{"value":"555","type":"work"}],"ims":[{"value":"b","type":"xmpp"}],
                 "photos":[{"value":"https://example.com/b.png","type":"photo"}],
                 "addresses":[{"type":"work","locality":"Hollywood","primary":true}],
                 "entitlements":[{"value":"e"}],"roles":[{"value":"r"}],
                 "x509Certificates":[{"value":"TUlJ"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{
                   "employeeNumber":"1","costCenter":"c","organization":"o","division":"d",
                   "department":"Tours","manager":{"value":"m","displayName":"Boss"}}}
                """))
                    .scimId());
    users(store -> store.create(json("{\"userName\":\"cov-plain\"}")));
    groups(
        store ->
            store.create(
                json(
                    """
                    {"displayName":"Cov Sales","externalId":"ext",
                     "members":[{"value":"%s","display":"Babs"}]}"""
                        .formatted(bjensen))));
    groups(store -> store.create(json("{\"displayName\":\"Cov Plain\"}")));
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @TestFactory
  Stream<DynamicTest> everyUserAttributeFiltersAndSortsOrIsRefused() {
    return paths(ResourceType.USER).stream()
        .map(path -> DynamicTest.dynamicTest(path, () -> runsOrIsRefused(ResourceType.USER, path)));
  }

  @TestFactory
  Stream<DynamicTest> everyGroupAttributeFiltersAndSortsOrIsRefused() {
    return paths(ResourceType.GROUP).stream()
        .map(
            path -> DynamicTest.dynamicTest(path, () -> runsOrIsRefused(ResourceType.GROUP, path)));
  }

  /**
   * The common attributes answer the same on both types: refused on both, or matching the same
   * fixtures (the first user and group have an externalId, the second ones none). A literal naming
   * the type ({@code User}, {@code user}) is the other type's name on groups.
   */
  @TestFactory
  Stream<DynamicTest> everyCommonAttributeAnswersTheSameOnUsersAndGroups() {
    List<String> literals = new ArrayList<>(LITERALS);
    literals.addAll(List.of("\"{type}\"", "\"{lower}\"", "\"{other}\"", "\"ext\""));
    return commonPaths().stream()
        .map(
            path ->
                DynamicTest.dynamicTest(
                    path,
                    () -> {
                      for (String filter : filters(path, literals)) {
                        if (filter.matches(".* (gt|ge|lt|le) \"\\{other}\".*")) {
                          continue; // "User" sorts after "Group": no symmetry to expect
                        }
                        assertEquals(
                            comparable(filter, answer(ResourceType.USER, filter)),
                            comparable(filter, answer(ResourceType.GROUP, filter)),
                            filter);
                      }
                      assertEquals(
                          sortAnswer(ResourceType.USER, path),
                          sortAnswer(ResourceType.GROUP, path),
                          "sortBy " + path);
                    }));
  }

  /**
   * Ids are random, so how an id compares with a literal differs between any two resources; for
   * them only whether the filter ran counts.
   */
  static Object comparable(String filter, Object answer) {
    boolean onId = filter.startsWith("id ") || filter.startsWith("{schema}:id ");
    return onId && answer instanceof Set<?> ? "ran" : answer;
  }

  // The paths of a type, derived from its schemas

  /** Every way to name every attribute of the type, with {@code {schema}:} for its URN. */
  static List<String> paths(ResourceType type) {
    List<String> paths = new ArrayList<>();
    for (Attribute common : CoreSchemas.COMMON) {
      addPaths(paths, type.schema().id(), common);
    }
    for (Attribute attribute : type.schema().attributes()) {
      addPaths(paths, type.schema().id(), attribute);
    }
    for (Schema extension : type.extensions()) {
      paths.add(extension.id());
      for (Attribute attribute : extension.attributes()) {
        addPaths(paths, extension.id(), attribute);
      }
    }
    return paths;
  }

  static void addPaths(List<String> paths, String urn, Attribute attribute) {
    for (String name : List.of(attribute.name(), urn + ":" + attribute.name())) {
      paths.add(name);
      for (Attribute sub : attribute.subAttributes()) {
        paths.add(name + "." + sub.name());
      }
    }
  }

  static List<String> commonPaths() {
    List<String> paths = new ArrayList<>();
    for (Attribute common : CoreSchemas.COMMON) {
      // URN-qualified with {schema}, which each type replaces with its own core schema
      addPaths(paths, "{schema}", common);
    }
    return paths;
  }

  /**
   * The filters on a path: {@code pr}, each operator with each literal, and for a complex attribute
   * a value filter on each sub-attribute, alone and with a sub-attribute after it.
   */
  static List<String> filters(String path, List<String> literals) {
    List<String> filters = new ArrayList<>();
    filters.add(path + " pr");
    filters.add("not (" + path + " pr)");
    for (Operator op : Operator.values()) {
      for (String literal : literals) {
        filters.add(path + " " + op.keyword() + " " + literal);
      }
    }
    int dot = path.lastIndexOf('.');
    boolean hasSub = dot > path.lastIndexOf(':');
    if (!hasSub) {
      for (String sub : subNames(path)) {
        filters.add(path + "[" + sub + " pr]");
        for (Operator op : Operator.values()) {
          for (String literal : literals) {
            filters.add(path + "[" + sub + " " + op.keyword() + " " + literal + "]");
          }
        }
        filters.add(path + "[" + sub + " pr].value eq \"x\"");
      }
    }
    return filters;
  }

  /** The sub-attribute names of the attribute a path names, in any type; none if it is simple. */
  static Set<String> subNames(String path) {
    String name = path.substring(path.lastIndexOf(':') + 1);
    Set<String> subs = new TreeSet<>();
    for (ResourceType type : List.of(ResourceType.USER, ResourceType.GROUP)) {
      List<Attribute> attributes = new ArrayList<>(CoreSchemas.COMMON);
      attributes.addAll(type.schema().attributes());
      type.extensions().forEach(e -> attributes.addAll(e.attributes()));
      attributes.stream()
          .filter(a -> a.name().equals(name))
          .flatMap(a -> a.subAttributes().stream())
          .forEach(sub -> subs.add(sub.name()));
    }
    return subs;
  }

  // Running them

  static void runsOrIsRefused(ResourceType type, String path) {
    List<String> escaped = new ArrayList<>();
    for (String filter : filters(path, LITERALS)) {
      Object outcome = answer(type, filter);
      if (!(outcome instanceof Set<?>) && !ScimType.INVALID_FILTER.equals(outcome)) {
        escaped.add(filter + " -> " + outcome);
      }
    }
    Object sorted = sortAnswer(type, path);
    if (!(sorted instanceof Set<?>) && !ScimType.INVALID_VALUE.equals(sorted)) {
      escaped.add("sortBy " + path + " -> " + sorted);
    }
    assertTrue(escaped.isEmpty(), String.join("\n", escaped));
  }

  /**
   * What the database answers: the fixtures that match (1 with an externalId, 2 without), the
   * {@code scimType} of a refusal, or whatever else escaped.
   */
  static Object answer(ResourceType type, String filter) {
    return outcome(type, resolve(type, filter), null);
  }

  static Object sortAnswer(ResourceType type, String path) {
    return outcome(type, null, resolve(type, path));
  }

  static String resolve(ResourceType type, String text) {
    ResourceType other = type == ResourceType.USER ? ResourceType.GROUP : ResourceType.USER;
    return text.replace("{schema}", type.schema().id())
        .replace("{type}", type.name())
        .replace("{lower}", type.name().toLowerCase(java.util.Locale.ROOT))
        .replace("{other}", other.name());
  }

  static Object outcome(ResourceType type, String filter, String sortBy) {
    try {
      // from the second result, so that the count runs as well as the page
      ListQuery query =
          ListQuery.of(type, 200, filter, sortBy, "descending", "2", "10", null, null);
      ListQuery first = ListQuery.of(type, 200, filter, sortBy, null, null, null, null, null);
      if (type == ResourceType.USER) {
        users(store -> store.search(query, null));
        return users(store -> store.search(first, null)).users().stream()
            .map(u -> u.userNameKey().equals("cov-plain") ? 2 : 1)
            .collect(Collectors.toCollection(TreeSet::new));
      }
      groups(store -> store.search(query, null));
      return groups(store -> store.search(first, null)).groups().stream()
          .map(g -> g.displayName().equals("Cov Plain") ? 2 : 1)
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (ScimException e) {
      return e.status() == 400 ? e.scimType().orElse(null) : e;
    } catch (RuntimeException e) {
      return e;
    }
  }

  static <T> T users(Function<UserStore, T> work) {
    return in(em -> work.apply(new UserStore(em, TENANT)));
  }

  static <T> T groups(Function<GroupStore, T> work) {
    return in(em -> work.apply(new GroupStore(em, TENANT)));
  }

  static <T> T in(Function<EntityManager, T> work) {
    return JpaTransactions.in(factory, work);
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
