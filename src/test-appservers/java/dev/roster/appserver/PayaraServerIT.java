package dev.roster.appserver;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Payara Server 6 (full), as its administrator sets Roster up: a domain of its own, started with
 * {@code asadmin start-domain}; the JDBC pool and {@code jdbc/roster} from {@code
 * appservers/payara-server/roster.asadmin}; a restart; {@code asadmin deploy --contextroot /}.
 */
class PayaraServerIT extends AppServerSmoke {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

  /** The ports a domain takes above its port base (asadmin create-domain --portbase). */
  private static final List<Integer> PORT_OFFSETS =
      List.of(9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86);

  private Path asadmin;
  private Path domains;
  private int adminPort;
  private Map<String, String> environment;

  @Override
  URL start(Path work, Map<String, String> environment) {
    this.environment = environment;
    asadmin = appservers().resolve("payara-server/payara6/bin/asadmin");
    domains = work.resolve("domains");
    int base = freePortBase();
    adminPort = base + 48;
    run(
        environment,
        COMMAND_TIMEOUT,
        asadmin.toString(),
        "--user",
        "admin",
        "create-domain",
        "--nopassword",
        "--domaindir",
        domains.toString(),
        "--portbase",
        Integer.toString(base),
        "roster");
    domain("start-domain");
    admin(
        "multimode", "--file", configuration().resolve("payara-server/roster.asadmin").toString());
    // multimode reports success even when a command in the file failed.
    admin("ping-connection-pool", "RosterPool");
    domain("restart-domain");
    admin("deploy", "--contextroot", "/", "--name", "roster", war().toString());
    return url(base + 80);
  }

  @Override
  void stop() {
    domain("stop-domain");
  }

  @Override
  Path log() {
    return domains.resolve("roster/logs/server.log");
  }

  /** A command on the domain as a whole: start, restart, stop. */
  private void domain(String command) {
    run(
        environment,
        COMMAND_TIMEOUT,
        asadmin.toString(),
        command,
        "--domaindir",
        domains.toString(),
        "roster");
  }

  /** A command to the running domain, through its admin port. */
  private void admin(String... command) {
    String[] line = new String[command.length + 3];
    line[0] = asadmin.toString();
    line[1] = "--port";
    line[2] = Integer.toString(adminPort);
    System.arraycopy(command, 0, line, 3, command.length);
    run(environment, COMMAND_TIMEOUT, line);
  }

  /** A port base whose every port is free now. */
  private static int freePortBase() {
    Random random = new Random();
    for (int tries = 0; tries < 100; tries++) {
      int base = 20_000 + 100 * random.nextInt(400);
      if (PORT_OFFSETS.stream().allMatch(offset -> isFree(base + offset))) {
        return base;
      }
    }
    throw new IllegalStateException("no free port base between 20000 and 60000");
  }
}
