package dev.roster.provisioning.boundary;

import dev.roster.provisioning.control.BatchFacts;
import dev.roster.provisioning.control.BodyRedactor;
import dev.roster.provisioning.control.LogEntry;
import dev.roster.provisioning.entity.ProvisioningRecord;
import dev.roster.runtime.Metrics;
import dev.roster.scim.DatabaseFailures;
import dev.roster.scim.JsonProviders;
import dev.roster.scim.LogActions;
import dev.roster.scim.MemberIds;
import dev.roster.storage.DatabaseReadiness;
import dev.roster.storage.JdbcLogWrites;
import dev.roster.storage.LogFacts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * Writes provisioning-log records without slowing requests down, and with as little loss as a queue
 * allows.
 *
 * <p>A request only queues its entry. A writer thread waits for entries; when one comes, it lets
 * others gather for {@value #GATHER_MILLIS} ms, takes what has queued up, up to {@value
 * #BATCH_SIZE} entries, redacts their bodies, and inserts them in one transaction. Under load a
 * commit so carries many records, and a transaction's fixed costs (the commit, the hourly counts,
 * the tenant's milestones) are shared by all of them; at rest each record is written within about
 * {@value #GATHER_MILLIS} ms. What a kill -9 can lose is therefore what was queued in the last
 * moments: the entries not yet committed (see the README).
 *
 * <p>When the database cannot be reached, the writer keeps its batch and tries again, waiting
 * longer each time (up to {@value #MAX_RETRY_MILLIS} ms), while new entries queue behind it. A
 * batch the database refuses for another reason is written one record at a time, so that one bad
 * record costs only itself. When the queue is full, a request writes its own entry (slower, not
 * lost), unless the database is down, when the entry is dropped and counted. On shutdown the queue
 * is written before the database closes.
 */
@Singleton
@Startup
@DependsOn("EmbeddedDatabaseSettings") // stops before it, which then writes H2's last commits
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ProvisioningLogWriter {

  static final int QUEUE_CAPACITY = 4096;
  static final int BATCH_SIZE = 500;

  /**
   * How long the writer lets entries gather once one is queued: at a thousand requests a second a
   * batch then holds about a hundred records instead of one or two (docs/benchmark.md).
   */
  static final long GATHER_MILLIS = 100;

  /** How long the writer waits for an entry before it checks whether it should stop. */
  static final long POLL_MILLIS = 100;

  static final long FIRST_RETRY_MILLIS = 250;
  static final long MAX_RETRY_MILLIS = 30_000;

  /**
   * Bodies larger than this are redacted and cut on the request thread, so that a full queue holds
   * at most QUEUE_CAPACITY × 16 KiB of bodies.
   */
  static final int RAW_BODY_LIMIT = 16 * 1024;

  /**
   * Bodies up to this size queue as the request parsed them too, so that the writer does not parse
   * them again. A parsed body takes five to ten times the memory of its bytes (here at most about
   * 20 KiB): larger ones queue raw only, so that a full queue holds about as much as above.
   */
  static final int PARSED_BODY_LIMIT = 2 * 1024;

  private static final Logger LOG = Logger.getLogger(ProvisioningLogWriter.class.getName());

  /**
   * Batches are written with plain JDBC in local transactions ({@link JdbcLogWrites}): outside JTA,
   * so that the writer thread, which is no EJB call, needs no container transaction.
   */
  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @Inject @Readiness DatabaseReadiness readiness; // a CDI qualifier of MicroProfile Health

  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "roster.log.body-max-chars", defaultValue = "8192")
  int bodyMaxChars;

  @Inject Metrics metrics;

  @Inject ProvisioningLogIntake intake;

  private final BlockingQueue<LogEntry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

  /**
   * Held while entries are taken from the queue and written, so that {@link #drain} waits for a
   * batch in flight.
   */
  private final ReentrantLock writing = new ReentrantLock();

  /** Wakes the writer thread when an entry is queued while it waits. */
  private final Condition entryQueued = writing.newCondition();

  private final AtomicLong dropped = new AtomicLong();

  /** The records' ids, a block of the sequence at a time. */
  private final JdbcLogWrites.Ids recordIds = new JdbcLogWrites.Ids();

  /** This writer's name in the hourly counts, so that writers never update the same row. */
  private final String writerId = UUID.randomUUID().toString();

  private volatile boolean running;
  private volatile boolean databaseDown;
  private Thread writer;

  private enum Outcome {
    WRITTEN,
    /** The database could not be reached: the batch is kept and tried again. */
    UNAVAILABLE,
    /** The database refused the batch for what it holds. */
    REFUSED
  }

  @PostConstruct
  void start() {
    bodyMaxChars = Math.max(0, Math.min(bodyMaxChars, ProvisioningRecord.BODY_COLUMN_LENGTH - 64));
    running = true;
    writer = threads.newThread(this::writeContinuously);
    writer.setName("roster-provisioning-log-writer");
    writer.setDaemon(true);
    writer.start();
    metrics.watchProvisioningLog(queue::size, dropped::get);
    intake.attach(this);
  }

  /**
   * Whether the writer thread is there to write what requests queue. False once it has stopped, at
   * shutdown or because something it does not catch (an {@link Error}) ended it: then records only
   * pile up, and nothing but a restart brings the writer back ({@link ProvisioningLogLiveness}).
   */
  public boolean writing() {
    return running && writer.isAlive();
  }

  /**
   * Stops the writer thread and writes what is left. The thread is never interrupted: H2 closes its
   * file when a thread is interrupted in the middle of a write.
   */
  @PreDestroy
  void stop() {
    intake.detach();
    running = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drain();
    long lost = dropped.get() + queue.size();
    if (lost > 0) {
      LOG.severe("Provisioning log: " + lost + " records could not be written before shutdown");
    }
  }

  /**
   * Queues the entry; writes it at once if the queue is full. Requests call it through {@link
   * ProvisioningLogIntake}, on this instance: it must keep needing nothing of the EJB container.
   */
  public void record(LogEntry entry) {
    LogEntry bounded = entry;
    if (entry.body() != null && entry.body().length > RAW_BODY_LIMIT) {
      bounded = entry.withBody(redactedBody(entry).getBytes(StandardCharsets.UTF_8));
    } else if (entry.parsedBody() != null
        && entry.body() != null
        && entry.body().length > PARSED_BODY_LIMIT) {
      bounded = entry.withBody(entry.body());
    }
    if (queue.offer(bounded)) {
      wakeWriter();
      return;
    }
    if (databaseDown) {
      // The writer is waiting for the database with a full queue: a request thread must not wait
      // for it too.
      countDropped();
      return;
    }
    if (writeAll(List.of(bounded)) != Outcome.WRITTEN) {
      countDropped();
    }
  }

  /**
   * Writes everything queued so far, and returns once it is committed (or could not be). Waits for
   * a batch the writer thread has in flight, so "queued before" means "written after".
   */
  public void drain() {
    writing.lock();
    try {
      List<LogEntry> batch = new ArrayList<>(BATCH_SIZE);
      while (queue.drainTo(batch, BATCH_SIZE) > 0) {
        if (writeAll(batch) == Outcome.UNAVAILABLE) {
          dropped.addAndGet(batch.size());
        }
        batch.clear();
      }
    } finally {
      writing.unlock();
    }
  }

  /** The writer thread: waits for entries, writes them, and waits out database outages. */
  private void writeContinuously() {
    List<LogEntry> batch = new ArrayList<>(BATCH_SIZE);
    long retryMillis = FIRST_RETRY_MILLIS;
    while (running) {
      try {
        Outcome outcome;
        // Entries leave the queue only under the lock, so that drain() never finds the queue
        // empty while an entry the writer took is not yet written. Waiting releases the lock.
        writing.lockInterruptibly();
        try {
          if (batch.isEmpty()) {
            if (queue.isEmpty()) {
              entryQueued.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            gather();
            queue.drainTo(batch, BATCH_SIZE);
            if (batch.isEmpty()) {
              continue;
            }
          }
          outcome = writeAll(batch);
        } finally {
          writing.unlock();
        }
        if (outcome == Outcome.UNAVAILABLE) {
          pause(retryMillis);
          retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
          continue;
        }
        batch.clear();
        retryMillis = FIRST_RETRY_MILLIS;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | StackOverflowError e) {
        // A bug in redaction must not end the writer thread, and with it the whole log.
        LOG.log(Level.SEVERE, "Provisioning log: the writer failed on a batch; it goes on", e);
        batch.clear();
      }
    }
    // Not written when the thread stops: give it back for stop()'s final drain.
    batch.forEach(entry -> queue.offer(entry));
  }

  /**
   * Lets entries gather behind the first one, holding the lock: requests do not signal meanwhile
   * ({@link #wakeWriter} finds it taken), and {@link #drain} waits for this batch too.
   */
  private void gather() throws InterruptedException {
    if (queue.isEmpty() || queue.size() >= BATCH_SIZE / 2) {
      return;
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS);
    while (running && queue.size() < BATCH_SIZE) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
    }
  }

  /**
   * Writes the batch in one transaction; if the database refuses it for its content, writes each
   * record alone and drops the ones it refuses, so that one bad record costs only itself. A refusal
   * counts as the record's only while the database answers: an outage that the exception does not
   * show as one (on PostgreSQL a commit on a dead connection failed with the transaction manager's
   * bare {@code SystemException}) keeps the batch. Records written one by one leave the batch, so
   * that an outage in the middle does not write them twice.
   */
  private Outcome writeAll(List<LogEntry> entries) {
    Outcome outcome = refusedOnlyIfTheDatabaseAnswers(write(entries, true));
    if (outcome == Outcome.REFUSED) {
      // What is kept beside the records may be what the database refused: records come first.
      outcome = refusedOnlyIfTheDatabaseAnswers(write(entries, false));
      if (outcome == Outcome.WRITTEN) {
        LOG.warning(
            "Provisioning log: wrote "
                + entries.size()
                + " records without their counts and names");
        return outcome;
      }
    }
    if (outcome == Outcome.REFUSED && entries.size() > 1) {
      for (int i = 0; i < entries.size(); i++) {
        Outcome alone = refusedOnlyIfTheDatabaseAnswers(write(List.of(entries.get(i)), false));
        if (alone == Outcome.UNAVAILABLE) {
          entries.subList(0, i).clear();
          return Outcome.UNAVAILABLE;
        }
        if (alone == Outcome.REFUSED) {
          countDropped();
        }
      }
      return Outcome.WRITTEN;
    }
    if (outcome == Outcome.REFUSED) {
      countDropped();
      return Outcome.WRITTEN;
    }
    return outcome;
  }

  private Outcome refusedOnlyIfTheDatabaseAnswers(Outcome outcome) {
    if (outcome != Outcome.REFUSED) {
      return outcome;
    }
    if (readiness.answers()) {
      return Outcome.REFUSED;
    }
    databaseDown = true;
    return Outcome.UNAVAILABLE;
  }

  /**
   * Writes the records in one transaction and, {@code withFacts}, what is kept beside them
   * (docs/console.md): subjects named by id, the members group writes named, the hourly counts and
   * the tenants' milestones.
   */
  private Outcome write(List<LogEntry> entries, boolean withFacts) {
    List<ProvisioningRecord> records = new ArrayList<>(entries.size());
    for (LogEntry entry : entries) {
      records.add(
          new ProvisioningRecord(
              entry,
              entry.query() == null ? null : BodyRedactor.redactText(entry.query()),
              entry.body() == null ? null : redactedBody(entry)));
    }
    BatchFacts facts = null;
    if (withFacts) {
      try {
        facts = new BatchFacts();
        entries.forEach(facts::add);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Provisioning log: no counts for a batch", e);
        facts = null;
      }
    }
    try (JdbcLogWrites batch = JdbcLogWrites.begin(database)) {
      long[] ids = new long[records.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = recordIds.next(batch);
      }
      if (facts != null) {
        nameSubjects(batch, records);
      }
      batch.insertRecords(records, ids);
      if (facts != null) {
        batch.insertMembers(members(entries, ids));
        for (Map.Entry<BatchFacts.Hour, long[]> hour : facts.hours().entrySet()) {
          batch.countHour(
              hour.getKey().tenantId(),
              hour.getKey().start(),
              writerId,
              hour.getValue()[0],
              hour.getValue()[1]);
        }
        for (Map.Entry<String, Map<LogFacts.Milestone, Instant>> tenant :
            facts.milestones().entrySet()) {
          batch.advance(tenant.getKey(), tenant.getValue());
        }
      }
      batch.commit();
      if (databaseDown) {
        databaseDown = false;
        LOG.info("Provisioning log: the database is back; writing the queued records");
      }
      return Outcome.WRITTEN;
    } catch (Exception e) {
      if (DatabaseFailures.unavailable(e)) {
        if (!databaseDown) {
          databaseDown = true;
          LOG.warning(
              "Provisioning log: the database cannot be reached ("
                  + e
                  + "); records wait in the queue and are written when it is back");
        }
        return Outcome.UNAVAILABLE;
      }
      LOG.log(
          Level.SEVERE,
          "Provisioning log: the database refused "
              + records.size()
              + " records, first "
              + entries.get(0),
          e);
      return Outcome.REFUSED;
    }
  }

  /**
   * Names the subject of records that name only a resource id (a request that failed before its
   * store read the resource): by the resource's name now, one query per tenant and type.
   */
  private static void nameSubjects(JdbcLogWrites batch, List<ProvisioningRecord> records)
      throws SQLException {
    Map<String, Set<String>> unnamed = new HashMap<>();
    for (ProvisioningRecord record : records) {
      if (needsName(record)) {
        unnamed
            .computeIfAbsent(
                record.getTenantId() + "\n" + record.getResourceType(), k -> new HashSet<>())
            .add(record.getResourceId());
      }
    }
    if (unnamed.isEmpty()) {
      return;
    }
    Map<String, Map<String, String>> names = new HashMap<>();
    for (Map.Entry<String, Set<String>> ids : unnamed.entrySet()) {
      String[] tenantAndType = ids.getKey().split("\n", 2);
      names.put(
          ids.getKey(),
          batch.names(tenantAndType[0], "Group".equals(tenantAndType[1]), ids.getValue()));
    }
    for (ProvisioningRecord record : records) {
      if (needsName(record)) {
        String name =
            names
                .get(record.getTenantId() + "\n" + record.getResourceType())
                .get(record.getResourceId());
        if (name != null) {
          record.nameSubject(name);
        }
      }
    }
  }

  private static boolean needsName(ProvisioningRecord record) {
    return record.getSubject() == null
        && record.getTenantId() != null
        && record.getResourceId() != null
        && record.getResourceId().length() <= 36 // a resource id of ours, not any path segment
        && ("User".equals(record.getResourceType()) || "Group".equals(record.getResourceType()));
  }

  /** The users each group write named as members, for their timelines. */
  private static List<LogFacts.MemberRow> members(List<LogEntry> entries, long[] ids) {
    List<LogFacts.MemberRow> rows = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      LogEntry entry = entries.get(i);
      if (entry.tenantId() == null
          || !"Group".equals(entry.target().resourceType())
          || !LogActions.isWrite(entry.action())
          || LogActions.DELETE.equals(entry.action())) {
        continue;
      }
      for (String userId : MemberIds.of(body(entry))) {
        if (userId.length() <= 200) {
          rows.add(new LogFacts.MemberRow(ids[i], entry.tenantId(), userId, entry.time()));
        }
      }
    }
    return rows;
  }

  private static JsonObject body(LogEntry entry) {
    if (entry.parsedBody() != null) {
      return entry.parsedBody();
    }
    if (entry.body() == null) {
      return null;
    }
    try (JsonReader reader =
        JsonProviders.JSON.createReader(new ByteArrayInputStream(entry.body()))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return null; // not JSON, or cut short: no members to name
    }
  }

  /**
   * Wakes the writer if it is waiting. A request never waits for the lock: when it is taken, the
   * writer is busy and looks at the queue again before it waits.
   */
  private void wakeWriter() {
    if (writing.tryLock()) {
      try {
        entryQueued.signal();
      } finally {
        writing.unlock();
      }
    }
  }

  private String redactedBody(LogEntry entry) {
    return BodyRedactor.redact(entry.body(), entry.parsedBody(), bodyMaxChars);
  }

  private void countDropped() {
    long total = dropped.incrementAndGet();
    // Once at the first, then at every thousandth: a long outage must not flood the server log.
    if (total == 1 || total % 1000 == 0) {
      LOG.severe("Provisioning log: " + total + " records dropped so far (queue full or refused)");
    }
  }

  private void pause(long millis) throws InterruptedException {
    long until = System.currentTimeMillis() + millis;
    while (running && System.currentTimeMillis() < until) {
      Thread.sleep(Math.min(POLL_MILLIS, millis));
    }
  }
}
