package dev.roster.scim.filter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.patch.GroupPatch;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FilterLimits} at every place a filter enters: {@code GET ?filter=} and {@code .search}
 * (through {@link ListQuery}), PATCH paths of users ({@link PatchEngine}), group {@code
 * members[...]} paths ({@link GroupPatch}) and path-less keys that carry a value filter. One shape
 * over each limit is refused with the entry point's error keyword and a detail that names the
 * limit; the worst shapes within the limits are walked by every visitor, on a thread with a quarter
 * of the usual stack.
 */
class FilterLimitsTest {

  /** A filter of {@code n} terms made by {@code term(i)}, joined by {@code joiner}. */
  static String chain(int n, String joiner, Function<Integer, String> term) {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      terms.add(term.apply(i));
    }
    return String.join(joiner, terms);
  }

  static String nested(int levels, String inner) {
    return "(".repeat(levels) + inner + ")".repeat(levels);
  }

  static String notNested(int levels, String inner) {
    return "not (".repeat(levels) + inner + ")".repeat(levels);
  }

  /** Filters (relative to an email) just over one limit each, and the words of that limit. */
  static Stream<Arguments> overTheLimits() {
    return Stream.of(
        arguments(
            "value eq \"" + "x".repeat(FilterLimits.MAX_LENGTH) + "\"",
            "characters long; the limit is " + FilterLimits.MAX_LENGTH + " characters"),
        arguments(
            // characters are code points: an emoji is one, though Java counts two
            "value eq \"" + "\uD83D\uDE00".repeat(FilterLimits.MAX_LENGTH - 10) + "\"",
            "the limit is " + FilterLimits.MAX_LENGTH + " characters"),
        arguments(
            chain(FilterLimits.MAX_TERMS + 1, " or ", i -> "value eq \"a" + i + "\""),
            "more than " + FilterLimits.MAX_TERMS + " comparisons and presence tests"),
        arguments(
            chain(FilterLimits.MAX_TERMS + 1, " and ", i -> "type pr"),
            "more than " + FilterLimits.MAX_TERMS + " comparisons and presence tests"),
        arguments(
            nested(FilterLimits.MAX_DEPTH + 1, "type pr"),
            "more than " + FilterLimits.MAX_DEPTH + " levels of parentheses and brackets"),
        arguments(
            notNested(FilterLimits.MAX_DEPTH + 1, "type pr"),
            "more than " + FilterLimits.MAX_DEPTH + " levels of parentheses and brackets"),
        arguments(
            chain(FilterLimits.MAX_SUBSTRING_TERMS + 1, " or ", i -> "value co \"a" + i + "\""),
            "more than " + FilterLimits.MAX_SUBSTRING_TERMS + " co, sw and ew comparisons"),
        arguments(
            chain(FilterLimits.MAX_SUBSTRING_TERMS + 1, " and ", i -> "value sw \"a\""),
            "more than " + FilterLimits.MAX_SUBSTRING_TERMS + " co, sw and ew comparisons"),
        arguments(
            "value co \"" + "x".repeat(FilterLimits.MAX_SUBSTRING_LENGTH + 1) + "\"",
            "is "
                + (FilterLimits.MAX_SUBSTRING_LENGTH + 1)
                + " characters long; the limit for co, sw and ew values is "
                + FilterLimits.MAX_SUBSTRING_LENGTH),
        arguments(
            "value ew " + "x".repeat(FilterLimits.MAX_SUBSTRING_LENGTH + 1),
            "the limit for co, sw and ew values is " + FilterLimits.MAX_SUBSTRING_LENGTH),
        arguments(
            "value sw \"" + "\u00e9".repeat(FilterLimits.MAX_SUBSTRING_LENGTH + 1) + "\"",
            "the limit for co, sw and ew values is " + FilterLimits.MAX_SUBSTRING_LENGTH));
  }

  /**
   * The worst shapes the limits allow: as many terms as allowed, as deep as allowed, the most and
   * longest substring literals, and all of it at once. Paths are relative to an email.
   */
  static List<String> worstWithinTheLimits() {
    String longest = "a".repeat(FilterLimits.MAX_SUBSTRING_LENGTH);
    String substrings =
        chain(FilterLimits.MAX_SUBSTRING_TERMS, " or ", i -> "value co \"" + longest + "\"");
    return List.of(
        chain(FilterLimits.MAX_TERMS, " or ", i -> "value eq \"a" + i + "\""),
        chain(FilterLimits.MAX_TERMS, " and ", i -> "type pr"),
        nested(FilterLimits.MAX_DEPTH - 1, chain(FilterLimits.MAX_TERMS, " or ", i -> "type pr")),
        notNested(
            FilterLimits.MAX_DEPTH - 1, chain(FilterLimits.MAX_TERMS, " and ", i -> "type pr")),
        chain(FilterLimits.MAX_TERMS / 2, " or ", i -> "not (type pr and primary pr)"),
        substrings,
        notNested(
            FilterLimits.MAX_DEPTH - 1,
            substrings
                + chain(
                    FilterLimits.MAX_TERMS - FilterLimits.MAX_SUBSTRING_TERMS,
                    "",
                    i -> " and type ne \"t" + i + "\"")));
  }

  /** How each entry point reads a filter relative to an email, and its error keyword. */
  enum Entry {
    LIST_FILTER(ScimType.INVALID_FILTER) {
      @Override
      void read(String emailFilter) {
        ListQuery.of(
            ResourceType.USER,
            200,
            "emails[" + emailFilter + "]",
            null,
            null,
            null,
            null,
            null,
            null);
      }
    },
    USER_PATCH_PATH(ScimType.INVALID_PATH) {
      @Override
      void read(String emailFilter) {
        userPatch(
            Json.createObjectBuilder()
                .add("op", "replace")
                .add("path", "emails[" + emailFilter + "].display")
                .add("value", "x"));
      }
    },
    /** A path-less key that names nothing is ignored, as in a POST, and so is one over a limit. */
    USER_PATCH_KEY(null) {
      @Override
      void read(String emailFilter) {
        userPatch(
            Json.createObjectBuilder()
                .add("op", "add")
                .add(
                    "value",
                    Json.createObjectBuilder().add("emails[" + emailFilter + "].display", "x")));
      }
    },
    GROUP_MEMBERS_PATH(ScimType.INVALID_PATH) {
      @Override
      void read(String emailFilter) {
        // the same shapes on a member: value, type and display are sub-attributes of both
        String memberFilter = emailFilter.replace("primary pr", "display pr");
        GroupPatch.of(
            List.of(
                new PatchOperation(
                    PatchOperation.Op.REMOVE, "members[" + memberFilter + "]", null)));
      }
    };

    final ScimType refusal;

    Entry(ScimType refusal) {
      this.refusal = refusal;
    }

    abstract void read(String emailFilter);
  }

  static final JsonObject USER =
      Json.createObjectBuilder()
          .add("userName", "bjensen")
          .add(
              "emails",
              Json.createArrayBuilder()
                  .add(
                      Json.createObjectBuilder().add("value", "b@example.com").add("type", "work")))
          .build();

  static void userPatch(jakarta.json.JsonObjectBuilder operation) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("Operations", Json.createArrayBuilder().add(operation))
            .build();
    new PatchEngine(ResourceType.USER).apply(USER, PatchOperation.listOf(body));
  }

  static Stream<Arguments> overTheLimitsAtEveryEntry() {
    return Stream.of(Entry.values())
        .filter(entry -> entry.refusal != null)
        .flatMap(entry -> overTheLimits().map(row -> arguments(entry, row.get()[0], row.get()[1])));
  }

  @ParameterizedTest(name = "{0} [{index}] {2}")
  @MethodSource("overTheLimitsAtEveryEntry")
  void refusesFiltersOverALimitNamingIt(Entry entry, String filter, String limit) {
    ScimException e = assertThrows(ScimException.class, () -> entry.read(filter));

    assertEquals(400, e.status());
    assertEquals(entry.refusal, e.scimType().orElseThrow(), e.detail());
    assertTrue(e.detail().contains(limit), e.detail());
    assertTrue(e.detail().length() < 400, "a short detail, not the client's text: " + e.detail());
  }

  /**
   * The findings of issue 12: 1,000 {@code or} terms in a search, 5,000 in a PATCH path and 30,000
   * in a group's {@code members[...]} path overflowed the stack (a 500).
   */
  @Test
  void refusesTheIssuesFiltersAsInvalid() {
    String search = chain(1_000, " or ", i -> "userName eq \"u" + i + "\"");
    String path = "emails[" + chain(5_000, " or ", i -> "value eq \"e" + i + "\"") + "].display";
    String members = "members[" + chain(30_000, " or ", i -> "value eq \"m" + i + "\"") + "]";

    assertEquals(
        ScimType.INVALID_FILTER,
        assertThrows(
                ScimException.class,
                () ->
                    ListQuery.ofSearchRequest(
                        ResourceType.USER,
                        200,
                        Json.createObjectBuilder().add("filter", search).build()))
            .scimType()
            .orElseThrow());
    assertEquals(
        ScimType.INVALID_PATH,
        assertThrows(
                ScimException.class,
                () -> userPatch(Json.createObjectBuilder().add("op", "remove").add("path", path)))
            .scimType()
            .orElseThrow());
    assertEquals(
        ScimType.INVALID_PATH,
        assertThrows(
                ScimException.class,
                () ->
                    GroupPatch.of(
                        List.of(new PatchOperation(PatchOperation.Op.REMOVE, members, null))))
            .scimType()
            .orElseThrow());
  }

  /**
   * Within the limits, every entry point reads the worst shapes, and the in-memory matcher, the
   * tree's own methods, the PATCH engine and the group planner walk them, with a quarter of the
   * usual stack to spare.
   */
  @Test
  void walksTheWorstShapesWithinTheLimitsOnASmallStack() throws InterruptedException {
    var emails = ResourceType.USER.schema().attribute("emails").orElseThrow();
    JsonObject element = USER.getJsonArray("emails").getJsonObject(0);
    onSmallStack(
        () -> {
          for (String shape : worstWithinTheLimits()) {
            Filter filter = Filter.parse("emails[" + shape + "]");
            Filter inner = ((Filter.ValuePath) filter).filter();
            ElementMatcher.matches(emails, inner, element);
            Filter again = Filter.parse("emails[" + shape + "]");
            assertEquals(filter, again);
            assertEquals(filter.hashCode(), again.hashCode());
            assertTrue(filter.toString().startsWith("emails["));
            for (Entry entry : Entry.values()) {
              try {
                entry.read(shape);
              } catch (ScimException noTargetOrSuch) {
                // a valid PATCH may still match nothing; only the limits matter here
                assertTrue(!noTargetOrSuch.detail().contains("limit"), noTargetOrSuch.detail());
              }
            }
          }
        });
  }

  @Test
  void everyWorstShapeIsWithinTheLimits() {
    List<String> shapes = new ArrayList<>(worstWithinTheLimits());
    // characters are code points: 4,000 emoji are 8,000 Java chars, but within the limit
    String emoji = "\uD83D\uDE00";
    shapes.add("value eq \"" + emoji.repeat(4000) + "\"");
    shapes.add("value co \"" + emoji.repeat(FilterLimits.MAX_SUBSTRING_LENGTH) + "\"");
    for (String shape : shapes) {
      assertDoesNotThrow(() -> Filter.parse("emails[" + shape + "]"), shape);
      assertDoesNotThrow(() -> PatchPath.parse("emails[" + shape + "].display"), shape);
    }
  }

  static void onSmallStack(Runnable work) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> run(work, failure::set), "small-stack", 256 * 1024);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  private static void run(Runnable work, Consumer<Throwable> failure) {
    try {
      work.run();
    } catch (Throwable t) {
      failure.accept(t);
    }
  }
}
