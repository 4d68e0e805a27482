package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.admin.control.LogFilters.Outcome;
import dev.roster.provisioning.boundary.LogCursor;
import dev.roster.provisioning.boundary.LogQuery;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogFiltersTest {

  /** Parameters as a URL query string, decoded as a servlet container would. */
  private static LogFilters parse(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        parameters.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return LogFilters.parse(parameters::get);
  }

  @Test
  void noParametersIsNoFilter() {
    LogFilters filters = parse("");

    assertEquals(LogFilters.NONE, filters);
    assertFalse(filters.filtered());
    assertEquals("", filters.urlQuery());
  }

  @Test
  void emptyParametersAsAFormSendsThemAreNoFilter() {
    LogFilters filters = parse("tenant=&from=&to=&outcome=&method=&type=&q=+&correlation=&after=");

    assertEquals(LogFilters.NONE, filters);
  }

  @Test
  void readsEveryFilter() {
    LogFilters filters =
        parse(
            "tenant=acme&from=2026-11-23T09:00:00Z&to=2026-11-24T00:00:00Z&outcome=client-error"
                + "&method=post&type=user&q=bjensen&correlation=abc-123"
                + "&after=2026-11-23T10:00:00.5Z_4711");

    assertEquals("acme", filters.tenant());
    assertEquals(Instant.parse("2026-11-23T09:00:00Z"), filters.from());
    assertEquals(Instant.parse("2026-11-24T00:00:00Z"), filters.to());
    assertEquals(Outcome.CLIENT_ERROR, filters.outcome());
    assertEquals("POST", filters.method());
    assertEquals("User", filters.type());
    assertEquals("bjensen", filters.text());
    assertEquals("abc-123", filters.correlation());
    assertEquals(new LogCursor(Instant.parse("2026-11-23T10:00:00.5Z"), 4711), filters.after());
    assertTrue(filters.filtered());
  }

  @Test
  void becomesTheLogQuery() {
    LogQuery query =
        parse(
                "tenant=acme&from=2026-11-23T09:00Z&to=2026-11-24T00:00Z&outcome=error"
                    + "&method=PATCH&type=Group&q=x&correlation=c&after=2026-11-23T10:00:00Z_7")
            .query()
            .limit(20)
            .build();

    assertEquals(
        new LogQuery(
            "acme",
            Instant.parse("2026-11-23T09:00:00Z"),
            Instant.parse("2026-11-24T00:00:00Z"),
            400,
            null,
            "PATCH",
            "Group",
            "c",
            null,
            "x",
            new LogCursor(Instant.parse("2026-11-23T10:00:00Z"), 7),
            null,
            20),
        query);
  }

  @ParameterizedTest(name = "{0} → {1}..{2}")
  @CsvSource({
    "success, 100, 399",
    "client-error, 400, 499",
    "server-error, 500, 599",
    "error, 400, ",
    "Client-Error, 400, 499",
  })
  void outcomeIsARangeOfStatus(String outcome, Integer min, Integer max) {
    LogQuery query = parse("outcome=" + outcome).query().build();

    assertEquals(min, query.statusMin());
    assertEquals(max, query.statusMax());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026-11-23T09:00:00Z, 2026-11-23T09:00:00Z",
    "2026-11-23T09:00:00.123456Z, 2026-11-23T09:00:00.123456Z",
    "2026-11-23T10:00:00+01:00, 2026-11-23T09:00:00Z",
    // an unencoded '+' arrives as a space
    "2026-11-23T10:00:00 01:00, 2026-11-23T09:00:00Z",
    "2026-11-23T09:00-05:00, 2026-11-23T14:00:00Z",
    // what an HTML datetime-local input sends: UTC here
    "2026-11-23T09:00, 2026-11-23T09:00:00Z",
    "2026-11-23T09:00:30, 2026-11-23T09:00:30Z",
    "2026-11-23 09:00, 2026-11-23T09:00:00Z",
    "2026-11-23, 2026-11-23T00:00:00Z",
  })
  void readsTimesAsPeopleAndBrowsersWriteThem(String text, String expected) {
    assertEquals(Instant.parse(expected), LogFilters.instant("from", text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "from=yesterday | 'from' is not a time: 'yesterday'",
        "to=2026-13-01T00:00Z | 'to' is not a time",
        "from=2026-11-24T00:00Z&to=2026-11-23T00:00Z | 'from' must be before 'to'",
        "from=2026-11-23T00:00Z&to=2026-11-23T00:00Z | 'from' must be before 'to'",
        "outcome=failure | 'outcome' must be one of success, client-error, server-error, error",
        "method=GET%20/x | 'method' must be an HTTP method",
        "type=Device | 'type' must be one of User, Group",
        "tenant=../etc | 'tenant' must be a tenant id, 1 to 64 letters",
        "after=garbage | 'after' is not a position in the log",
        "after=2026-11-23T09:00:00Z | 'after' is not a position in the log",
        // times the database cannot hold: a 500 before
        "from=%2B1000000000-01-01T00:00:00Z | 'from' must lie between 0001-01-01T00:00:00Z and"
            + " 9999-12-31T23:59:59Z",
        "to=-999999999-01-01T00:00:00Z | 'to' must lie between",
        "after=%2B999999999-01-01T00:00:00Z_5 | 'after' is not a position in the log",
        "method=ABCDEFGHIJKLMNOPQ | 'method' must be an HTTP method such as GET or POST (1 to 16",
        "action=explode | 'action' must be one of create, update, deactivate,",
        "range=3w | 'range' must be one of 1h, 24h, 7d, not '3w'",
      })
  void refusesABadValueSayingWhatItTakes(String query, String message) {
    ScimException error = assertThrows(ScimException.class, () -> parse(query));

    assertEquals(400, error.status());
    assertEquals(Optional.of(ScimType.INVALID_VALUE), error.scimType());
    assertTrue(error.getMessage().startsWith(message), error.getMessage());
  }

  @Test
  void refusesOverlongTextAndCorrelationNamingTheLimit() {
    assertTrue(
        assertThrows(ScimException.class, () -> parse("q=" + "x".repeat(201)))
            .detail()
            .contains("200 characters"));
    assertTrue(
        assertThrows(ScimException.class, () -> parse("correlation=" + "x".repeat(129)))
            .detail()
            .contains("128 characters"));
    assertEquals("x".repeat(200), parse("q=" + "x".repeat(200)).text());
    assertEquals("x".repeat(128), parse("correlation=" + "x".repeat(128)).correlation());
  }

  @Test
  void aRefusalQuotesABadValueShortly() {
    String detail =
        assertThrows(ScimException.class, () -> parse("tenant=" + "x".repeat(100_000))).detail();
    assertTrue(detail.length() < 300, detail);
  }

  @Test
  void urlQueryReadsBackToTheSameFilters() {
    LogFilters filters =
        parse(
            "tenant=acme&from=2026-11-23T09:00:00.5Z&to=2026-11-24T00:00:00Z&outcome=server-error"
                + "&method=DELETE&type=Group&q=a%26b%3Dc+d%25&correlation=x%2By"
                + "&after=2026-11-23T10:00:00.123456Z_4711");

    assertEquals(filters, parse(filters.urlQuery()));
    assertEquals("a&b=c d%", parse(filters.urlQuery()).text());
  }

  @Test
  void anActionAndAQuickRangeReadBackAndBecomeTheQuery() {
    LogFilters filters = parse("action=Deactivate&range=24h&tenant=acme");

    assertEquals("deactivate", filters.action());
    assertEquals(filters, parse(filters.urlQuery()));
    LogQuery query = filters.query().build();
    assertEquals("deactivate", query.action());
    Instant dayAgo = Instant.now().minus(java.time.Duration.ofDays(1));
    assertTrue(Math.abs(query.from().toEpochMilli() - dayAgo.toEpochMilli()) < 60_000, "" + query);
    assertEquals("tenant=acme&action=deactivate&range=7d", filters.over("7d").urlQuery());
  }

  @Test
  void goingBackReadsBeforeACursorAndGoingOnForgetsIt() {
    LogCursor cursor = new LogCursor(Instant.parse("2026-11-23T10:00:00Z"), 7);
    LogFilters back = parse("tenant=acme").startingBefore(cursor);

    assertEquals(back, parse(back.urlQuery()));
    assertEquals(cursor.time(), back.query().build().beforeTime());
    assertEquals("tenant=acme&after=" + url(cursor.token()), back.startingAfter(cursor).urlQuery());
    assertEquals(null, back.startingAfter(cursor).query().build().beforeTime());
  }

  @Test
  void aQuickRangeNeverWidensAnEarlierFrom() {
    Instant recent = Instant.now().minusSeconds(60);
    LogQuery query = parse("range=7d&from=" + recent).query().build();

    assertEquals(recent, query.from());
  }

  @Test
  void urlQueryNamesOnlyTheFiltersSet() {
    assertEquals(
        "tenant=acme&outcome=error&q=bjensen%40example.com",
        parse("q=bjensen@example.com&outcome=error&tenant=acme").urlQuery());
  }

  @Test
  void startingAfterKeepsTheFiltersAndMovesThePosition() {
    LogFilters filters = parse("tenant=acme&after=2026-11-23T10:00:00Z_7");
    LogCursor next = new LogCursor(Instant.parse("2026-11-23T09:00:00Z"), 3);

    assertEquals(
        "tenant=acme&after=2026-11-23T09%3A00%3A00Z_3", filters.startingAfter(next).urlQuery());
    assertEquals("tenant=acme", filters.startingAfter(null).urlQuery());
    assertNull(filters.startingAfter(null).after());
  }

  @Test
  void timesShowInADatetimeLocalInputInUtcToTheSecond() {
    LogFilters filters = parse("from=2026-11-23T10:00:00.987+01:00");

    assertEquals("2026-11-23T09:00:00", filters.fromInput());
    assertEquals("", filters.toInput());
  }

  @ParameterizedTest(name = "[{0}] → {1}")
  @CsvSource({", 100", "'', 100", "1, 1", "1000, 1000", " 50 , 50"})
  void limitDefaultsAndStaysInRange(String value, int expected) {
    assertEquals(expected, LogFilters.limit(value, 100));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"0", "1001", "-5", "ten", "1e3"})
  void refusesALimitOutOfRange(String value) {
    ScimException error = assertThrows(ScimException.class, () -> LogFilters.limit(value, 100));

    assertTrue(error.getMessage().contains("from 1 to 1000"), error.getMessage());
  }

  private static String url(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
