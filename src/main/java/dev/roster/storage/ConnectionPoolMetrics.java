package dev.roster.storage;

import dev.roster.runtime.Metrics;
import dev.roster.runtime.RefuseToStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts the pool's use on {@code /metrics} when the application starts: the connections in use
 * ({@link ConnectionsInUse}) and, on Payara Micro, where {@code roster.db.pool-size} sizes the pool
 * (payara-config/post-boot-commands.asadmin), that size beside it.
 */
@ApplicationScoped
public class ConnectionPoolMetrics {

  @Inject Metrics metrics;

  @Inject
  @ConfigProperty(name = "roster.db.pool-size", defaultValue = "32")
  int poolSize;

  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    metrics.watchDatabaseConnections(
        ConnectionsInUse::count, RefuseToStart.onPayaraMicro() ? poolSize : null);
  }
}
