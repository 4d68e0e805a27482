package dev.roster.provisioning.boundary;

import dev.roster.provisioning.control.BodyRedactor;
import dev.roster.provisioning.control.LogEntry;
import dev.roster.provisioning.entity.ProvisioningRecord;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes provisioning-log records without slowing requests down, and without losing them.
 *
 * <p>A request only queues its entry. Every {@value #DRAIN_MILLIS} ms a background task takes up to
 * {@value #BATCH_SIZE} entries at a time, redacts their bodies, and inserts them in one transaction
 * (EclipseLink batches the inserts). When the queue is full, the request writes its own entry:
 * slower, never lost. On shutdown the queue is drained before the database closes.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ProvisioningLogWriter {

  static final int QUEUE_CAPACITY = 4096;
  static final int BATCH_SIZE = 500;
  static final long DRAIN_MILLIS = 200;

  /**
   * Bodies larger than this are redacted and cut on the request thread, so that a full queue holds
   * at most QUEUE_CAPACITY × 16 KiB of bodies.
   */
  static final int RAW_BODY_LIMIT = 16 * 1024;

  private static final Logger LOG = Logger.getLogger(ProvisioningLogWriter.class.getName());

  @PersistenceContext EntityManager em;

  @Resource UserTransaction transaction;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "roster.log.body-max-chars", defaultValue = "8192")
  int bodyMaxChars;

  private final BlockingQueue<LogEntry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final ReentrantLock draining = new ReentrantLock();
  private ScheduledFuture<?> drainer;

  @PostConstruct
  void start() {
    bodyMaxChars = Math.max(0, Math.min(bodyMaxChars, ProvisioningRecord.BODY_COLUMN_LENGTH - 64));
    drainer =
        scheduler.scheduleWithFixedDelay(
            this::drainQuietly, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    drainer.cancel(false);
    drain();
  }

  /** Queues the entry; writes it at once if the queue is full. */
  public void record(LogEntry entry) {
    LogEntry bounded = entry;
    if (entry.body() != null && entry.body().length > RAW_BODY_LIMIT) {
      bounded =
          entry.withBody(
              BodyRedactor.redact(entry.body(), bodyMaxChars).getBytes(StandardCharsets.UTF_8));
    }
    if (!queue.offer(bounded)) {
      write(List.of(bounded));
    }
  }

  /**
   * Writes everything queued so far, and returns once it is committed. Drains take turns: a drain
   * that finds the queue empty while another is still writing the batch it took waits for that
   * batch, so "queued before" means "written after".
   */
  public void drain() {
    draining.lock();
    try {
      List<LogEntry> batch = new ArrayList<>(BATCH_SIZE);
      while (queue.drainTo(batch, BATCH_SIZE) > 0) {
        write(batch);
        batch.clear();
      }
    } finally {
      draining.unlock();
    }
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Provisioning log: draining failed; will retry", e);
    }
  }

  private void write(List<LogEntry> entries) {
    List<ProvisioningRecord> records = new ArrayList<>(entries.size());
    for (LogEntry entry : entries) {
      records.add(
          new ProvisioningRecord(
              entry,
              entry.query() == null ? null : BodyRedactor.redactText(entry.query()),
              entry.body() == null ? null : BodyRedactor.redact(entry.body(), bodyMaxChars)));
    }
    try {
      transaction.begin();
      records.forEach(em::persist);
      transaction.commit();
    } catch (Exception e) {
      rollbackQuietly();
      LOG.log(
          Level.SEVERE,
          "Provisioning log: could not write "
              + records.size()
              + " records, first "
              + entries.get(0),
          e);
    }
  }

  private void rollbackQuietly() {
    try {
      if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
        transaction.rollback();
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "rollback after a failed log write", e);
    }
  }
}
