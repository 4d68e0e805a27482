package dev.roster.scim.boundary;

import dev.roster.scim.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The errors JAX-RS raises itself (no such path, method not allowed, unsupported media type) become
 * SCIM error bodies with a detail that names the path and method. JAX-RS's own text is not passed
 * on.
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      return ErrorResponses.unexpected(exception, request).build();
    }
    String where = ErrorResponses.describe(request);
    ScimException error =
        switch (status) {
          case 404 -> ScimException.notFound("There is no SCIM endpoint at " + where + ".");
          case 405 ->
              ScimException.methodNotAllowed(
                  "The method is not allowed here: "
                      + where
                      + ". Allowed: "
                      + original.getHeaderString(HttpHeaders.ALLOW)
                      + ".");
          case 415 ->
              ScimException.unsupportedMediaType(
                  "The request body must be application/scim+json or application/json.");
          case 400 -> ScimException.invalidSyntax("The request is malformed: " + where + ".");
          default ->
              new ScimException(
                  status,
                  null,
                  Response.Status.fromStatusCode(status) == null
                      ? "The request failed with status " + status + "."
                      : Response.Status.fromStatusCode(status).getReasonPhrase() + ".");
        };
    Response.ResponseBuilder response = ErrorResponses.of(error);
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      response.header(HttpHeaders.ALLOW, allow);
    }
    return response.build();
  }
}
