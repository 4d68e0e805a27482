package dev.roster.provisioning.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes log records older than {@code roster.log.retention-days} (default 30): a minute after
 * start and every hour after that, in chunks of {@value #CHUNK} rows, each its own transaction, so
 * that a large purge never holds one long transaction. Several instances may purge at once; the
 * deletes do not conflict.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before anything uses it
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProvisioningLogRetention {

  static final int CHUNK = 5000;

  private static final Logger LOG = Logger.getLogger(ProvisioningLogRetention.class.getName());

  @Inject
  @ConfigProperty(name = "roster.log.retention-days", defaultValue = "30")
  int retentionDays;

  @Inject ProvisioningLog log;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> schedule;

  @PostConstruct
  void start() {
    schedule = scheduler.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
  }

  @PreDestroy
  void stop() {
    schedule.cancel(false);
  }

  public Duration retention() {
    return Duration.ofDays(Math.max(0, retentionDays));
  }

  /** Deletes every record older than the retention period; returns how many. */
  public long purgeExpired() {
    Instant cutoff = Instant.now().minus(retention());
    long total = 0;
    int deleted;
    do {
      deleted = log.purgeOlderThan(cutoff, CHUNK);
      total += deleted;
    } while (deleted == CHUNK);
    log.purgeFactsOlderThan(cutoff);
    if (total > 0) {
      LOG.info("Provisioning log: purged " + total + " records older than " + cutoff);
    }
    return total;
  }

  private void purgeQuietly() {
    try {
      purgeExpired();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Provisioning log: purge failed; will retry in an hour", e);
    }
  }
}
