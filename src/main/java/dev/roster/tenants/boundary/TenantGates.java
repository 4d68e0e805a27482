package dev.roster.tenants.boundary;

import dev.roster.tenants.control.TenantGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One {@link TenantGate} per tenant, with the limits of this deployment (see the README, "Limits").
 * Only authenticated tenants get a gate, so the map is as large as the number of tenants.
 */
@ApplicationScoped
public class TenantGates {

  private final Map<String, TenantGate> gates = new ConcurrentHashMap<>();
  private TenantGate.Limits limits;

  protected TenantGates() {
    // for the CDI proxy
  }

  @Inject
  public TenantGates(
      @ConfigProperty(name = "roster.scim.tenant-concurrency", defaultValue = "8") int concurrency,
      @ConfigProperty(name = "roster.scim.tenant-waiting", defaultValue = "32") int maxWaiting,
      @ConfigProperty(name = "roster.scim.tenant-max-wait-seconds", defaultValue = "10")
          int maxWaitSeconds,
      @ConfigProperty(name = "roster.scim.tenant-rate", defaultValue = "200") double rate,
      @ConfigProperty(name = "roster.scim.tenant-burst", defaultValue = "400") int burst) {
    this.limits =
        new TenantGate.Limits(
            Math.max(1, concurrency),
            Math.max(0, maxWaiting),
            Duration.ofSeconds(Math.max(0, maxWaitSeconds)),
            rate,
            Math.max(1, burst));
  }

  public TenantGate of(String tenantId) {
    return gates.computeIfAbsent(tenantId, id -> new TenantGate(limits));
  }

  public TenantGate.Limits limits() {
    return limits;
  }
}
