package dev.roster.users.boundary;

import dev.roster.storage.ProductAccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether a tenant may have imported accounts that await their link (docs/account-import.md), so
 * that a POST looks for one by email only then: a tenant that never imported pays one indexed query
 * every {@value #FRESH_SECONDS} seconds, not one per request. An import on this instance says so at
 * once; another instance learns it within that time, long before provisioning starts.
 */
@ApplicationScoped
public class AccountLinks {

  static final long FRESH_SECONDS = 10;

  private record Known(boolean awaiting, long atNanos) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();

  boolean mayAwait(String tenantId, EntityManager em) {
    long now = System.nanoTime();
    Known k = known.get(tenantId);
    if (k != null && now - k.atNanos() < TimeUnit.SECONDS.toNanos(FRESH_SECONDS)) {
      return k.awaiting();
    }
    boolean awaiting = new ProductAccountRows(em).anyUnlinked(tenantId);
    known.put(tenantId, new Known(awaiting, now));
    return awaiting;
  }

  void imported(String tenantId) {
    known.put(tenantId, new Known(true, System.nanoTime()));
  }
}
