package dev.roster.users.control;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance last counted of each tenant's active users, and when: a floor under their
 * number that the deprovisionings of the next seconds use instead of counting again ({@link
 * DeprovisioningHold}).
 *
 * <p>It stays a floor because, while a tenant's hold is on, every deactivation and deletion of an
 * active user inserts a row of {@code DEPROVISIONING}, on any instance: the users active now are at
 * least those counted minus the rows since. (Creates and reactivations only add.) A hold switched
 * off lets deprovisionings pass without rows, so a count is trusted for {@link #TRUSTED_FOR} only,
 * and forgotten when this instance sees the hold off.
 */
final class ActiveUsersSeen {

  static final Duration TRUSTED_FOR = Duration.ofSeconds(10);

  /**
   * Instances' clocks may differ by this much: rows stamped this long before a count also count.
   */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

  /** At least {@code activeUsers} of the tenant were active at {@code at}. */
  record Seen(long activeUsers, LocalDateTime at) {

    /** Since when rows of deprovisionings make the floor lower. */
    LocalDateTime rowsSince() {
      return at.minus(CLOCK_MARGIN);
    }
  }

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** The tenant's last count, if it is recent enough to be trusted at {@code now}. */
  Optional<Seen> recent(String tenantId, LocalDateTime now) {
    Seen last = seen.get(tenantId);
    if (last == null || last.at().isBefore(now.minus(TRUSTED_FOR))) {
      seen.remove(tenantId);
      return Optional.empty();
    }
    return Optional.of(last);
  }

  void counted(String tenantId, long activeUsers, LocalDateTime at) {
    seen.put(tenantId, new Seen(activeUsers, at));
  }

  void forget(String tenantId) {
    seen.remove(tenantId);
  }
}
