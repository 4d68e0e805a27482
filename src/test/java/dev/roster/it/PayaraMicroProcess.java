package dev.roster.it;

import dev.roster.databases.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Payara Micro with the packaged WAR, started as the README's plain {@code java -jar} command
 * starts it, for the tests that need to stop and start a server or watch it refuse to start.
 */
final class PayaraMicroProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  /**
   * What H2 says when its file is damaged: it cannot read a record (error 90030), or its store
   * finds its own bookkeeping inconsistent (README, "What the embedded H2 file cannot promise").
   */
  private static final List<String> CORRUPTED =
      List.of("File corrupted while reading record", "Double mark", "Inconsistent occupancy");

  /** The server could not open its H2 file: H2 found it corrupted. */
  static final class DatabaseCorrupted extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    DatabaseCorrupted(String output) {
      super(
          "H2 cannot open its file: "
              + output
                  .substring(
                      Math.max(
                          0,
                          CORRUPTED.stream()
                                  .mapToInt(output::indexOf)
                                  .filter(i -> i >= 0)
                                  .min()
                                  .orElse(0)
                              - 200))
                  .lines()
                  .limit(3)
                  .toList());
    }
  }

  /** Payara's summary of a start whose deployment failed: it keeps running, serving nothing. */
  private static final Pattern NOTHING_DEPLOYED = Pattern.compile("\"Deployed\": \\[\\s*\\]");

  private final Process process;
  private final Path output;
  private final int port;

  private PayaraMicroProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** Starts the server with these environment variables; does not wait for it. */
  static PayaraMicroProcess launch(Map<String, String> environment) {
    try {
      int port = freePort();
      Path output = Files.createTempFile("roster-payara-", ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  javaExecutable(),
                  "-Xmx512m",
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  System.getProperty("payara.microJar", "target/payara-micro.jar"),
                  "--deploy",
                  System.getProperty("roster.war", "target/roster.war"),
                  "--contextroot",
                  "/",
                  "--port",
                  Integer.toString(port),
                  "--prebootcommandfile",
                  System.getProperty("roster.preboot", "payara-config/pre-boot-commands.asadmin"),
                  "--postbootcommandfile",
                  System.getProperty("roster.postboot", "payara-config/post-boot-commands.asadmin"),
                  "--nohazelcast",
                  "--disablephonehome"));
      if (environment.getOrDefault("ROSTER_DB_URL", "").startsWith("jdbc:postgresql:")) {
        // the driver, as the README's PostgreSQL command passes it
        command.addAll(List.of("--addlibs", TestDatabase.POSTGRESQL.driverJar()));
      }
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("ROSTER_"));
      builder.environment().putAll(environment);
      return new PayaraMicroProcess(builder.start(), output, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server and waits until the SCIM API answers. */
  static PayaraMicroProcess start(Map<String, String> environment) {
    PayaraMicroProcess server = launch(environment);
    try {
      server.awaitScim();
    } catch (RuntimeException e) {
      server.close(); // the caller never gets it to close
      throw e;
    }
    return server;
  }

  URL url() {
    try {
      return URI.create("http://localhost:" + port + "/").toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server's output shows H2 finding its file damaged. */
  boolean reportedCorruption() {
    String output = output();
    return CORRUPTED.stream().anyMatch(output::contains);
  }

  /** Waits until /scim/v2 answers with a SCIM status (a failed deployment answers 404 to all). */
  void awaitScim() {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Payara Micro exited " + process.exitValue() + ":\n" + output());
      }
      if (reportedCorruption()) {
        throw new DatabaseCorrupted(output());
      }
      if (NOTHING_DEPLOYED.matcher(output()).find()) {
        throw new IllegalStateException("Payara Micro started without Roster:\n" + output());
      }
      if (output().contains("GrizzlyProxy is NULL")) {
        throw new IllegalStateException(
            "Payara left its HTTP listener broken: two rebuilds of it raced at boot (see"
                + " payara-config/post-boot-commands.asadmin):\n"
                + output());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "scim/v2/ServiceProviderConfig")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 401 || response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new IllegalStateException(
        "Payara Micro did not start in " + START_TIMEOUT + ":\n" + output());
  }

  /** Waits for the process to end by itself; its exit code, or -1 if it is still running. */
  int awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A normal shutdown: SIGTERM, as an operator or a service manager sends it. */
  void stop() {
    process.destroy();
    if (awaitExit(Duration.ofMinutes(1)) < 0) {
      process.destroyForcibly();
      throw new IllegalStateException("Payara Micro did not stop within a minute:\n" + output());
    }
  }

  /** kill -9: SIGKILL, which gives the JVM no chance to write anything more. */
  void kill() {
    process.destroyForcibly(); // SIGKILL on Linux
    if (awaitExit(Duration.ofMinutes(1)) < 0) {
      throw new IllegalStateException("Payara Micro did not die within a minute");
    }
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String javaExecutable() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
