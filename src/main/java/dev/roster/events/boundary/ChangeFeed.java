package dev.roster.events.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.events.entity.ChangeEvent;
import dev.roster.scim.JsonBodies;
import dev.roster.scim.ScimException;
import dev.roster.storage.ChangeEventRows;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's change feed, read in pages by event number (docs/change-feed.md). Each read is short
 * and needs no transaction of its own; waiting for new events ({@link FeedWaiters}) happens between
 * reads, never inside one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChangeFeed {

  @PersistenceContext EntityManager em;

  /**
   * One page of events numbered above {@code after}, as readers get them ({@link #json}).
   *
   * @param next the number of the page's last event, or {@code after} when it has none
   * @param latest the number of the tenant's latest committed event when the page was read
   */
  public record Page(List<JsonObject> events, long next, long latest) {}

  /**
   * Up to {@code limit} events after {@code after}, in order.
   *
   * @throws ScimException 410 when events after {@code after} are no longer kept, so that the
   *     reader knows to read the directory again instead of missing changes
   */
  public Page page(String tenantId, long after, int limit) {
    ChangeEventRows rows = new ChangeEventRows(em);
    long latest = rows.lastNumber(tenantId);
    if (after > latest) {
      throw ScimException.invalidValue(
          "after=" + after + " is beyond the tenant's latest event, " + latest + ".");
    }
    List<ChangeEvent> events = rows.after(tenantId, after, limit);
    if (after < latest) {
      long first = events.isEmpty() ? 0 : events.get(0).seq();
      if (first != after + 1) {
        long oldest = rows.oldestKept(tenantId);
        throw ScimException.gone(
            "Events after "
                + after
                + " are no longer kept"
                + (oldest == 0
                    ? " (none are)"
                    : " (the oldest kept is " + oldest + "; read from after=" + (oldest - 1) + ")")
                + ". Read the directory again, then follow the feed from after="
                + latest
                + ".");
      }
    }
    long next = events.isEmpty() ? after : events.get(events.size() - 1).seq();
    return new Page(events.stream().map(ChangeFeed::json).toList(), next, Math.max(next, latest));
  }

  /**
   * One event as readers of the feed (and receivers of webhooks) get it: its number, an id that is
   * the same wherever it is delivered, type, tenant, time, resource and data.
   */
  public static JsonObject json(ChangeEvent event) {
    return JSON.createObjectBuilder()
        .add("seq", event.seq())
        .add("id", "evt_" + event.tenantId() + "_" + event.seq())
        .add("type", event.type())
        .add("tenant", event.tenantId())
        .add("occurred", event.occurred().toString())
        .add("resourceId", event.resourceId())
        .add("data", JsonBodies.parseValue(new StringReader(event.data())))
        .build();
  }

  /** An event as sent to a webhook: its number, type, and what readers of the feed get. */
  public record Sendable(long seq, String type, JsonObject json) {}

  /**
   * Up to {@code limit} kept events after {@code after}, in order, without the check that none were
   * purged in between: a webhook deliverer sees a gap in the numbers and says so itself.
   */
  public List<Sendable> since(String tenantId, long after, int limit) {
    return new ChangeEventRows(em)
        .after(tenantId, after, limit).stream()
            .map(e -> new Sendable(e.seq(), e.type(), json(e)))
            .toList();
  }

  /** The event with that number, when it is kept. */
  public java.util.Optional<Sendable> event(String tenantId, long seq) {
    return since(tenantId, seq - 1, 1).stream().filter(e -> e.seq() == seq).findFirst();
  }

  /** The number of the tenant's latest event, 0 before its first. */
  public long latest(String tenantId) {
    return new ChangeEventRows(em).lastNumber(tenantId);
  }

  /** Deletes the {@code max} oldest events before the cutoff, or a few more; returns how many. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int purgeOlderThan(Instant cutoff, int max) {
    return new ChangeEventRows(em).purgeOlderThan(cutoff, max);
  }
}
