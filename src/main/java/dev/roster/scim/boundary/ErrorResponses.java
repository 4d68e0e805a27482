package dev.roster.scim.boundary;

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
   * A 503 when the database failed in a way that waiting cures (see {@link DatabaseTrouble});
   * otherwise a 500 with an incident reference (see {@link Incidents}).
   */
  static Response.ResponseBuilder unexpected(Throwable exception, HttpServletRequest request) {
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

  /** The method and path of the request, as a detail message names them. */
  static String describe(HttpServletRequest request) {
    return request.getMethod() + " " + request.getRequestURI();
  }
}
