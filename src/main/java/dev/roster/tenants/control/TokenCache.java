package dev.roster.tenants.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Valid tokens by hash, each for a few seconds ({@code roster.auth.cache-seconds}, default 5), so
 * that most requests are authenticated without a query.
 *
 * <p>The time-to-live bounds how long a change made elsewhere takes to reach this instance: a token
 * revoked, or a tenant disabled, on another instance stops working here within that time. On the
 * instance that makes the change, {@code Tenants} evicts the entry as its transaction commits, so
 * it stops at once. Refusals are not cached: an unknown token always costs one indexed query, and
 * cannot fill the cache.
 */
@ApplicationScoped
public class TokenCache {

  static final int MAX_ENTRIES = 10_000;

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private Duration timeToLive;

  private record Entry(TokenGrant grant, Instant loadedAt) {}

  protected TokenCache() {
    // for the CDI proxy
  }

  @Inject
  public TokenCache(
      @ConfigProperty(name = "roster.auth.cache-seconds", defaultValue = "5") int seconds) {
    this.timeToLive = Duration.ofSeconds(Math.max(0, seconds));
  }

  public Duration timeToLive() {
    return timeToLive;
  }

  /** The grant of the token with that hash, if it was loaded less than the time-to-live ago. */
  public Optional<TokenGrant> get(String hash, Instant now) {
    Entry entry = entries.get(hash);
    if (entry == null) {
      return Optional.empty();
    }
    if (!now.isBefore(entry.loadedAt.plus(timeToLive))) {
      entries.remove(hash, entry);
      return Optional.empty();
    }
    return Optional.of(entry.grant);
  }

  public void put(String hash, TokenGrant grant, Instant now) {
    if (timeToLive.isZero()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> !now.isBefore(e.loadedAt.plus(timeToLive)));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(hash, new Entry(grant, now));
  }

  /** Replaces the grant of a cached token (after its use was written), keeping its age. */
  public void update(String hash, TokenGrant grant) {
    entries.computeIfPresent(hash, (h, e) -> new Entry(grant, e.loadedAt));
  }

  public void evictToken(String tokenId) {
    entries.values().removeIf(e -> e.grant.tokenId().equals(tokenId));
  }

  public void evictTenant(String tenantId) {
    entries.values().removeIf(e -> e.grant.tenantId().equals(tenantId));
  }

  int size() {
    return entries.size();
  }
}
