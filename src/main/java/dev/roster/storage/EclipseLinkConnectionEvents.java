package dev.roster.storage;

import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Tells {@link ConnectionsInUse} when EclipseLink takes a connection from the container's pool and
 * gives it back. With a container's data source, EclipseLink raises these events right after it
 * connects and right before it closes the connection (its external connection pooling), once per
 * transaction. Named in persistence.xml ({@code eclipselink.session-event-listener}); a class of
 * its own so that nothing else in Roster loads EclipseLink's classes.
 *
 * <p>The event's result is EclipseLink's connection handle, of its internal type {@code Accessor};
 * it holds a connection while its {@code getDatasourceConnection()} is not null. That method is
 * called by name: Open Liberty hides EclipseLink's internal packages from applications.
 */
public class EclipseLinkConnectionEvents extends SessionEventAdapter {

  @Override
  public void postAcquireConnection(SessionEvent event) {
    Object handle = event.getResult();
    if (handle != null) {
      ConnectionsInUse.taken(handle, () -> holdsConnection(handle));
    }
  }

  @Override
  public void preReleaseConnection(SessionEvent event) {
    Object handle = event.getResult();
    if (handle != null) {
      ConnectionsInUse.returned(handle);
    }
  }

  /** Whether the handle still holds a connection; true when it cannot be asked. */
  static boolean holdsConnection(Object handle) {
    try {
      return handle.getClass().getMethod("getDatasourceConnection").invoke(handle) != null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }
}
