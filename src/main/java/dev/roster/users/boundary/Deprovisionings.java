package dev.roster.users.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.events.boundary.ChangeEvents;
import dev.roster.scim.ScimException;
import dev.roster.storage.DeprovisioningRows;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.Timestamps;
import dev.roster.users.control.UserStore;
import dev.roster.users.entity.StoredUser;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's held deprovisionings and the decisions on them (docs/deprovisioning-hold.md): what is
 * held (who, when, which request), release (the held events reach the feed, in their order) and
 * reject (the users stay active for the product). Each decision records who made it.
 */
@Stateless
public class Deprovisionings {

  /** The states a deprovisioning can be listed by. */
  public static final Set<String> STATES =
      Set.of(
          DeprovisioningRows.HELD,
          DeprovisioningRows.RELEASED,
          DeprovisioningRows.REJECTED,
          DeprovisioningRows.RESOLVED);

  /** The most a decision takes at once; deciding all goes part by part. */
  public static final int PART = 500;

  @PersistenceContext EntityManager em;

  /**
   * One deprovisioning as an admin reviews it.
   *
   * @param user the user as the product saw it before (the fields of the change feed's {@code
   *     user})
   * @param request the SCIM request that deprovisioned, e.g. {@code PATCH /Users/…}
   */
  public record Deprovisioning(
      String id,
      String userId,
      String kind,
      Instant occurred,
      String request,
      String state,
      JsonObject user,
      String decidedBy,
      Instant decidedAt) {

    /** The user's name for people: displayName, else userName. */
    public String userLabel() {
      String name = user.isNull("displayName") ? null : user.getString("displayName", null);
      return name != null ? name : user.getString("userName", userId);
    }

    public JsonObject json() {
      var json =
          JSON.createObjectBuilder()
              .add("id", id)
              .add("userId", userId)
              .add("kind", kind)
              .add("occurred", occurred.toString())
              .add("request", request)
              .add("state", state)
              .add("user", user);
      if (decidedBy == null) {
        json.addNull("decidedBy").addNull("decidedAt");
      } else {
        json.add("decidedBy", decidedBy).add("decidedAt", decidedAt.toString());
      }
      return json.build();
    }
  }

  /** Newest first, at most {@code limit}: held ones, or those in {@code state}. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Deprovisioning> list(String tenantId, String state, int limit) {
    if (state != null && !STATES.contains(state)) {
      throw ScimException.invalidValue(
          "state must be one of held, released, rejected, resolved, or absent for all.");
    }
    return new DeprovisioningRows(em)
        .page(tenantId, state, limit).stream().map(Deprovisionings::view).toList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long countHeld(String tenantId) {
    return new DeprovisioningRows(em).countHeld(tenantId);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, Long> heldByTenant() {
    return new DeprovisioningRows(em).heldByTenant();
  }

  /** Up to {@value #PART} ids of the tenant's held deprovisionings, oldest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> heldIds(String tenantId) {
    return new DeprovisioningRows(em).heldIds(tenantId, PART);
  }

  /**
   * Releases or rejects these held deprovisionings of the tenant (ids that are not held, or not the
   * tenant's, are skipped), in one transaction.
   *
   * @param by who decided: an admin's name, or {@code api-key <prefix>}
   * @return how many this call decided
   */
  public int decide(String tenantId, List<String> ids, boolean release, String by) {
    if (ids.size() > PART) {
      throw ScimException.invalidValue("Decide at most " + PART + " deprovisionings at once.");
    }
    LocalDateTime now = Timestamps.now();
    DeprovisioningRows rows = new DeprovisioningRows(em);
    List<DeprovisioningRows.Row> decided =
        rows.decide(
            tenantId,
            ids,
            release ? DeprovisioningRows.RELEASED : DeprovisioningRows.REJECTED,
            by,
            now);
    if (decided.isEmpty()) {
      return 0;
    }
    ResourceRows<StoredUser> users = ResourceRows.users(em, tenantId);
    ChangeEvents events = new ChangeEvents(em, tenantId);
    List<String> userIds = new ArrayList<>();
    decided.forEach(row -> userIds.add(row.userId()));
    events.deprovisioningDecided(release, userIds, by);
    for (DeprovisioningRows.Row row : decided) {
      if (release) {
        events.restore(row.events());
      }
      // a held deactivation's user is still a user: the product now sees what SCIM says (released)
      // or goes on seeing it active (rejected)
      users
          .find(row.userId())
          .filter(u -> u.hold() != null)
          .ifPresent(u -> u.setHold(release ? null : UserStore.KEPT));
    }
    events.append();
    return decided.size();
  }

  static Deprovisioning view(DeprovisioningRows.Row row) {
    return new Deprovisioning(
        row.id(),
        row.userId(),
        row.kind(),
        Timestamps.instant(row.occurred()),
        row.request(),
        row.state(),
        JSON.createReader(new StringReader(row.userJson())).readObject(),
        row.decidedBy(),
        row.decidedAt() == null ? null : Timestamps.instant(row.decidedAt()));
  }
}
