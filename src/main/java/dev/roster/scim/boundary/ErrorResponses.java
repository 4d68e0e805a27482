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
    return response;
  }

  /** A 500 with an incident reference; see {@link Incidents}. */
  static Response.ResponseBuilder unexpected(Throwable exception, HttpServletRequest request) {
    return of(
        Incidents.report(
            exception,
            describe(request),
            request.getAttribute(ScimRequestProperties.CORRELATION_ID)));
  }

  /** The method and path of the request, as a detail message names them. */
  static String describe(HttpServletRequest request) {
    return request.getMethod() + " " + request.getRequestURI();
  }
}
