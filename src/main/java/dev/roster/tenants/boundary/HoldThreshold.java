package dev.roster.tenants.boundary;

import dev.roster.scim.ScimException;

/**
 * When a tenant's deprovisionings are held for review (docs/deprovisioning-hold.md): a deactivation
 * or deletion is held once the tenant has had more than {@code percent} of its active users, and
 * more than {@code minimum}, deprovisioned within the last hour. The default (10%, 50) is what
 * issue 16 asked for; {@code enabled} false passes everything.
 *
 * @param percent 0 to 100
 * @param minimum 0 or more: at most this many pass in an hour whatever the tenant's size
 */
public record HoldThreshold(boolean enabled, int percent, int minimum) {

  public static final HoldThreshold DEFAULT = new HoldThreshold(true, 10, 50);

  public HoldThreshold {
    if (percent < 0 || percent > 100) {
      throw ScimException.invalidValue("The hold's percent must be from 0 to 100.");
    }
    if (minimum < 0) {
      throw ScimException.invalidValue("The hold's minimum must be 0 or more.");
    }
  }

  /**
   * How many deprovisionings may pass within an hour: the larger of {@code minimum} and {@code
   * percent} of the active users (rounded up).
   *
   * @param activeUsers the tenant's active users before this hour's deprovisionings
   */
  public long allowed(long activeUsers) {
    long share = (activeUsers * percent + 99) / 100;
    return Math.max(minimum, share);
  }

  /** Whether the {@code nth} deprovisioning of the hour is held. */
  public boolean holds(long nth, long activeUsers) {
    return enabled && nth > allowed(activeUsers);
  }

  /**
   * The fewest active users (before this hour's deprovisionings) with which the {@code nth}
   * deprovisioning of the hour passes: 0 when it passes whatever the tenant's size (within the
   * minimum, or switched off), {@link Long#MAX_VALUE} when no size lets it pass (percent 0). So a
   * tenant's users need only be counted up to this many, not all of them.
   */
  public long activeUsersToPass(long nth) {
    if (!enabled || nth <= minimum) {
      return 0;
    }
    if (percent == 0) {
      return Long.MAX_VALUE;
    }
    // passes when nth <= ceil(a * percent / 100), that is when a * percent > (nth - 1) * 100
    return (nth - 1) * 100 / percent + 1;
  }

  /** For people: "more than 10% of active users or more than 50, whichever is larger". */
  public String describe() {
    if (!enabled) {
      return "off: every deactivation and deletion passes";
    }
    return "more than "
        + percent
        + "% of active users or more than "
        + minimum
        + ", whichever is larger, within one hour";
  }
}
