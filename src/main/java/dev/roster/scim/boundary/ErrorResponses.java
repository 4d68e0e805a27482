package dev.roster.scim.boundary;

import dev.roster.scim.DatabaseFailures;
import dev.roster.scim.Incidents;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The one way a failure becomes an HTTP response, shared by every exception mapper. */
final class ErrorResponses {

  private ErrorResponses() {}

  static Response.ResponseBuilder of(ScimException error) {
    Response.ResponseBuilder response =
        Response.status(error.status()).type(ScimMediaType.SCIM_JSON).entity(error.toJson());
    if (error.status() == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roster\"");
    }
    error
        .retryAfter()
        .ifPresent(
            wait ->
                response.header(HttpHeaders.RETRY_AFTER, ScimException.retryAfterSeconds(wait)));
    return response;
  }

  /**
   * A 400 for a value too long for the database's index, a 503 when the database failed in a way
   * that waiting cures (see {@link DatabaseTrouble}); otherwise a 500 with an incident reference
   * (see {@link Incidents}).
   */
  static Response.ResponseBuilder unexpected(Throwable exception, HttpServletRequest request) {
    if (DatabaseFailures.valueTooLargeToIndex(exception)) {
      return of(
          ScimException.invalidValue(
              "A value is too long for the database to index (PostgreSQL indexes about 2,700"
                  + " bytes of UTF-8 at most). Nothing was changed; send a shorter value."));
    }
    ScimException answer =
        DatabaseTrouble.answerFor(exception, describe(request))
            .orElseGet(
                () ->
                    Incidents.report(
                        exception,
                        describe(request),
                        request.getAttribute(ScimRequestProperties.CORRELATION_ID)));
    return of(answer);
  }

  /**
   * The method and path of the request as the client sent them, as a detail message names them (a
   * stand-in may have replaced either on the way in: see {@link ScimRequestProperties}).
   */
  static String describe(HttpServletRequest request) {
    Object method = request.getAttribute(ScimRequestProperties.ORIGINAL_METHOD);
    Object path = request.getAttribute(ScimRequestProperties.ORIGINAL_PATH);
    return (method instanceof String m ? m : request.getMethod())
        + " "
        + (path instanceof String p ? p : request.getRequestURI());
  }
}
