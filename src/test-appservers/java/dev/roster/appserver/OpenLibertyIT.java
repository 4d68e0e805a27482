package dev.roster.appserver;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Open Liberty, as its administrator sets Roster up: a server of its own ({@code server create}),
 * whose {@code server.xml} is {@code appservers/liberty/server.xml} (the features, {@code
 * jdbc/roster}, the WAR at context root {@code /}), with the H2 driver in its {@code jdbc/} folder
 * and the WAR in {@code apps/}; {@code server start}. The ports come from the environment, as
 * server.xml allows.
 */
class OpenLibertyIT extends AppServerSmoke {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

  private Path server;
  private Map<String, String> environment;

  @Override
  URL start(Path work, Map<String, String> settings) throws Exception {
    int http = freePort();
    environment = new HashMap<>(settings);
    // Liberty's user directory (usr/) of this run, rather than the one inside the installation.
    environment.put("WLP_USER_DIR", work.resolve("usr").toString());
    environment.put("HTTP_PORT", Integer.toString(http));
    environment.put("HTTPS_PORT", Integer.toString(freePort()));
    server = work.resolve("usr/servers/roster");
    liberty("create");
    Files.copy(
        configuration().resolve("liberty/server.xml"),
        server.resolve("server.xml"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(server.resolve("jdbc"));
    try (var drivers = Files.newDirectoryStream(appservers().resolve("jdbc"), "h2-*.jar")) {
      for (Path driver : drivers) {
        Files.copy(driver, server.resolve("jdbc").resolve(driver.getFileName()));
      }
    }
    Files.createDirectories(server.resolve("apps"));
    Files.copy(war(), server.resolve("apps/roster.war"));
    Files.writeString(server.resolve("jvm.options"), "-Xmx512m\n");
    liberty("start");
    return url(http);
  }

  @Override
  void stop() {
    liberty("stop");
  }

  @Override
  Path log() {
    return server.resolve("logs/messages.log");
  }

  /** CWWKZ0002E: "An exception occurred while starting the application". */
  @Override
  boolean deploymentFailed() {
    try {
      return Files.exists(log()) && Files.readString(log()).contains("CWWKZ0002E");
    } catch (IOException e) {
      return false;
    }
  }

  private void liberty(String command) {
    run(
        environment,
        COMMAND_TIMEOUT,
        appservers().resolve("liberty/wlp/bin/server").toString(),
        command,
        "roster");
  }
}
