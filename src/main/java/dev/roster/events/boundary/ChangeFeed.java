package dev.roster.events.boundary;

import dev.roster.events.entity.ChangeEvent;
import dev.roster.scim.ScimException;
import dev.roster.storage.ChangeEventRows;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
   * One page of events numbered above {@code after}.
   *
   * @param latest the number of the tenant's latest committed event when the page was read
   */
  public record Page(List<ChangeEvent> events, long latest) {}

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
    return new Page(events, latest);
  }

  /** The number of the tenant's latest event, 0 before its first. */
  public long latest(String tenantId) {
    return new ChangeEventRows(em).lastNumber(tenantId);
  }

  /** Deletes up to {@code max} events that occurred before the cutoff; returns how many. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int purgeOlderThan(Instant cutoff, int max) {
    return new ChangeEventRows(em).purgeOlderThan(cutoff, max);
  }
}
