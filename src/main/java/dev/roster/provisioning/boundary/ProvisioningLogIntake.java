package dev.roster.provisioning.boundary;

import dev.roster.provisioning.control.LogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * Where {@link ProvisioningLogFilter} hands each request's entry to {@link ProvisioningLogWriter}:
 * straight to the writer's instance, not through its EJB proxy. Calling the proxy (the container's
 * invocation, security check and interceptors) cost a lookup more than the rest of recording it
 * (docs/benchmark.md), and {@link ProvisioningLogWriter#record} needs nothing of the container: it
 * queues the entry and, when the queue is full, writes it with plain JDBC in a local transaction.
 *
 * <p>The writer attaches itself once it has started and detaches before it stops. An entry that
 * comes while no writer is attached (during shutdown) is not recorded, and the server log says so.
 */
@ApplicationScoped
public class ProvisioningLogIntake {

  private static final Logger LOG = Logger.getLogger(ProvisioningLogIntake.class.getName());

  private volatile ProvisioningLogWriter writer;

  void attach(ProvisioningLogWriter writer) {
    this.writer = writer;
  }

  void detach() {
    this.writer = null;
  }

  /** Queues the entry for the writer, or writes it at once if its queue is full. */
  public void record(LogEntry entry) {
    ProvisioningLogWriter attached = writer;
    if (attached == null) {
      LOG.warning(
          "Provisioning log: the writer has stopped; not recorded: "
              + entry.method()
              + " "
              + entry.path()
              + " "
              + entry.status());
      return;
    }
    attached.record(entry);
  }
}
