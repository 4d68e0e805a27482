package dev.roster.tenants.boundary;

import dev.roster.runtime.Metrics;
import dev.roster.scim.ScimException;
import dev.roster.scim.boundary.ScimRequestProperties;
import dev.roster.tenants.control.TenantGate;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Lets an authenticated SCIM request in through its tenant's {@link TenantGate}: it may wait for
 * its turn, and is refused with 429 and {@code Retry-After} when the tenant has too much waiting
 * already (the provisioning log records the 429, and {@code /metrics} counts it). The pass is
 * handed back by {@link TenantAdmissionRelease} once the whole response is written, streamed
 * members included.
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION)
@ApplicationScoped
public class TenantAdmissionFilter implements ContainerRequestFilter {

  @Inject TenantGates gates;

  @Inject Metrics metrics;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getProperty(ScimRequestProperties.TENANT_ID) instanceof String tenantId)) {
      return;
    }
    if (request.getProperty(ScimRequestProperties.BODY_INCOMPLETE) != null) {
      // RequestBodyFilter answers it 408 or 503 without doing any work: a place in the tenant's
      // queue would only turn that answer into a 429 when many slow bodies time out together.
      return;
    }
    TenantGate.Admission admission;
    try {
      admission = gates.of(tenantId).admit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ScimException.unavailable(
          "The server is stopping; try again.", java.time.Duration.ofSeconds(5));
    }
    if (admission.admitted().isEmpty()) {
      metrics.tenantRefused(tenantId);
    }
    TenantGate.Pass pass =
        admission
            .admitted()
            .orElseThrow(
                () ->
                    ScimException.tooManyRequests(
                        "Tenant '"
                            + tenantId
                            + "' has more requests in progress and waiting than this server takes"
                            + " at once ("
                            + gates.limits().concurrency()
                            + " running, "
                            + gates.limits().maxWaiting()
                            + " waiting, "
                            + (gates.limits().ratePerSecond() > 0
                                ? (long) gates.limits().ratePerSecond() + " a second"
                                : "no rate limit")
                            + "). Try again after the Retry-After interval.",
                        admission.retryAfter()));
    request.setProperty(ScimRequestProperties.RELEASE_AFTER_RESPONSE, pass);
  }
}
