package dev.roster.storage;

import dev.roster.runtime.AfterTransaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the pages of an unfiltered list start, so that a client walking a whole directory with
 * {@code startIndex} (Okta's import: {@code startIndex=1, 101, 201…, count=100}) costs the same on
 * its last page as on its first.
 *
 * <p>With {@code OFFSET}, the database steps over every row before the page, and counts every row
 * of the tenant for {@code totalResults}: a walk of a million users grows quadratically. Instead,
 * serving a page remembers the row id its next page starts at, and the total. The next request for
 * that {@code startIndex} reads {@code id >= anchor} through the primary key and reuses the total.
 *
 * <p>The answers stay those of {@code OFFSET}: an anchor belongs to one <em>generation</em> of its
 * scope (a tenant's users, or its groups), and every create or delete in the scope starts a new
 * generation once it has committed. A reader takes the generation <em>before</em> it queries, so an
 * anchor is never younger than the rows it was computed from. Across several instances, a change
 * made by another one is not seen here: there an anchor lives at most {@link #TIME_TO_LIVE_NANOS},
 * and until then the walk continues after the row it reached, which RFC 7644 §3.4.2.4 allows
 * ("clients MUST be prepared to handle inconsistent results").
 */
@ApplicationScoped
public class PageAnchors {

  /** Five minutes: a walk requests its next page within seconds. */
  static final long TIME_TO_LIVE_NANOS = 5L * 60 * 1_000_000_000;

  /** About 10 MB at most; when full, every anchor is forgotten and walks resume from offsets. */
  static final int MAX_ANCHORS = 100_000;

  /** A page at this offset starts at the first row whose id is at least {@code fromId}. */
  public record Anchor(long fromId, long total) {}

  private record Entry(long generation, long fromId, long total, long createdNanos) {}

  @Resource TransactionSynchronizationRegistry transactions;

  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<String, Entry> anchors = new ConcurrentHashMap<>();

  /** The scope's current generation: read it before querying, pass it to the other methods. */
  public long generation(String scope) {
    return generations.computeIfAbsent(scope, s -> new AtomicLong()).get();
  }

  /**
   * A create or delete in the scope is being written: {@link #changed} once its transaction ends.
   */
  public void changedAfterTransaction(String scope) {
    AfterTransaction.run(transactions, () -> changed(scope));
  }

  /**
   * A create or delete in the scope has ended: every anchor of the scope is outdated. Call it after
   * the transaction (see {@code AfterTransaction}), not before: a reader could otherwise remember
   * pages of the old rows under the new generation.
   */
  public void changed(String scope) {
    generations.computeIfAbsent(scope, s -> new AtomicLong()).incrementAndGet();
  }

  /** The anchor for a page at this 0-based offset, if one of this generation is known. */
  public Optional<Anchor> find(String scope, long generation, long offset) {
    Entry entry = anchors.get(key(scope, offset));
    if (entry == null
        || entry.generation() != generation
        || System.nanoTime() - entry.createdNanos() > TIME_TO_LIVE_NANOS) {
      return Optional.empty();
    }
    return Optional.of(new Anchor(entry.fromId(), entry.total()));
  }

  /**
   * A page was served at {@code offset} with ids {@code firstId..lastId} (ascending) and the total:
   * remembers where it and the page after it start.
   */
  public void remember(
      String scope, long generation, long offset, int size, long firstId, long lastId, long total) {
    if (anchors.size() >= MAX_ANCHORS) {
      anchors.clear();
    }
    long now = System.nanoTime();
    anchors.put(key(scope, offset), new Entry(generation, firstId, total, now));
    anchors.put(key(scope, offset + size), new Entry(generation, lastId + 1, total, now));
  }

  private static String key(String scope, long offset) {
    return scope + '@' + offset;
  }
}
