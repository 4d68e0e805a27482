package dev.roster.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * During a database outage every request fails the same way. Roster answers each one 503 and logs
 * the outage once a minute; but the application server's connection pool, transaction manager and
 * EJB container also logged a warning with a stack trace for each failed request (some 95 KB a
 * request on Payara). Those loggers are set to SEVERE: real errors are still logged, and Roster
 * logs every unexpected failure itself, with its stack trace and an incident reference. On a server
 * without these loggers this does nothing.
 *
 * <p>The levels are set here rather than with asadmin's {@code set-log-levels}, which makes Payara
 * Micro reload its logging configuration and switch the whole server log to another format.
 */
@Singleton
@Startup
public class QuietContainerLogs {

  /** Held, because the log manager keeps only weak references to loggers and their levels. */
  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("javax.enterprise.resource.resourceadapter"),
          Logger.getLogger("javax.enterprise.resource.jta"),
          Logger.getLogger("jakarta.enterprise.ejb.container"));

  @PostConstruct
  void quiet() {
    QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
  }
}
