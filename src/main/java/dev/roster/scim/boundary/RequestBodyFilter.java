package dev.roster.scim.boundary;

import dev.roster.scim.JsonBodies;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;

/**
 * Admits a request body once the caller is authenticated: JSON only (415 otherwise), no larger than
 * the advertised {@code maxPayloadSize} (413 otherwise), one JSON object in UTF-8 (400 otherwise,
 * also when a POST, PUT or PATCH has no body at all). The body is read into memory once, within
 * that limit, and kept for the provisioning log.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
@ApplicationScoped
public class RequestBodyFilter implements ContainerRequestFilter {

  /** How much of an oversized body is read and dropped before the 413 is sent. */
  static final long DISCARD_LIMIT = 16L * 1024 * 1024;

  @Inject ServiceProvider serviceProvider;

  /** The methods whose SCIM requests carry a JSON object (RFC 7644 §3.3, §3.4.3, §3.5). */
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  @Override
  public void filter(ContainerRequestContext request) {
    Object incomplete = request.getProperty(ScimRequestProperties.BODY_INCOMPLETE);
    if (ScimRequestProperties.BODY_TIMED_OUT.equals(incomplete)) {
      throw ScimException.requestTimeout(
          "The request body did not arrive in time: the server waits at most"
              + " roster.http.body-timeout-seconds for a whole body.");
    }
    if (ScimRequestProperties.BODY_SERVER_BUSY.equals(incomplete)) {
      throw ScimException.unavailable(
          "The server is reading as many slowly arriving request bodies as it allows at once;"
              + " try again.",
          Duration.ofSeconds(5));
    }
    if (!request.hasEntity()) {
      if (WITH_BODY.contains(request.getMethod())) {
        // JAX-RS would hand the resource a null body, whatever the Content-Type
        throw ScimException.invalidSyntax(
            "The request body is empty; a " + request.getMethod() + " needs a JSON object.");
      }
      return;
    }
    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    ScimMediaType.rejectionOf(contentType)
        .ifPresent(
            reason -> {
              throw ScimException.unsupportedMediaType(reason);
            });
    if (contentType == null || contentType.isBlank()) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, ScimMediaType.SCIM_JSON);
    }
    long limit = serviceProvider.config().maxPayloadSize();
    if (request.getLength() > limit) {
      throw tooLarge(request.getEntityStream(), limit);
    }
    byte[] body = readAtMost(request.getEntityStream(), limit + 1);
    if (body.length > limit) {
      throw tooLarge(request.getEntityStream(), limit);
    }
    request.setEntityStream(new ByteArrayInputStream(body));
    request.setProperty(ScimRequestProperties.BODY, body);
    request.setProperty(ScimRequestProperties.BODY_JSON, JsonBodies.parseObject(body));
  }

  /**
   * The 413, once the rest of the body is read and dropped (up to {@value #DISCARD_LIMIT} bytes):
   * many HTTP clients finish sending before they read a response, and would wait forever on a
   * server that stopped reading.
   */
  private static ScimException tooLarge(InputStream rest, long limit) {
    try {
      long skipped = 0;
      while (skipped < DISCARD_LIMIT && rest.read() >= 0) {
        skipped += 1 + rest.skip(DISCARD_LIMIT - skipped);
      }
    } catch (IOException e) {
      // The client went away; there is no one to answer.
    }
    return ScimException.payloadTooLarge(
        "The request body is larger than "
            + limit
            + " bytes, the limit advertised in /ServiceProviderConfig as bulk.maxPayloadSize.");
  }

  private static byte[] readAtMost(InputStream in, long max) {
    try {
      return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }
}
