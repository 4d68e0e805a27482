package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ConnectionsInUseTest {

  private static JdbcDataSource database() {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:connections-in-use;DB_CLOSE_DELAY=-1");
    return database;
  }

  @Test
  void aBorrowedConnectionCountsUntilItIsClosedOnce() throws Exception {
    int before = ConnectionsInUse.count();
    Connection first = ConnectionsInUse.borrow(database());
    try (Connection second = ConnectionsInUse.borrow(database());
        Statement statement = second.createStatement()) {
      assertEquals(before + 2, ConnectionsInUse.count());
      assertTrue(statement.execute("SELECT 1"), "the connection works as the driver's");
    }
    assertEquals(before + 1, ConnectionsInUse.count());
    first.close();
    first.close();
    assertTrue(first.isClosed());
    assertEquals(before, ConnectionsInUse.count(), "a second close does not count twice");
  }

  @Test
  void theDriversExceptionsPassThroughUnwrapped() throws Exception {
    try (Connection connection = ConnectionsInUse.borrow(database());
        Statement statement = connection.createStatement()) {
      assertThrows(SQLException.class, () -> statement.execute("SELECT FROM nowhere"));
      assertThrows(SQLException.class, () -> connection.prepareStatement("not sql"));
    }
  }

  @Test
  void aJpaHandleCountsFromTakenToReturned() {
    int before = ConnectionsInUse.count();
    Object handle = new Object();
    ConnectionsInUse.taken(handle, () -> true);
    assertEquals(before + 1, ConnectionsInUse.count());
    ConnectionsInUse.returned(handle);
    assertEquals(before, ConnectionsInUse.count());
  }

  @Test
  void aHandleThatLostItsConnectionUnannouncedStopsCounting() {
    int before = ConnectionsInUse.count();
    AtomicBoolean held = new AtomicBoolean(true);
    Object handle = new Object();
    ConnectionsInUse.taken(handle, held::get);
    assertEquals(before + 1, ConnectionsInUse.count());
    held.set(false); // the pool closed it under EclipseLink, which then says nothing
    assertEquals(before, ConnectionsInUse.count());
  }
}
