package dev.roster.databases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests, made with Debian's {@code postgresql} package
 * (initdb and pg_ctl from {@code /usr/lib/postgresql/<version>/bin}) under {@code
 * target/postgresql/} (or {@code /tmp} when the {@code postgres} user cannot reach the checkout):
 * started once per test JVM, on a free port of loopback, and stopped when the JVM ends. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the package's {@code postgres} user.
 *
 * <p>The cluster uses an ICU collation (en-US), as a default database of a modern PostgreSQL does,
 * so that the tests see what collation does to sorting and prefix filters. It runs without {@code
 * fsync}: the tests kill Roster, never PostgreSQL, and PostgreSQL's own durability is not theirs to
 * prove.
 */
public final class PostgresCluster {

  public static final String USER = "roster";
  public static final String PASSWORD = "roster-db-password";

  private static PostgresCluster shared;

  private final Path bin;
  private final Path directory;
  private final int port;
  private final boolean asRoot;

  private PostgresCluster(Path bin, Path directory, int port) {
    this.bin = bin;
    this.directory = directory;
    this.port = port;
    this.asRoot = "root".equals(System.getProperty("user.name"));
  }

  /** The cluster of this JVM, started on first use. */
  public static synchronized PostgresCluster shared() {
    if (shared == null) {
      int port = Integer.getInteger("roster.it.pg.port", freePort());
      PostgresCluster cluster = new PostgresCluster(binaries(), home(port), port);
      cluster.create();
      cluster.start();
      cluster.admin("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopQuietly, "postgres-stop"));
      shared = cluster;
    }
    return shared;
  }

  /**
   * {@code target/postgresql}, or, as root in a checkout the {@code postgres} user cannot reach (a
   * home directory of mode 700), a directory of its own under {@code /tmp}.
   */
  private static Path home(int port) {
    Path target = Path.of("target").toAbsolutePath();
    if (!"root".equals(System.getProperty("user.name"))) {
      return target.resolve("postgresql");
    }
    try {
      Process check =
          new ProcessBuilder("runuser", "-u", "postgres", "--", "test", "-x", target.toString())
              .redirectErrorStream(true)
              .start();
      if (check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0) {
        return target.resolve("postgresql");
      }
      return Path.of(System.getProperty("java.io.tmpdir"), "roster-postgresql-" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Drops database {@code name} if it exists, with its connections, and creates it empty. */
  public void recreate(String name) {
    admin(
        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
        "CREATE DATABASE " + name + " OWNER " + USER);
  }

  /** Runs statements as the superuser, in database {@code postgres}. */
  public void admin(String... statements) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
    }
  }

  /** Stops the server (a database outage, seen from Roster); {@link #start()} brings it back. */
  public void stop() {
    run(List.of(pg("pg_ctl"), "-D", data(), "-m", "fast", "-w", "stop"));
  }

  public void start() {
    run(
        List.of(
            pg("pg_ctl"),
            "-D",
            data(),
            "-l",
            directory.resolve("server.log").toString(),
            "-w",
            "-t",
            "120",
            "-o",
            "-p "
                + port
                + " -k "
                + directory
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
                + " -c max_connections=300 -c shared_buffers=64MB",
            "start"));
  }

  private void create() {
    try {
      if (Files.exists(directory.resolve("data/postmaster.pid"))) {
        runQuietly(List.of(pg("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop"));
      }
      delete(directory);
      Files.createDirectories(directory);
      if (asRoot) {
        run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
      }
      List<String> initdb =
          List.of(pg("initdb"), "-D", data(), "-U", "postgres", "-A", "trust", "-E", "UTF8");
      List<String> icu = new ArrayList<>(initdb);
      icu.addAll(List.of("--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US"));
      if (!runQuietly(icu)) {
        delete(directory.resolve("data"));
        List<String> libc = new ArrayList<>(initdb);
        libc.add("--locale=C.UTF-8");
        run(libc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stopQuietly() {
    runQuietly(List.of(pg("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop"));
  }

  private String data() {
    return directory.resolve("data").toString();
  }

  private String pg(String program) {
    return bin.resolve(program).toString();
  }

  private void run(List<String> command) {
    if (!runQuietly(command)) {
      throw new IllegalStateException(
          "failed: " + String.join(" ", command) + "; see " + directory.resolve("server.log"));
    }
  }

  private boolean runQuietly(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asRoot && command.get(0).startsWith(bin.toString())) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Path output = Files.createTempFile("roster-postgres-", ".out");
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
      boolean ok = process.exitValue() == 0;
      if (!ok) {
        System.err.println(String.join(" ", full) + ":\n" + Files.readString(output));
      }
      Files.deleteIfExists(output);
      return ok;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Debian's PostgreSQL binaries, newest version first, or a clear message. */
  private static Path binaries() {
    String configured = System.getProperty("roster.it.pg.bin");
    if (configured != null) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "The PostgreSQL tests need Debian's postgresql package (apt-get install postgresql),"
              + " or -Droster.it.pg.bin=<directory of initdb and pg_ctl>");
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
