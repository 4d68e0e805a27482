package dev.roster.events.boundary;

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
 * Deletes change events older than {@code roster.events.retention-days} (default 30), as the
 * provisioning log's retention does: a minute after start and every hour after that, in chunks of
 * {@value #CHUNK}, each its own transaction. The tenants' counters stay, so numbers never repeat; a
 * reader whose cursor is older than what is kept gets 410.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before anything uses it
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChangeFeedRetention {

  static final int CHUNK = 5000;

  private static final Logger LOG = Logger.getLogger(ChangeFeedRetention.class.getName());

  @Inject
  @ConfigProperty(name = "roster.events.retention-days", defaultValue = "30")
  int retentionDays;

  @Inject ChangeFeed feed;

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

  /** Deletes every event older than the retention period; returns how many. */
  public long purgeExpired() {
    Instant cutoff = Instant.now().minus(retention());
    long total = 0;
    int deleted;
    do {
      deleted = feed.purgeOlderThan(cutoff, CHUNK);
      total += deleted;
    } while (deleted >= CHUNK);
    if (total > 0) {
      LOG.info("Change feed: purged " + total + " events older than " + cutoff);
    }
    return total;
  }

  private void purgeQuietly() {
    try {
      purgeExpired();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Change feed: purge failed; will retry in an hour", e);
    }
  }
}
