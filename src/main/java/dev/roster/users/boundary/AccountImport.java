package dev.roster.users.boundary;

import dev.roster.scim.ScimException;
import dev.roster.users.control.ProductAccount;
import dev.roster.users.control.ProductAccountReader;
import dev.roster.users.control.ProductAccountReader.Item;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports a tenant's product accounts (docs/account-import.md) from JSON or CSV of any size up to
 * {@code roster.import.max-bytes} (64 MiB: some 300,000 accounts).
 *
 * <p>How: the body goes to a temporary file first, and is read twice. The first reading checks all
 * of it (syntax, each account's own problems, account ids given twice) and changes nothing, so a
 * broken file imports nothing. The second imports the good accounts in parts of {@value #PART} in a
 * transaction each ({@link ImportedAccounts#importPart}); a part that fails is done again one
 * account at a time, so that one bad account costs only itself. An import that stops half-way (the
 * server stops) is finished by running it again: accounts are found by their id.
 *
 * <p>One import runs at a time on each instance; another gets 503 with {@code Retry-After}. The
 * body is not read ahead by the HTTP edge (it may be far larger than a SCIM request), so it is
 * bounded here: {@code roster.import.max-bytes} and {@code roster.import.upload-seconds} (600),
 * each read by the listener's read timeout.
 */
@ApplicationScoped
public class AccountImport {

  private static final Logger LOG = Logger.getLogger(AccountImport.class.getName());

  static final int PART = 500;

  /** The problems a report lists; the rest are counted. */
  static final int PROBLEMS_SHOWN = 100;

  /** The format of an import's body. */
  public enum Format {
    JSON,
    CSV
  }

  /**
   * What an import did.
   *
   * @param received accounts read, with problems or without
   * @param problems the first {@value #PROBLEMS_SHOWN} accounts that were not imported, and why
   * @param problemsNotShown how many more there were
   */
  public record Report(
      Format format,
      long received,
      Map<ImportOutcome, Long> outcomes,
      long failed,
      List<Problem> problems,
      long problemsNotShown) {

    public long count(ImportOutcome outcome) {
      return outcomes.getOrDefault(outcome, 0L);
    }
  }

  /**
   * An account that was not imported.
   *
   * @param position its line (CSV) or index (JSON)
   */
  public record Problem(long position, String accountId, String problem) {}

  @Inject ImportedAccounts accounts;

  @Inject AccountLinks links;

  @Inject
  @ConfigProperty(name = "roster.import.max-bytes", defaultValue = "67108864")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "roster.import.upload-seconds", defaultValue = "600")
  long uploadSeconds;

  private final Semaphore running = new Semaphore(1);

  public Report run(String tenantId, InputStream body, Format format) {
    if (!running.tryAcquire()) {
      throw ScimException.unavailable(
          "Another import is running on this server; try again when it has finished.",
          Duration.ofSeconds(30));
    }
    Path file = null;
    try {
      file = spool(body);
      Set<Long> skip = new HashSet<>();
      Tally tally = new Tally(format);
      check(file, format, skip, tally);
      importAll(tenantId, file, format, skip, tally);
      links.imported(tenantId);
      return tally.report();
    } finally {
      running.release();
      if (file != null) {
        delete(file);
      }
    }
  }

  private Path spool(InputStream body) {
    Path file;
    try {
      file = Files.createTempFile("roster-import-", ".txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[65536];
      long total = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(uploadSeconds);
      int read;
      while ((read = body.read(buffer)) >= 0) {
        total += read;
        if (total > maxBytes) {
          throw ScimException.payloadTooLarge(
              "An import takes at most "
                  + maxBytes
                  + " bytes (roster.import.max-bytes): split the accounts in several imports.");
        }
        if (System.nanoTime() - deadline > 0) {
          throw ScimException.requestTimeout(
              "The accounts took longer than "
                  + uploadSeconds
                  + " seconds to arrive (roster.import.upload-seconds).");
        }
        out.write(buffer, 0, read);
      }
      return file;
    } catch (IOException | ScimException e) {
      delete(file);
      if (e instanceof ScimException refused) {
        throw refused;
      }
      throw ScimException.requestTimeout(
          "The accounts did not arrive: the connection broke or stalled while they were sent.");
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete the import file " + file, e);
    }
  }

  /** The first reading: changes nothing; a syntax error ends the import before it starts. */
  private static void check(Path file, Format format, Set<Long> skip, Tally tally) {
    Map<String, Long> seen = new HashMap<>();
    try (Reader reader = open(file)) {
      ProductAccountReader items = reader(reader, format);
      while (items.hasNext()) {
        Item item = items.next();
        tally.received++;
        if (item.problem() != null) {
          skip.add(item.position());
          tally.problem(new Problem(item.position(), item.accountId(), item.problem()));
          continue;
        }
        Long first = seen.putIfAbsent(item.accountId(), item.position());
        if (first != null) {
          skip.add(item.position());
          tally.problem(
              new Problem(
                  item.position(),
                  item.accountId(),
                  "The accountId is given twice; the first, at "
                      + (format == Format.CSV ? "line " : "index ")
                      + first
                      + ", is imported."));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void importAll(String tenantId, Path file, Format format, Set<Long> skip, Tally tally) {
    try (Reader reader = open(file)) {
      ProductAccountReader items = reader(reader, format);
      List<ProductAccount> part = new ArrayList<>(PART);
      while (items.hasNext()) {
        Item item = items.next();
        if (item.account() == null || skip.contains(item.position())) {
          continue;
        }
        part.add(item.account());
        if (part.size() == PART) {
          importPart(tenantId, part, tally);
          part.clear();
        }
      }
      if (!part.isEmpty()) {
        importPart(tenantId, part, tally);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void importPart(String tenantId, List<ProductAccount> part, Tally tally) {
    try {
      accounts.importPart(tenantId, part).forEach(tally::outcome);
      return;
    } catch (ScimException | EJBException e) {
      // one of them cannot be stored: each on its own, so that the others are
    }
    for (ProductAccount account : part) {
      try {
        accounts.importPart(tenantId, List.of(account)).forEach(tally::outcome);
      } catch (ScimException e) {
        tally.problem(new Problem(account.position(), account.accountId(), e.getMessage()));
      } catch (EJBException e) {
        LOG.log(Level.WARNING, "Account " + account.accountId() + " could not be imported", e);
        tally.problem(
            new Problem(
                account.position(),
                account.accountId(),
                "The account could not be stored (see the server log); import it again."));
      }
    }
  }

  private static Reader open(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            Files.newInputStream(file),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
  }

  private static ProductAccountReader reader(Reader reader, Format format) {
    return format == Format.CSV
        ? ProductAccountReader.csv(reader)
        : ProductAccountReader.json(reader);
  }

  private static final class Tally {
    final Format format;
    long received;
    final Map<ImportOutcome, Long> outcomes = new EnumMap<>(ImportOutcome.class);
    long failed;
    final List<Problem> problems = new ArrayList<>();

    Tally(Format format) {
      this.format = format;
    }

    void outcome(ImportOutcome outcome) {
      outcomes.merge(outcome, 1L, Long::sum);
    }

    void problem(Problem problem) {
      failed++;
      if (problems.size() < PROBLEMS_SHOWN) {
        problems.add(problem);
      }
    }

    Report report() {
      problems.sort(java.util.Comparator.comparingLong(Problem::position));
      return new Report(
          format,
          received,
          Map.copyOf(outcomes),
          failed,
          List.copyOf(problems),
          failed - problems.size());
    }
  }
}
