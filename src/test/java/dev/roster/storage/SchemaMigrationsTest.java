package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    int previous = 0;
    for (String script : SchemaMigrations.SCRIPTS) {
      Matcher m = version.matcher(script);
      assertTrue(m.find(), script + " is named V<n>__<description>.sql");
      int v = Integer.parseInt(m.group(1));
      assertEquals(previous + 1, v, script + " follows version " + previous);
      previous = v;
    }
    for (var migration : SchemaMigrations.IN_JAVA) {
      int v = Integer.parseInt(migration.getVersion().getVersion());
      assertEquals(previous + 1, v, migration.getDescription() + " follows version " + previous);
      previous = v;
    }
  }

  @Test
  void eachDatabaseGetsTheCommonScriptsAndItsOwn() {
    assertEquals(12, SchemaMigrations.scriptsFor("h2").size());
    assertEquals(14, SchemaMigrations.scriptsFor("postgresql").size());
  }
}
