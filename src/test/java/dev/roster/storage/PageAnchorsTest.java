package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageAnchorsTest {

  final PageAnchors anchors = new PageAnchors();

  @Test
  void aServedPageAnchorsItselfAndTheNextPage() {
    long generation = anchors.generation("users:acme");
    anchors.remember("users:acme", generation, 100, 100, 1_001, 1_250, 5_000);
    assertEquals(
        Optional.of(new PageAnchors.Anchor(1_001, 5_000)),
        anchors.find("users:acme", generation, 100));
    assertEquals(
        Optional.of(new PageAnchors.Anchor(1_251, 5_000)),
        anchors.find("users:acme", generation, 200));
    assertTrue(anchors.find("users:acme", generation, 300).isEmpty());
    assertTrue(anchors.find("users:globex", generation, 200).isEmpty(), "scopes are apart");
  }

  @Test
  void aChangeOutdatesTheScopesAnchorsOnly() {
    long users = anchors.generation("users:acme");
    long groups = anchors.generation("groups:acme");
    anchors.remember("users:acme", users, 0, 10, 1, 10, 50);
    anchors.remember("groups:acme", groups, 0, 10, 1, 10, 50);
    anchors.changed("users:acme");
    assertTrue(anchors.find("users:acme", anchors.generation("users:acme"), 10).isEmpty());
    assertTrue(anchors.find("groups:acme", anchors.generation("groups:acme"), 10).isPresent());
  }

  @Test
  void aPageComputedBeforeAChangeIsNotTakenForTheNewGeneration() {
    long before = anchors.generation("users:acme"); // a reader starts
    anchors.changed("users:acme"); // a delete commits while it reads
    anchors.remember("users:acme", before, 0, 10, 1, 10, 50); // the reader remembers old rows
    assertTrue(anchors.find("users:acme", anchors.generation("users:acme"), 10).isEmpty());
  }

  @Test
  void aFullMapStartsOver() {
    long generation = anchors.generation("users:acme");
    for (int page = 0; page < PageAnchors.MAX_ANCHORS / 2; page++) { // two anchors a page
      anchors.remember(
          "users:acme", generation, page * 20L, 10, page * 20L + 1, page * 20L + 10, 1);
    }
    anchors.remember("users:acme", generation, 1_000_000_000L, 10, 1, 10, 1);
    assertTrue(anchors.find("users:acme", generation, 0).isEmpty());
    assertTrue(anchors.find("users:acme", generation, 1_000_000_010L).isPresent());
  }
}
