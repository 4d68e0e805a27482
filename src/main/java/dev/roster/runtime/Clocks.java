package dev.roster.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Produces the {@link Clock} that beans inject: the system's, in UTC. An in-container test replaces
 * it with an {@code @Alternative} of higher priority that it can move forward.
 *
 * <p>It lives in a package of its own, not in a feature: a producer serves every injection point of
 * its type in the application, so a feature that injects a {@code Clock} gets this one whatever
 * package declares it, and none should seem to borrow it from another feature.
 */
@ApplicationScoped
public class Clocks {

  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
