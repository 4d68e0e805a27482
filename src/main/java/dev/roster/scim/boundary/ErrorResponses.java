package dev.roster.scim.boundary;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one way a failure becomes an HTTP response, shared by every exception mapper. */
final class ErrorResponses {

  private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private ErrorResponses() {}

  static Response.ResponseBuilder of(ScimException error) {
    Response.ResponseBuilder response =
        Response.status(error.status()).type(ScimMediaType.SCIM_JSON).entity(error.toJson());
    if (error.status() == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roster\"");
    }
    return response;
  }

  /**
   * A 500 whose body holds an incident reference and no exception text; the same reference, the
   * request and the stack trace go to the server log.
   */
  static Response.ResponseBuilder unexpected(Throwable exception, HttpServletRequest request) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    String incident = HexFormat.of().formatHex(bytes);
    LOG.log(
        Level.SEVERE,
        "Incident "
            + incident
            + " in "
            + describe(request)
            + " (correlation id "
            + request.getAttribute(ScimRequestProperties.CORRELATION_ID)
            + ")",
        exception);
    return of(
        ScimException.internalError(
            "The server failed unexpectedly. Incident reference: "
                + incident
                + " (the server log has the details)."));
  }

  /** The method and path of the request, as a detail message names them. */
  static String describe(HttpServletRequest request) {
    return request.getMethod() + " " + request.getRequestURI();
  }
}
