package dev.roster.scim.boundary;

import dev.roster.scim.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Everything else. A {@link ScimException} wrapped by the EJB container is unwrapped and answered
 * as itself; anything truly unexpected is a 500 with an incident reference.
 */
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ScimException scim) {
        return ErrorResponses.of(scim).build();
      }
    }
    return ErrorResponses.unexpected(exception, request).build();
  }
}
