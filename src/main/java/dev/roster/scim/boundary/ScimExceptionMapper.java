package dev.roster.scim.boundary;

import dev.roster.scim.ScimException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A {@link ScimException} thrown anywhere in a SCIM request becomes its error body. */
public class ScimExceptionMapper implements ExceptionMapper<ScimException> {

  @Override
  public Response toResponse(ScimException error) {
    return ErrorResponses.of(error).build();
  }
}
