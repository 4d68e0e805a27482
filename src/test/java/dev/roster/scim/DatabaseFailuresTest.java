package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseFailuresTest {

  /** A stand-in for the pool's exception, recognised by its package. */
  static final class ResourceAllocationException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        // failure, unavailable, timed out
        Arguments.of(new SQLException("connection refused", "08001"), true, false),
        Arguments.of(new SQLException("H2: connection is broken", "90067"), true, false),
        Arguments.of(new SQLException("H2: database is closed", "90098"), true, false),
        Arguments.of(new SQLException("PostgreSQL: admin shutdown", "57P01"), true, false),
        Arguments.of(new SQLNonTransientConnectionException("gone"), true, false),
        Arguments.of(new SQLTransientConnectionException("pool wait"), true, false),
        Arguments.of(
            wrapped(
                new SQLException(
                    "Error in allocating a connection",
                    null,
                    0,
                    new ResourceAllocationException())),
            true,
            false),
        Arguments.of(new SQLException("statement canceled", "57014"), false, true),
        Arguments.of(new SQLException("H2: timeout trying to lock", "HYT00"), false, true),
        Arguments.of(new SQLException("PostgreSQL: lock not available", "55P03"), false, true),
        Arguments.of(new SQLTimeoutException("timeout"), false, true),
        Arguments.of(wrapped(new SQLException("canceled", "57014")), false, true),
        Arguments.of(new SQLException("unique violation", "23505"), false, false),
        Arguments.of(new SQLException("syntax", "42000"), false, false),
        Arguments.of(new IllegalStateException("a bug"), false, false),
        Arguments.of(chained(), true, false));
  }

  private static RuntimeException wrapped(Throwable cause) {
    return new RuntimeException("EJB", new IllegalStateException("JPA", cause));
  }

  /** A batch failure reports the connection loss as the next exception, not the cause. */
  private static SQLException chained() {
    SQLException batch = new SQLException("batch failed", "HY000");
    batch.setNextException(new SQLException("connection lost", "08006"));
    return batch;
  }

  @ParameterizedTest
  @MethodSource("failures")
  void tellsTheDatabasesFailuresFromTheRequests(
      Throwable failure, boolean unavailable, boolean timedOut) {
    assertEquals(unavailable, DatabaseFailures.unavailable(failure), failure::toString);
    assertEquals(timedOut, DatabaseFailures.timedOut(failure), failure::toString);
  }

  @Test
  void followsNoCycleForever() {
    Throwable loop = new RuntimeException("a");
    Throwable other = new RuntimeException("b", loop);
    loop.initCause(other);
    assertEquals(false, DatabaseFailures.unavailable(loop));
    assertEquals(false, DatabaseFailures.timedOut(loop));
  }

  @Test
  void anIndexEntryTooLargeIsTheRequestsFaultNotAnOutage() {
    Exception refused =
        wrapped(new SQLException("index row size 6160 exceeds btree version 4 maximum", "54000"));
    assertEquals(true, DatabaseFailures.valueTooLargeToIndex(refused));
    assertEquals(false, DatabaseFailures.unavailable(refused));
    assertEquals(false, DatabaseFailures.timedOut(refused));
    assertEquals(false, DatabaseFailures.valueTooLargeToIndex(new SQLException("x", "23505")));
  }
}
