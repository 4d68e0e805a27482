package dev.roster.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How many database connections Roster holds right now, for {@code roster_db_connections_in_use} on
 * {@code /metrics}. Payara's own pool figures read 0 on Payara Micro (its pool statistics need a
 * monitoring agent that Micro cannot attach), so Roster counts where it borrows: JPA's connections
 * through {@link EclipseLinkConnectionEvents}, and the few it takes from the data source itself
 * through {@link #borrow(DataSource)}. Roster is the pool's only user, so this is the pool's use.
 *
 * <p>A JPA connection is counted while EclipseLink holds it: from the moment it takes one from the
 * pool for a transaction to the moment it gives it back. EclipseLink announces the return only
 * while the connection is still open; one the pool closed under it (a dead database) is returned
 * without a word. So a held connection is kept with the JPA handle that holds it, and one whose
 * handle no longer holds a connection is dropped when counted: the figure heals itself after an
 * outage instead of drifting up.
 */
public final class ConnectionsInUse {

  private static final int PRUNE_ABOVE = 1_000;

  /** JPA handles that took a connection, with what tells whether they still hold it. */
  private static final Map<Object, Supplier<Boolean>> jpa = new ConcurrentHashMap<>();

  private static final AtomicInteger direct = new AtomicInteger();

  private ConnectionsInUse() {}

  /** Connections held now, by JPA and by direct borrowers together. */
  public static int count() {
    prune();
    return jpa.size() + direct.get();
  }

  /**
   * A connection from the data source, counted until it is closed. For code that speaks SQL without
   * JPA (health checks, H2's {@code CHECKPOINT}); close it with try-with-resources as usual.
   */
  static Connection borrow(DataSource database) throws SQLException {
    Connection connection = database.getConnection();
    direct.incrementAndGet();
    AtomicBoolean closed = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            ConnectionsInUse.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, arguments) -> {
              if ("close".equals(method.getName())
                  && method.getParameterCount() == 0
                  && closed.compareAndSet(false, true)) {
                direct.decrementAndGet();
              }
              try {
                return method.invoke(connection, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** A JPA handle took a connection from the pool. */
  static void taken(Object handle, Supplier<Boolean> stillHeld) {
    jpa.put(handle, stillHeld);
    if (jpa.size() > PRUNE_ABOVE) {
      prune();
    }
  }

  /** A JPA handle gives its connection back. */
  static void returned(Object handle) {
    jpa.remove(handle);
  }

  private static void prune() {
    Set<Map.Entry<Object, Supplier<Boolean>>> held = jpa.entrySet();
    held.removeIf(entry -> !entry.getValue().get());
  }
}
