package dev.roster.admin.control;

import dev.roster.storage.LogFacts.Milestone;
import dev.roster.tenants.boundary.TokenStatus;
import dev.roster.tenants.boundary.TokenView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a tenant's identity provider gets through, and why not (docs/console.md): worked out from
 * what the log writer keeps of the tenant (its milestones and hourly counts) and its tokens. The
 * dashboard shows the level as a badge, the tenant page the reasons too.
 *
 * @param level {@link Level}
 * @param reasons why, in order of importance; each a sentence that says what to do
 * @param seen the tenant's milestones
 * @param requests24h its requests in the last 24 hours (whole hours)
 * @param errors24h those answered 400 or above
 */
public record ConnectionHealth(
    Level level,
    List<String> reasons,
    Map<Milestone, Instant> seen,
    long requests24h,
    long errors24h) {

  /** The levels, from the most to the least worrying. */
  public enum Level {
    FAILING("Failing"),
    WARNING("Needs attention"),
    WAITING("Not connected yet"),
    HEALTHY("Healthy");

    private final String label;

    Level(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The CSS class of its badge. */
    public String css() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the health needs of a token. */
  public record Token(String prefix, boolean usable, Instant expiresAt) {

    public static Token of(TokenView view) {
      return new Token(
          view.getPrefix(),
          view.getStatus() == TokenStatus.ACTIVE,
          view.getExpiresAt().orElse(null));
    }
  }

  /** Entra ID syncs about every 40 minutes; two hours without a success is worth a look. */
  static final Duration QUIET = Duration.ofHours(2);

  /** Tokens expiring within this are named. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  /** Failing requests above this share of the last 24 hours, when there were enough. */
  static final double ERROR_RATE = 0.10;

  static final long ENOUGH_REQUESTS = 10;

  public static ConnectionHealth of(
      boolean tenantEnabled,
      Map<Milestone, Instant> seen,
      long requests24h,
      long errors24h,
      List<Token> tokens,
      Instant now) {
    List<String> failing = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!tenantEnabled) {
      failing.add(
          "The tenant is disabled: every request is refused with 401. Enable it on the tenant page.");
    }
    List<Token> usable = tokens.stream().filter(Token::usable).toList();
    if (usable.isEmpty()) {
      failing.add(
          "The tenant has no valid token. Generate one and paste it into Entra ID (Secret Token)"
              + " or Okta (API Token).");
    }
    for (Token token : usable) {
      java.util.Optional.ofNullable(token.expiresAt())
          .filter(expiry -> expiry.isBefore(now.plus(EXPIRY_WARNING)))
          .ifPresent(
              expiry ->
                  warnings.add(
                      "Token "
                          + token.prefix()
                          + " expires on "
                          + Formatting.day(expiry)
                          + ". Generate a new one and replace it in the identity provider before"
                          + " then."));
    }
    Instant lastSuccess = seen.get(Milestone.LAST_SUCCESS);
    Instant lastUnauthorized = seen.get(Milestone.LAST_UNAUTHORIZED);
    Instant lastFailure = seen.get(Milestone.LAST_FAILURE);
    if (seen.get(Milestone.FIRST_REQUEST) == null) {
      // A tenant being set up: what it lacks is the next step, not a failure.
      List<String> steps = new ArrayList<>(failing);
      steps.add(
          "Roster has not seen a request from this tenant's identity provider yet. Paste the base"
              + " URL and token into it and run Test Connection (Entra ID) or Test API"
              + " Credentials (Okta).");
      return new ConnectionHealth(Level.WAITING, List.copyOf(steps), seen, requests24h, errors24h);
    } else if (lastUnauthorized != null && after(lastUnauthorized, lastSuccess)) {
      failing.add(
          "The latest requests were refused with 401: the token the identity provider sends is"
              + " wrong, revoked or expired, or the tenant is disabled. Open the log's 401s to see"
              + " which.");
    } else if (lastFailure != null && after(lastFailure, lastSuccess)) {
      warnings.add(
          "The latest request failed. Open the tenant's errors in the log: each says how to fix"
              + " it.");
    }
    if (requests24h >= ENOUGH_REQUESTS && errors24h > requests24h * ERROR_RATE) {
      warnings.add(
          Math.round(100.0 * errors24h / requests24h)
              + "% of the last 24 hours' requests failed ("
              + errors24h
              + " of "
              + requests24h
              + ").");
    }
    if (lastSuccess != null && lastSuccess.isBefore(now.minus(QUIET)) && failing.isEmpty()) {
      warnings.add(
          "No successful request since "
              + Formatting.minute(lastSuccess)
              + " UTC. Entra ID syncs about every 40 minutes: check that provisioning is on and"
              + " not in quarantine.");
    }
    List<String> reasons = new ArrayList<>(failing);
    reasons.addAll(warnings);
    Level level =
        !failing.isEmpty() ? Level.FAILING : !warnings.isEmpty() ? Level.WARNING : Level.HEALTHY;
    return new ConnectionHealth(level, List.copyOf(reasons), seen, requests24h, errors24h);
  }

  private static boolean after(Instant time, Instant other) {
    return other == null || time.isAfter(other);
  }

  public Instant lastSuccess() {
    return seen.get(Milestone.LAST_SUCCESS);
  }

  public Instant lastTestConnection() {
    return seen.get(Milestone.LAST_TEST_CONNECTION);
  }

  public Instant lastTestConnectionOk() {
    return seen.get(Milestone.LAST_TEST_CONNECTION_OK);
  }

  public Instant lastWrite() {
    return seen.get(Milestone.LAST_WRITE);
  }

  public Instant firstRequest() {
    return seen.get(Milestone.FIRST_REQUEST);
  }

  public Instant firstUserWrite() {
    return seen.get(Milestone.FIRST_USER_WRITE);
  }

  public Instant firstGroupWrite() {
    return seen.get(Milestone.FIRST_GROUP_WRITE);
  }

  /** Times as the console writes them in sentences: ISO, UTC. */
  static final class Formatting {
    private Formatting() {}

    static String day(Instant time) {
      return time.toString().substring(0, 10);
    }

    static String minute(Instant time) {
      return time.toString().substring(0, 16).replace('T', ' ');
    }
  }
}
