package dev.roster.storage;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Set;

/**
 * Holds the answer to a successful write until its commit is in the database's file ({@link
 * GroupCommit}): response filters run after the resource's EJB call committed and before the answer
 * is written, so a 2xx on a write survives a kill -9 of the JVM. For the SCIM API and the admin
 * API.
 *
 * <p>When the file cannot be written (H2's disk is full, for one), the write is answered 503 with
 * {@code Retry-After} instead: its commit may be lost, so it must not be acknowledged. The client
 * tries again, as Entra ID and Okta do after a 503; a create tried again may find its resource
 * there (409) if the commit reached the file after all. The provisioning log's filter runs after
 * this one and records the 503.
 */
@ApplicationScoped
public class DurableWritesFilter implements ContainerResponseFilter {

  private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, "OPTIONS");

  /** How long a client is asked to wait when a commit could not be written to the file. */
  static final Duration RETRY_WHEN_NOT_STORED = Duration.ofSeconds(30);

  /** {@link ScimMediaType#SCIM_JSON}, built without JAX-RS's runtime. */
  private static final MediaType SCIM_JSON = new MediaType("application", "scim+json");

  @Inject GroupCommit groupCommit;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!READS.contains(request.getMethod())
        && response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL
        && !groupCommit.awaitStored()) {
      answerNotStored(response);
    }
  }

  /** Turns the write's 2xx into the 503 of a commit the database could not write to its file. */
  static void answerNotStored(ContainerResponseContext response) {
    ScimException error =
        ScimException.unavailable(
            "The server could not write this change to its database's file, so it cannot"
                + " promise that the change is kept. Try again later; if the change was kept"
                + " after all, a create tried again answers 409.",
            RETRY_WHEN_NOT_STORED);
    response.setStatus(error.status());
    response.getHeaders().remove(HttpHeaders.LOCATION);
    response.getHeaders().remove(HttpHeaders.ETAG);
    response.getHeaders().remove(HttpHeaders.LAST_MODIFIED);
    response.setEntity(error.toJson(), new Annotation[0], SCIM_JSON);
    response
        .getHeaders()
        .putSingle(HttpHeaders.RETRY_AFTER, ScimException.retryAfterSeconds(RETRY_WHEN_NOT_STORED));
  }
}
