package dev.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering, checked on the sources' imports (docs/architecture.md draws it):
 *
 * <ul>
 *   <li>{@code scim} (the protocol core) is plain Java and depends on nothing else of Roster;
 *   <li>{@code runtime} and {@code storage} are below the features: {@code storage} may read the
 *       features' entities, nothing else of them;
 *   <li>a feature uses another feature only through its {@code boundary};
 *   <li>{@code platform} is wiring: it may use everything, and nothing uses it;
 *   <li>JPQL and SQL are written in {@code storage} only, and one class reaches into Payara.
 * </ul>
 */
class ArchitectureTest {

  static final Path SOURCES = Path.of("src/main/java/dev/roster");

  static final Set<String> FEATURES =
      Set.of(
          "users", "groups", "tenants", "provisioning", "events", "apikeys", "webhooks", "admin");

  /** What the core may not use: persistence, EJB, injection, JAX-RS, Faces, servlets, CDI. */
  static final Pattern CONTAINER_API =
      Pattern.compile(
          "^import (static )?jakarta\\.(persistence|ejb|transaction|inject|ws|faces|servlet"
              + "|enterprise|annotation|security|validation)\\.",
          Pattern.MULTILINE);

  static final Pattern ROSTER_IMPORT =
      Pattern.compile("^import (?:static )?dev\\.roster\\.(\\w+)\\.(\\w+)", Pattern.MULTILINE);

  /** Payara's internals: its HTTP listener (Grizzly), its kernel and its service locator. */
  static final Pattern PAYARA_INTERNALS =
      Pattern.compile(
          "^import (static )?(org\\.glassfish\\.grizzly|org\\.glassfish\\.internal"
              + "|org\\.glassfish\\.hk2|com\\.sun\\.enterprise|fish\\.payara)\\.",
          Pattern.MULTILINE);

  /** A query being built or run, or a statement written out. */
  static final Pattern QUERY_LANGUAGE =
      Pattern.compile(
          "\\b(createQuery|createNativeQuery|createNamedQuery|getCriteriaBuilder|NamedQuery"
              + "|createStatement|prepareStatement)\\b"
              + "|\"\\s*(SELECT|UPDATE|DELETE|INSERT|ALTER|CREATE|CHECKPOINT|SET) ");

  @Test
  void onlyOneClassUsesPayaraInternals() {
    List<Path> users =
        javaFiles(SOURCES).filter(p -> PAYARA_INTERNALS.matcher(read(p)).find()).toList();
    assertEquals(List.of(SOURCES.resolve("platform/PayaraHttpEdge.java")), users);
  }

  @Test
  void protocolCoreUsesNoContainerApi() {
    List<Path> core =
        javaFiles(SOURCES.resolve("scim"))
            .filter(p -> !p.toString().contains("/boundary/"))
            .toList();
    assertTrue(core.size() > 5, "found the core: " + core);
    for (Path file : core) {
      assertTrue(!CONTAINER_API.matcher(read(file)).find(), file + " imports a container API");
    }
  }

  @Test
  void scimDependsOnNothingElseOfRoster() {
    assertEquals(List.of(), violations("scim", (layer, role) -> !layer.equals("scim")));
  }

  @Test
  void runtimeDependsOnNothingElseOfRoster() {
    assertEquals(List.of(), violations("runtime", (layer, role) -> !layer.equals("runtime")));
  }

  @Test
  void storageReadsOnlyTheFeaturesEntities() {
    assertEquals(
        List.of(),
        violations(
            "storage",
            (layer, role) ->
                layer.equals("platform") || (FEATURES.contains(layer) && !role.equals("entity"))));
  }

  @Test
  void nothingDependsOnPlatform() {
    List<String> found = new ArrayList<>();
    for (String layer : List.of("scim", "runtime", "storage", "users", "groups", "tenants")) {
      found.addAll(violations(layer, (imported, role) -> imported.equals("platform")));
    }
    found.addAll(violations("provisioning", (imported, role) -> imported.equals("platform")));
    found.addAll(violations("admin", (imported, role) -> imported.equals("platform")));
    assertEquals(List.of(), found);
  }

  @Test
  void featuresUseEachOtherOnlyThroughBoundaries() {
    List<String> found = new ArrayList<>();
    for (String feature : FEATURES) {
      found.addAll(violations(feature, (layer, role) -> reachesIn(feature, layer, role)));
    }
    assertEquals(List.of(), found);
  }

  @Test
  void theBoundaryRuleCatchesAReachIntoAnotherFeature() {
    String source =
        "package dev.roster.admin.boundary;\nimport dev.roster.users.control.UserStore;\n";
    assertEquals(
        List.of("dev.roster.users.control"),
        imports(source).stream()
            .filter(i -> reachesIn("admin", i[0], i[1]))
            .map(i -> "dev.roster." + i[0] + "." + i[1])
            .toList());
    assertTrue(!reachesIn("admin", "users", "boundary"));
    assertTrue(!reachesIn("users", "users", "control"));
  }

  @Test
  void onlyStorageWritesQueries() {
    List<Path> found =
        javaFiles(SOURCES)
            .filter(p -> !p.startsWith(SOURCES.resolve("storage")))
            .filter(p -> QUERY_LANGUAGE.matcher(withoutComments(read(p))).find())
            .toList();
    assertEquals(List.of(), found);
  }

  @Test
  void theQueryRuleCatchesAQuery() {
    assertTrue(QUERY_LANGUAGE.matcher("em.createQuery(\"SELECT u FROM StoredUser u\")").find());
    assertTrue(QUERY_LANGUAGE.matcher("String q = \"DELETE FROM Membership m\";").find());
    assertTrue(!QUERY_LANGUAGE.matcher("String q = \"Select a tenant\";").find());
  }

  /** A feature's file imports another feature's control or entity package. */
  private static boolean reachesIn(String feature, String layer, String role) {
    return FEATURES.contains(layer)
        && !layer.equals(feature)
        && (role.equals("control") || role.equals("entity"));
  }

  private interface Rule {
    boolean forbids(String layer, String role);
  }

  /** The imports of {@code dev.roster.<layer>} files that the rule forbids, as "file: import". */
  private static List<String> violations(String layer, Rule rule) {
    List<String> found = new ArrayList<>();
    javaFiles(SOURCES.resolve(layer))
        .forEach(
            file -> {
              for (String[] imported : imports(read(file))) {
                if (rule.forbids(imported[0], imported[1])) {
                  found.add(
                      SOURCES.relativize(file) + ": dev.roster." + imported[0] + "." + imported[1]);
                }
              }
            });
    return found;
  }

  /**
   * Each Roster import as {layer, role}: {@code dev.roster.users.control.X} is {users, control}.
   */
  private static List<String[]> imports(String source) {
    List<String[]> found = new ArrayList<>();
    Matcher m = ROSTER_IMPORT.matcher(source);
    while (m.find()) {
      found.add(new String[] {m.group(1), m.group(2)});
    }
    return found;
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
  }

  private static Stream<Path> javaFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
