package dev.roster.provisioning.boundary;

import dev.roster.provisioning.control.LogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;

/**
 * Where requests queue their log entries: straight into {@link ProvisioningLogWriter}'s queue, not
 * through the writer's EJB proxy. Every logged request paid that proxy's container call (a profile
 * of lookups: 4% of the request threads' samples) for what is one {@code offer} on a queue.
 *
 * <p>The writer attaches its queue when it starts. Until then, and whenever the queue is full,
 * {@link #offer} says no, and the caller hands the entry to {@link ProvisioningLogWriter#record},
 * which decides what a full queue means (the request writes its own entry, or it is dropped and
 * counted while the database is down).
 */
@ApplicationScoped
public class LogQueue {

  private volatile Predicate<LogEntry> writersQueue = entry -> false;

  /** Queues the entry for the writer; false when it cannot, and the writer must decide. */
  public boolean offer(LogEntry entry) {
    return writersQueue.test(entry);
  }

  /** The writer's own queue, which takes an entry or says it is full. */
  void attach(Predicate<LogEntry> writersQueue) {
    this.writersQueue = writersQueue;
  }
}
