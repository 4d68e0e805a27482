package dev.roster.admin.control;

import dev.roster.provisioning.boundary.LogCursor;
import dev.roster.provisioning.boundary.LogQuery;
import dev.roster.scim.LogActions;
import dev.roster.scim.ScimException;
import dev.roster.scim.Unicode;
import dev.roster.tenants.boundary.Tenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The provisioning log's filters as URL parameters, read in one place so that the console's log
 * page, its CSV export and the admin API's {@code GET /log} select the same records from the same
 * URL: a view can be bookmarked, shared, exported and scripted alike.
 *
 * <p>The parameters: {@code tenant}, {@code from} (inclusive) and {@code to} (exclusive) as
 * ISO-8601 instants or as the {@code yyyy-MM-ddTHH:mm} of an HTML {@code datetime-local} input,
 * read as UTC; {@code outcome} ({@code success}, {@code client-error}, {@code server-error}, {@code
 * error}); {@code method}; {@code type} (User, Group, …); {@code action} (create, deactivate, …);
 * {@code range}, a quick range back from now ({@code 1h}, {@code 24h}, {@code 7d}), which stays
 * relative in a bookmark; {@code q}, free text (also whom a request was about); {@code
 * correlation}; and {@code after}, the cursor of the previous page, or {@code before}, that of the
 * following one (going back). An empty parameter is no filter, as an HTML form sends it. A bad
 * value fails with an {@code invalidValue} {@link ScimException} that says what to write instead.
 *
 * @param from inclusive, or null
 * @param to exclusive, or null
 */
