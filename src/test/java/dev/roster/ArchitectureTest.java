package dev.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md, checked on the sources' imports: the protocol core is plain Java, no
 * part of {@code scim} depends on a feature, and one class alone reaches into Payara.
 */
class ArchitectureTest {

  static final Path SOURCES = Path.of("src/main/java/dev/roster");

  /** What the core may not use: persistence, injection, JAX-RS, Faces, servlets, CDI. */
  static final Pattern CONTAINER_API =
      Pattern.compile(
          "^import (static )?jakarta\\.(persistence|inject|ws|faces|servlet|enterprise|annotation)\\.",
          Pattern.MULTILINE);

  static final Pattern FEATURE =
      Pattern.compile(
          "^import (static )?dev\\.roster\\.(tenants|provisioning|platform|users|groups|admin)\\.",
          Pattern.MULTILINE);

  /** Payara's internals: its HTTP listener (Grizzly), its kernel and its service locator. */
  static final Pattern PAYARA_INTERNALS =
      Pattern.compile(
          "^import (static )?(org\\.glassfish\\.grizzly|org\\.glassfish\\.internal"
              + "|org\\.glassfish\\.hk2|com\\.sun\\.enterprise|fish\\.payara)\\.",
          Pattern.MULTILINE);

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
  void scimDependsOnNoFeature() {
    List<Path> violations =
        javaFiles(SOURCES.resolve("scim")).filter(p -> FEATURE.matcher(read(p)).find()).toList();
    assertEquals(List.of(), violations);
  }

  private static Stream<Path> javaFiles(Path root) {
    try {
      return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
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
