package dev.roster.scim.boundary;

import dev.roster.scim.CorrelationIds;
import dev.roster.scim.EndpointNames;
import dev.roster.scim.ScimMediaType;
import jakarta.annotation.Priority;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;

/**
 * The first filter of every SCIM request and the last word on every response: it notes when the
 * request arrived, restores a method the container would not pass on, gives the request a
 * correlation id (returned as {@code X-Request-Id}), and makes every response {@code
 * application/scim+json}, whatever the client's {@code Accept} asked for.
 */
@PreMatching
@Priority(100)
public class ScimProtocolFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(ScimRequestProperties.RECEIVED_NANOS, System.nanoTime());
    if (request.getProperty(ScimRequestProperties.ORIGINAL_METHOD) instanceof String method) {
      // A method the container mishandles (TRACE, CONNECT) came under a stand-in name; JAX-RS
      // routes the real one, and answers it 405 with Allow.
      request.setMethod(method);
    }
    request.setProperty(
        ScimRequestProperties.CORRELATION_ID,
        CorrelationIds.choose(
            request.getHeaderString("client-request-id"),
            request.getHeaderString(REQUEST_ID_HEADER)));
    // RFC 7644 §3.1 speaks of application/scim+json and application/json; Roster answers the
    // former to every client, so an Accept of application/json alone must not end in a 406.
    request.getHeaders().putSingle(HttpHeaders.ACCEPT, ScimMediaType.SCIM_JSON);
    String path = request.getUriInfo().getPath(false);
    String canonical = EndpointNames.canonical(path);
    if (!canonical.equals(path)) {
      String query = request.getUriInfo().getRequestUri().getRawQuery();
      request.setRequestUri(
          URI.create(
              request.getUriInfo().getBaseUri() + canonical + (query == null ? "" : "?" + query)));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object correlationId = request.getProperty(ScimRequestProperties.CORRELATION_ID);
    if (correlationId != null) {
      response.getHeaders().putSingle(REQUEST_ID_HEADER, correlationId);
    }
    if (response.getEntity() instanceof JsonStructure) {
      response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, ScimMediaType.SCIM_JSON);
    }
  }
}
