package dev.roster.users.control;

import dev.roster.events.boundary.ChangeEvents;
import dev.roster.storage.DeprovisioningRows;
import dev.roster.storage.Timestamps;
import dev.roster.tenants.boundary.HoldThreshold;
import dev.roster.users.boundary.DirectoryUser;
import dev.roster.users.entity.StoredUser;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The deprovisioning hold of one write (docs/deprovisioning-hold.md): whether a deactivation or
 * deletion passes or is held, and what a held one keeps back.
 *
 * <p>Each deprovisioning locks its tenant's row, counts the tenant's deprovisionings of the last
 * hour and inserts its own, in the write's transaction: so the count is exact on any number of
 * instances, and a write that rolls back counts for nothing. Once one is held, the ones that follow
 * are held too until an admin decides: a review is open.
 */
final class DeprovisioningHold {

  static final Duration WINDOW = Duration.ofHours(1);

  private static final ActiveUsersSeen SEEN = new ActiveUsersSeen();

  private final DeprovisioningRows rows;
  private final ChangeEvents events;
  private final String tenantId;

  DeprovisioningHold(DeprovisioningRows rows, ChangeEvents events, String tenantId) {
    this.rows = rows;
    this.events = events;
    this.tenantId = tenantId;
  }

  /**
   * A deprovisioning of {@code user}: {@code recordEvents} records its events, which reach the feed
   * when it passes and are kept back with it when it is held.
   *
   * @param productView the user as the product saw it before
   * @return whether it is held
   */
  boolean deprovision(
      StoredUser user, String kind, String request, DirectoryUser productView, Runnable record) {
    Optional<DeprovisioningRows.Threshold> stored = rows.lockThreshold(tenantId);
    if (stored.isEmpty() || !stored.get().enabled()) {
      SEEN.forget(tenantId); // what passes now leaves no row: a count from before is no floor
      record.run();
      return false;
    }
    HoldThreshold threshold =
        new HoldThreshold(true, stored.get().percent(), stored.get().minimum());
    LocalDateTime now = Timestamps.now();
    rows.forgetPassedBefore(tenantId, now.minus(WINDOW.multipliedBy(2)));
    boolean reviewOpen = rows.countHeld(tenantId) > 0;
    boolean held = reviewOpen || beyond(threshold, now);
    events.append(); // what the write recorded before (a link) is not kept back
    record.run();
    String keptBack = held ? events.divert() : null;
    rows.insert(
        new DeprovisioningRows.Row(
            UUID.randomUUID().toString(),
            tenantId,
            user.scimId(),
            kind,
            now,
            request,
            held ? DeprovisioningRows.HELD : DeprovisioningRows.PASSED,
            productView.json().toString(),
            keptBack,
            null,
            null));
    if (held && !reviewOpen) {
      events.deprovisioningHeld(user.scimId(), threshold.describe());
    }
    return held;
  }

  /**
   * Whether the next deprovisioning of the hour goes beyond the threshold. The tenant's active
   * users are counted only when the floor left by a recent count ({@link ActiveUsersSeen}) does not
   * decide, and then twice as far as the threshold needs, so that the floor decides the next ones:
   * counting a tenant of 100,000 whole cost 70 ms of CPU per deactivation, and under the tenant's
   * lock concurrent deactivations waited for each other beyond the statement timeout
   * (docs/deprovisioning-hold.md). Decisions are those of a whole count.
   */
  private boolean beyond(HoldThreshold threshold, LocalDateTime now) {
    long nth = rows.countSince(tenantId, now.minus(WINDOW)) + 1;
    long toPass = threshold.activeUsersToPass(nth);
    if (toPass == 0) {
      return false; // within the minimum whatever the tenant's size: no need to count its users
    }
    if (toPass == Long.MAX_VALUE) {
      return true;
    }
    // the active users before this hour's deprovisionings are those active now and the nth - 1
    // made inactive this hour (toPass is at least nth, so this is at least 1)
    long activeNowToPass = toPass - (nth - 1);
    Optional<ActiveUsersSeen.Seen> seen = SEEN.recent(tenantId, now);
    if (seen.isPresent()
        && seen.get().activeUsers() - rows.countSince(tenantId, seen.get().rowsSince())
            >= activeNowToPass) {
      return false;
    }
    long counted = rows.activeUsersUpTo(tenantId, 2 * activeNowToPass);
    SEEN.counted(tenantId, counted, now);
    return counted < activeNowToPass;
  }

  /** A user whose deactivation is held is deleted: the deletion joins that hold. */
  void deletionJoinsHold(StoredUser user, DirectoryUser productView, Runnable record) {
    Optional<DeprovisioningRows.Row> open = rows.open(tenantId, user.scimId());
    if (open.isEmpty()) {
      record.run();
      return;
    }
    events.append();
    record.run();
    rows.becameDeletion(
        open.get().id(), productView.json().toString(), events.divertAfter(open.get().events()));
  }

  /**
   * The identity provider reactivated a user whose deactivation was held or rejected: the hold
   * resolves itself, and what it kept back is dropped (the product never saw the user inactive).
   */
  void reactivated(StoredUser user) {
    rows.open(tenantId, user.scimId()).ifPresent(row -> rows.resolve(row.id(), Timestamps.now()));
    user.setHold(null);
  }
}
