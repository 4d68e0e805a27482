package dev.roster.bench;

import dev.roster.provisioning.boundary.ProvisioningLogFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code PUT /bench/log?enabled=false} turns the provisioning log off, {@code true} on again, so
 * that {@code bench/RosterBench.java} measures what the log adds to a request in one run, on one
 * warm server, set against the same requests without it.
 */
@Path("log")
@ApplicationScoped
public class LogSwitchResource {

  @Inject ProvisioningLogFilter log;

  @PUT
  public Response put(@QueryParam("enabled") boolean enabled) {
    log.setEnabled(enabled);
    return Response.noContent().build();
  }
}
