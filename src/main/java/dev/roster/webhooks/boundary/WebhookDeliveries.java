package dev.roster.webhooks.boundary;

import dev.roster.events.boundary.ChangeFeed;
import dev.roster.storage.WebhookRows;
import dev.roster.storage.WebhookRows.CursorKey;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deliverer's reads and writes, each its own short transaction: no transaction is open while a
 * request to an endpoint is in flight.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookDeliveries {

  @PersistenceContext EntityManager em;

  @Inject ChangeFeed feed;

  public int addMissingCursors(Instant now) {
    return rows().addMissingCursors(now);
  }

  public List<CursorKey> due(Instant now, int limit) {
    return rows().due(now, limit);
  }

  public boolean claim(CursorKey key, String owner, Instant now, Instant until) {
    return rows().claim(key, owner, now, until);
  }

  public Optional<WebhookRows.Cursor> cursor(CursorKey key) {
    return rows().cursor(key);
  }

  public Optional<WebhookRows.Endpoint> endpoint(String id) {
    return rows().endpoint(id);
  }

  public List<ChangeFeed.Sendable> events(String tenantId, long after, int limit) {
    return feed.since(tenantId, after, limit);
  }

  /** Moves the cursor and records the attempts together. */
  public boolean move(
      CursorKey key,
      String owner,
      WebhookRows.Cursor next,
      List<WebhookRows.Attempt> attempts,
      Instant leaseUntil) {
    WebhookRows rows = rows();
    boolean held =
        rows.move(
            key,
            owner,
            next.deliveredSeq(),
            next.replayFrom(),
            next.replayTo(),
            next.attempts(),
            next.nextAttempt(),
            next.firstFailure(),
            next.lastStatus(),
            next.lastError(),
            leaseUntil);
    if (held) {
      attempts.forEach(rows::insert);
    }
    return held;
  }

  public void release(CursorKey key, String owner) {
    rows().release(key, owner);
  }

  public int purgeAttemptsBefore(Instant cutoff, int max) {
    return rows().purgeAttemptsBefore(cutoff, max);
  }

  private WebhookRows rows() {
    return new WebhookRows(em);
  }
}
