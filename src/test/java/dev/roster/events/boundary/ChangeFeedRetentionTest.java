package dev.roster.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the hourly purge goes on from one chunk to the next. */
class ChangeFeedRetentionTest {

  @Test
  void goesOnWhileAChunkDeletesAtLeastItsSize() {
    // a chunk may delete more than it read: old events numbered between the oldest it read
    ScriptedFeed feed =
        new ScriptedFeed(ChangeFeedRetention.CHUNK + 7, ChangeFeedRetention.CHUNK, 3);
    ChangeFeedRetention retention = new ChangeFeedRetention();
    retention.feed = feed;
    retention.retentionDays = 30;

    assertEquals(2L * ChangeFeedRetention.CHUNK + 10, retention.purgeExpired());
    assertEquals(3, feed.calls.size());
  }

  /** A feed whose purges delete the given counts, one per call. */
  private static final class ScriptedFeed extends ChangeFeed {
    final Deque<Integer> counts = new ArrayDeque<>();
    final List<Instant> calls = new ArrayList<>();

    ScriptedFeed(Integer... counts) {
      this.counts.addAll(List.of(counts));
    }

    @Override
    public int purgeOlderThan(Instant cutoff, int max) {
      calls.add(cutoff);
      return counts.isEmpty() ? 0 : counts.pop();
    }
  }
}
