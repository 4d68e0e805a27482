package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

  private static final Path FOLDER = Path.of("src/main/resources", SchemaMigrations.ROOT);

  @Test
  void theListNamesEveryScriptOfTheFolders() throws IOException {
    try (Stream<Path> files = Files.walk(FOLDER)) {
      List<String> onDisk =
          files
              .filter(Files::isRegularFile)
              .map(file -> FOLDER.relativize(file).toString().replace('\\', '/'))
              .sorted()
              .toList();
      assertEquals(onDisk, SchemaMigrations.SCRIPTS.stream().sorted().toList());
    }
  }

  @Test
  void versionsAscendAcrossFoldersAndJavaWithoutRepeating() {
    Pattern version = Pattern.compile("/V(\\d+)__[a-z0-9_]+\\.sql");
    SortedMap<Integer, String> all = new TreeMap<>();
    int previous = 0;
    for (String script : SchemaMigrations.SCRIPTS) {
      Matcher m = version.matcher(script);
      assertTrue(m.find(), script + " is named V<n>__<description>.sql");
      int v = Integer.parseInt(m.group(1));
      assertTrue(v > previous, script + " is listed after version " + previous);
      previous = v;
      assertNull(all.put(v, script), script + " repeats version " + v);
    }
    for (var migration : SchemaMigrations.IN_JAVA) {
      int v = Integer.parseInt(migration.getVersion().getVersion());
      assertNull(all.put(v, migration.getDescription()), "Java repeats version " + v);
    }
    assertEquals(all.size(), all.lastKey(), "versions 1 to n without a gap: " + all);
  }

  @Test
  void eachDatabaseGetsTheCommonScriptsAndItsOwn() {
    assertEquals(13, SchemaMigrations.scriptsFor("h2").size());
    assertEquals(15, SchemaMigrations.scriptsFor("postgresql").size());
  }
}
