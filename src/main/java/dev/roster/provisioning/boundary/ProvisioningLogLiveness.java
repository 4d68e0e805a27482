package dev.roster.provisioning.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code GET /health/live} reports the process dead when the provisioning log's writer thread has
 * ended: requests still work, but their records only queue until they are dropped, and only a
 * restart starts the writer again. Nothing else that a restart cures can be seen from inside; a
 * database outage is not here on purpose, since a restart does not bring a database back (that is
 * readiness).
 */
@Liveness
@ApplicationScoped
public class ProvisioningLogLiveness implements HealthCheck {

  @Inject ProvisioningLogWriter writer;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("provisioning-log-writer").status(writer.writing()).build();
  }
}