public record LogFilters(
    String tenant,
    Instant from,
    Instant to,
    Outcome outcome,
    String method,
    String type,
    String action,
    String range,
    String text,
    String correlation,
    LogCursor after,
    LogCursor before) {

  /** The longest free text searched for. */
  public static final int MAX_TEXT = 200;

  /** The longest correlation id searched for: as long as one can be. */
  public static final int MAX_CORRELATION = 128;

  /** The times a filter may name: those the database can hold, in ISO-8601's four-digit years. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** The resource types the log records, as {@code type} takes them. */
  public static final List<String> TYPES =
      List.of("User", "Group", "Schema", "ResourceType", "ServiceProviderConfig", "Bulk");

  /** The methods a SCIM client sends, for the page's choice. Others are accepted in the URL. */
  public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** No filter at all: the whole log, newest first. */
  public static final LogFilters NONE =
      new LogFilters(null, null, null, null, null, null, null, null, null, null, null, null);

  /** The quick ranges, as {@code range} takes them, and how far back each reaches. */
  public static final Map<String, Duration> RANGES = ranges();

  private static Map<String, Duration> ranges() {
    Map<String, Duration> ranges = new LinkedHashMap<>();
    ranges.put("1h", Duration.ofHours(1));
    ranges.put("24h", Duration.ofDays(1));
    ranges.put("7d", Duration.ofDays(7));
    return java.util.Collections.unmodifiableMap(ranges);
  }

  /** What became of a request, as ranges of HTTP status. */
  public enum Outcome {
    SUCCESS("success", "Success (1xx–3xx)", 100, 399),
    CLIENT_ERROR("client-error", "Client error (4xx)", 400, 499),
    SERVER_ERROR("server-error", "Server error (5xx)", 500, 599),
    ERROR("error", "Any error (4xx, 5xx)", 400, null);

    private final String parameter;
    private final String label;
    private final Integer statusMin;
    private final Integer statusMax;

    Outcome(String parameter, String label, Integer statusMin, Integer statusMax) {
      this.parameter = parameter;
      this.label = label;
      this.statusMin = statusMin;
      this.statusMax = statusMax;
    }

    /** The value in the URL, e.g. {@code client-error}. */
    public String getParameter() {
      return parameter;
    }

    public String getLabel() {
      return label;
    }

    public Integer statusMin() {
      return statusMin;
    }

    public Integer statusMax() {
      return statusMax;
    }

    static Outcome of(String parameter) {
      return Arrays.stream(values())
          .filter(o -> o.parameter.equalsIgnoreCase(parameter))
          .findFirst()
          .orElseThrow(
              () ->
                  ScimException.invalidValue(
                      "'outcome' must be one of "
                          + String.join(
                              ", ", Arrays.stream(values()).map(o -> o.parameter).toList())
                          + ", not '"
                          + Echo.of(parameter)
                          + "'."));
    }
  }

  /**
   * Reads the filters from URL parameters.
   *
   * @param parameter the first value of a parameter by name, or null when there is none
   * @throws ScimException invalidValue, naming the parameter and what it takes
   */
  public static LogFilters parse(Function<String, String> parameter) {
    String tenant = value(parameter, "tenant");
    if (tenant != null && !tenant.matches(Tenants.ID_PATTERN)) {
      throw ScimException.invalidValue(
          "'tenant' must be a tenant id, 1 to 64 letters, digits, '.', '-' or '_' starting with a"
              + " letter or digit, not '"
              + Echo.of(tenant)
              + "'.");
    }
    Instant from = instant("from", value(parameter, "from"));
    Instant to = instant("to", value(parameter, "to"));
    if (from != null && to != null && !from.isBefore(to)) {
      throw ScimException.invalidValue("'from' must be before 'to'.");
    }
    String outcomeValue = value(parameter, "outcome");
    Outcome outcome = outcomeValue == null ? null : Outcome.of(outcomeValue);
    String method = value(parameter, "method");
    if (method != null) {
      method = method.toUpperCase(Locale.ROOT);
      if (!method.matches("[A-Z]{1,16}")) {
        throw ScimException.invalidValue(
            "'method' must be an HTTP method such as GET or POST (1 to 16 letters), not '"
                + Echo.of(method)
                + "'.");
      }
    }
    String type = value(parameter, "type");
    if (type != null) {
      String asked = type;
      type =
          TYPES.stream()
              .filter(t -> t.equalsIgnoreCase(asked))
              .findFirst()
              .orElseThrow(
                  () ->
                      ScimException.invalidValue(
                          "'type' must be one of "
                              + String.join(", ", TYPES)
                              + ", not '"
                              + Echo.of(asked)
                              + "'."));
    }
    String action = value(parameter, "action");
    if (action != null) {
      String asked = action.toLowerCase(Locale.ROOT);
      action =
          LogActions.ALL.stream()
              .filter(asked::equals)
              .findFirst()
              .orElseThrow(
                  () ->
                      ScimException.invalidValue(
                          "'action' must be one of "
                              + String.join(", ", LogActions.ALL)
                              + ", not '"
                              + Echo.of(asked)
                              + "'."));
    }
    String range = value(parameter, "range");
    if (range != null && !RANGES.containsKey(range)) {
      throw ScimException.invalidValue(
          "'range' must be one of "
              + String.join(", ", RANGES.keySet())
              + ", not '"
              + Echo.of(range)
              + "'.");
    }
    String text = value(parameter, "q");
    if (text != null && text.length() > MAX_TEXT) {
      throw ScimException.invalidValue(
          "'q' is longer than " + MAX_TEXT + " characters: search for a part of it.");
    }
    String correlation = value(parameter, "correlation");
    if (correlation != null && correlation.length() > MAX_CORRELATION) {
      throw ScimException.invalidValue(
          "'correlation' has at most " + MAX_CORRELATION + " characters, as a correlation id.");
    }
    String afterToken = value(parameter, "after");
    LogCursor after = null;
    if (afterToken != null) {
      after =
          LogCursor.parse(afterToken)
              .filter(cursor -> inRange(cursor.time()))
              .orElseThrow(
                  () ->
                      ScimException.invalidValue(
                          "'after' is not a position in the log: follow a 'next' link, or start"
                              + " again from the first page."));
    }
    String beforeToken = value(parameter, "before");
    LogCursor before = null;
    if (beforeToken != null) {
      before =
          LogCursor.parse(beforeToken)
              .filter(cursor -> inRange(cursor.time()))
              .orElseThrow(
                  () ->
                      ScimException.invalidValue(
                          "'before' is not a position in the log: follow a 'previous' link, or"
                              + " start again from the first page."));
    }
    return new LogFilters(
        tenant, from, to, outcome, method, type, action, range, text, correlation, after, before);
  }

  /**
   * The page size of the admin API: {@code limit}, 1 to {@value LogQuery#MAX_LIMIT}.
   *
   * @param value the parameter, or null for the default
   */
  public static int limit(String value, int defaultLimit) {
    if (value == null || value.isBlank()) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= LogQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ScimException.invalidValue(
        "'limit' must be a number from 1 to "
            + LogQuery.MAX_LIMIT
            + ", not '"
            + Echo.of(value)
            + "'.");
  }

  /** A query for these filters, newest first; the caller sets the page size. */
  public LogQuery.Builder query() {
    Instant since = from;
    if (range != null) {
      Instant quick = Instant.now().minus(RANGES.get(range));
      since = since == null || quick.isAfter(since) ? quick : since;
    }
    return LogQuery.builder()
        .tenant(tenant)
        .between(since, to)
        .action(action)
        .statusBetween(
            outcome == null ? null : outcome.statusMin(),
            outcome == null ? null : outcome.statusMax())
        .method(method)
        .resourceType(type)
        .text(text)
        .correlationId(correlation)
        .after(after)
        .before(before);
  }

  /** The same filters, starting after another record. */
  public LogFilters startingAfter(LogCursor cursor) {
    return new LogFilters(
        tenant, from, to, outcome, method, type, action, range, text, correlation, cursor, null);
  }

  /** The same filters, the page before another record (going back). */
  public LogFilters startingBefore(LogCursor cursor) {
    return new LogFilters(
        tenant, from, to, outcome, method, type, action, range, text, correlation, null, cursor);
  }

  /** Whether any filter but the page position is set. */
  public boolean filtered() {
    return tenant != null
        || from != null
        || to != null
        || outcome != null
        || method != null
        || type != null
        || action != null
        || range != null
        || text != null
        || correlation != null;
  }

  /**
   * The filters as a URL query string, without the leading {@code ?}; {@code after} included when
   * set. {@link #parse} reads it back to equal filters.
   */
  public String urlQuery() {
    List<String> parts = new ArrayList<>();
    add(parts, "tenant", tenant);
    add(parts, "from", from == null ? null : from.toString());
    add(parts, "to", to == null ? null : to.toString());
    add(parts, "outcome", outcome == null ? null : outcome.getParameter());
    add(parts, "method", method);
    add(parts, "type", type);
    add(parts, "action", action);
    add(parts, "range", range);
    add(parts, "q", text);
    add(parts, "correlation", correlation);
    add(parts, "after", after == null ? null : after.token());
    add(parts, "before", before == null ? null : before.token());
    return String.join("&", parts);
  }

  /** The same filters over a quick range instead of their own times, from the first page. */
  public LogFilters over(String quickRange) {
    return new LogFilters(
        tenant,
        null,
        null,
        outcome,
        method,
        type,
        action,
        quickRange,
        text,
        correlation,
        null,
        null);
  }

  /** {@code from} as an HTML {@code datetime-local} value in UTC (to the second), or "". */
  public String fromInput() {
    return localInput(from);
  }

  /** {@code to} as an HTML {@code datetime-local} value in UTC (to the second), or "". */
  public String toInput() {
    return localInput(to);
  }

  private static final DateTimeFormatter LOCAL_INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private static String localInput(Instant instant) {
    return instant == null
        ? ""
        : LOCAL_INPUT.format(
            LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
  }

  private static void add(List<String> parts, String name, String value) {
    if (value != null) {
      parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  /** The parameter's value, stripped; null when it is missing or blank. */
  /**
   * A parameter, stripped; null when blank. U+0000 is refused: nothing in the log holds it (it is
   * stored as {@code \\u0000}), and PostgreSQL refuses it in a query.
   */
  private static String value(Function<String, String> parameter, String name) {
    String value = parameter.apply(name);
    if (value != null && value.indexOf(Unicode.NUL) >= 0) {
      throw ScimException.invalidValue("'" + name + "' holds U+0000, which no record holds.");
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * An instant in any of the forms people and browsers write: {@code 2026-11-23T09:00:00Z}, with an
   * offset, or without one (a {@code datetime-local} input, read as UTC), or a date (its start, in
   * UTC).
   */
  static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    Instant instant = parseInstant(name, value);
    if (!inRange(instant)) {
      throw ScimException.invalidValue(
          "'" + name + "' must lie between " + EARLIEST + " and " + LATEST + ".");
    }
    return instant;
  }

  private static boolean inRange(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  private static Instant parseInstant(String name, String value) {
    String text = value;
    if (text.indexOf('T') < 0 && text.indexOf('t') < 0) {
      text = text.replaceFirst(" ", "T"); // 2026-11-23 09:00
    }
    text = text.replace(' ', '+'); // an offset's '+' that reached us unencoded
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      // try the next form
    }
    try {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notADate) {
      throw ScimException.invalidValue(
          "'"
              + name
              + "' is not a time: '"
              + Echo.of(value)
              + "'. Write an ISO-8601 instant such as 2026-11-23T09:00:00Z, or 2026-11-23T09:00"
              + " for UTC.");
    }
  }
}
