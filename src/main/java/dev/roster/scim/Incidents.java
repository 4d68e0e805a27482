package dev.roster.scim;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Unexpected failures become incidents: a short random reference goes into the 500 error body and
 * into the server log next to the request and the stack trace. The body never carries the
 * exception's text, which could show internals or data.
 */
public final class Incidents {

  private static final Logger LOG = Logger.getLogger(Incidents.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private Incidents() {}

  /**
   * Logs the failure and returns the error to answer with.
   *
   * @param where the request, such as {@code POST /scim/v2/Users}
   * @param correlationId the request's correlation id, or null
   */
  public static ScimException report(Throwable failure, String where, Object correlationId) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    String incident = HexFormat.of().formatHex(bytes);
    LOG.log(
        Level.SEVERE,
        "Incident " + incident + " in " + where + " (correlation id " + correlationId + ")",
        failure);
    return ScimException.internalError(
        "The server failed unexpectedly. Incident reference: "
            + incident
            + " (the server log has the details).");
  }
}
