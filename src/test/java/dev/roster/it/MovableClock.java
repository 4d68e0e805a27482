package dev.roster.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that an in-container test moves forward instead of sleeping. An
 * enabled alternative, so it replaces the application's {@code Clock} in the deployments that add
 * it (and only there: it is a test class, never in the WAR that ships).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class MovableClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves the time forward (or back) by that much, for every bean of the application. */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /** Back to the system's time. */
  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), offset);
  }
}
