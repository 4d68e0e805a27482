package dev.roster.admin.api;

import dev.roster.scim.Incidents;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The errors JAX-RS raises itself on the admin API (no such path, method not allowed, unsupported
 * media type) as SCIM-style error bodies. The SCIM API's own mapper would call the path "a SCIM
 * endpoint"; this one speaks of the admin API. JAX-RS's own text is not passed on.
 */
public class AdminApiErrorMapper implements ExceptionMapper<WebApplicationException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    int status = original.getStatus();
    String where = request.getMethod() + " " + request.getRequestURI();
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    ScimException error =
        switch (status) {
          case 404 -> ScimException.notFound("The admin API has nothing at " + where + ".");
          case 405 ->
              ScimException.methodNotAllowed(
                  "The method is not allowed here: " + where + ". Allowed: " + allow + ".");
          case 406 ->
              new ScimException(406, null, "The admin API answers in application/json only.");
          case 415 ->
              ScimException.unsupportedMediaType("The request body must be application/json.");
          case 400 -> ScimException.invalidSyntax("The request is malformed: " + where + ".");
          default ->
              status >= 500
                  ? Incidents.report(exception, where, null)
                  : new ScimException(status, null, "The request failed with status " + status);
        };
    Response.ResponseBuilder response =
        Response.status(error.status()).type(ScimMediaType.SCIM_JSON).entity(error.toJson());
    if (allow != null) {
      response.header(HttpHeaders.ALLOW, allow);
    }
    return response.build();
  }
}
