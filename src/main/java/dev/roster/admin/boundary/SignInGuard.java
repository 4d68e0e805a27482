package dev.roster.admin.boundary;

import dev.roster.admin.control.SignInThrottle;
import dev.roster.runtime.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Checks admin credentials, for the console's sign-in and the admin API alike, with one throttle
 * for both ({@link SignInThrottle}). The order is what keeps a flood of attempts cheap: the
 * throttle first (refused attempts cost nothing), then the stored hash in a short transaction of
 * its own, then the hash itself outside any transaction and only when a hashing slot is free
 * ({@link Passwords}). Failed attempts are logged with the name and address, never the password;
 * refusals are counted for {@code /metrics}.
 */
@ApplicationScoped
public class SignInGuard {

  private static final Logger LOG = Logger.getLogger(SignInGuard.class.getName());

  /** What became of an attempt. */
  public enum Verdict {
    VALID,
    INVALID,
    /** Refused unchecked: too many failures (or attempts at once) for the name or address. */
    THROTTLED,
    /** Not checked: every hashing slot was taken. */
    BUSY
  }

  /**
   * @param account the account the name means (normalised)
   * @param retryAfter how long to wait, for THROTTLED and BUSY; null otherwise
   */
  public record Outcome(Verdict verdict, String account, Duration retryAfter) {
    public boolean valid() {
      return verdict == Verdict.VALID;
    }
  }

  /** How long a caller turned away by a busy server should wait. */
  static final Duration BUSY_RETRY = Duration.ofSeconds(1);

  private final SignInThrottle throttle = new SignInThrottle(Clock.systemUTC());

  @Inject AdminAccounts accounts;

  @Inject Passwords passwords;

  @Inject Metrics metrics;

  public Outcome check(String userName, char[] password, String address) {
    SignInThrottle.Attempt attempt = throttle.reserve(userName, address);
    String account = attempt.account();
    if (!attempt.admitted()) {
      LOG.warning(
          () ->
              "Admin sign-in refused unchecked, too many attempts: "
                  + printable(userName)
                  + " from "
                  + address);
      metrics.signInRefused("throttled");
      return new Outcome(Verdict.THROTTLED, account, attempt.retryAfter());
    }
    try {
      boolean valid;
      if (password == null || password.length > Admins.MAX_PASSWORD_LENGTH) {
        valid = false; // no account has such a password: not worth a hash
      } else {
        String stored = accounts.passwordHashOf(account).orElse(null);
        Boolean matches = passwords.matches(password, stored).orElse(null);
        if (matches == null) {
          LOG.warning(
              () -> "Admin sign-in not checked, the server is busy: " + printable(userName));
          metrics.signInRefused("busy");
          return new Outcome(Verdict.BUSY, account, BUSY_RETRY);
        }
        valid = matches;
      }
      if (valid) {
        throttle.succeeded(attempt);
        return new Outcome(Verdict.VALID, account, null);
      }
      throttle.failed(attempt);
      LOG.warning(() -> "Admin sign-in failed: " + printable(userName) + " from " + address);
      return new Outcome(Verdict.INVALID, account, null);
    } finally {
      throttle.abandoned(attempt); // when busy or failing: the attempt gives its place back
    }
  }

  /** A name as typed, safe for one log line: no control characters, at most 64 characters. */
  static String printable(String userName) {
    if (userName == null) {
      return "(none)";
    }
    String cut = userName.length() > 64 ? userName.substring(0, 64) + "…" : userName;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
