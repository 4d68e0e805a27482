package dev.roster.admin.boundary;

import dev.roster.admin.control.SignInThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Checks admin credentials, for the console's sign-in and the admin API alike, with one throttle
 * for both ({@link SignInThrottle}). Failed attempts are logged with the name and address, never
 * the password.
 */
@ApplicationScoped
public class SignInGuard {

  private static final Logger LOG = Logger.getLogger(SignInGuard.class.getName());

  /** The outcome of an attempt; {@code retryAfter} is set when it was refused unchecked. */
  public record Outcome(boolean valid, Duration retryAfter) {
    public boolean throttled() {
      return retryAfter != null;
    }
  }

  private final SignInThrottle throttle = new SignInThrottle(Clock.systemUTC());

  @Inject Admins admins;

  public Outcome check(String userName, char[] password, String address) {
    Duration wait = throttle.waitBefore(userName, address);
    if (!wait.isZero()) {
      LOG.warning(
          () ->
              "Admin sign-in refused, too many failures: "
                  + printable(userName)
                  + " from "
                  + address);
      return new Outcome(false, wait);
    }
    if (admins.verify(userName, password)) {
      throttle.succeeded(userName, address);
      return new Outcome(true, null);
    }
    throttle.failed(userName, address);
    LOG.warning(() -> "Admin sign-in failed: " + printable(userName) + " from " + address);
    return new Outcome(false, null);
  }

  /** A name as typed, safe for one log line: no control characters, at most 64 characters. */
  static String printable(String userName) {
    if (userName == null) {
      return "(none)";
    }
    String clean = userName.replaceAll("\\p{Cntrl}", "?");
    return "'" + (clean.length() > 64 ? clean.substring(0, 64) + "…" : clean) + "'";
  }
}
