package dev.roster.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * Holds the answer to a successful write until its commit is in the database's file ({@link
 * GroupCommit}): response filters run after the resource's EJB call committed and before the answer
 * is written, so a 2xx on a write survives a kill -9 of the JVM. For the SCIM API and the admin
 * API.
 */
@ApplicationScoped
public class DurableWritesFilter implements ContainerResponseFilter {

  private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, "OPTIONS");

  @Inject GroupCommit groupCommit;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!READS.contains(request.getMethod())
        && response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
      groupCommit.awaitStored();
    }
  }
}
