package dev.roster.admin.boundary;

import dev.roster.admin.control.ConnectionHealth;
import dev.roster.admin.control.TrafficChart;
import dev.roster.groups.boundary.GroupDirectory;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.users.boundary.Deprovisionings;
import dev.roster.users.boundary.UserDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows of each tenant: its directory's size and its provisioning traffic. Each
 * figure is one grouped query over all tenants, or one indexed look-up per tenant, read through the
 * users', groups' and log's boundaries.
 */
@Stateless
public class Dashboard {

  /** How far back "the last error" is looked for: the log's retention is in the same range. */
  public static final Duration LAST_ERROR_WINDOW = Duration.ofDays(30);

  /**
   * One tenant's line.
   *
   * @param lastRequest the time of its latest request, or null
   * @param lastError the time of its latest request answered 400 or above within {@link
   *     #LAST_ERROR_WINDOW}, or null
   * @param heldDeprovisionings its deactivations and deletions awaiting review
   * @param health whether its identity provider gets through, and why not
   */
  public record TenantSummary(
      TenantView tenant,
      long activeUsers,
      long inactiveUsers,
      long groups,
      long requests24h,
      long errors24h,
      Instant lastRequest,
      Instant lastError,
      long heldDeprovisionings,
      ConnectionHealth health) {}

  @Inject Tenants tenants;

  @Inject UserDirectory userDirectory;

  @Inject GroupDirectory groupDirectory;

  @Inject ProvisioningLog log;

  @Inject Deprovisionings deprovisionings;

  public List<TenantSummary> summaries() {
    Instant now = Instant.now();
    Map<String, UserDirectory.ActivityCounts> users = userDirectory.countsByTenant();
    Map<String, Long> groups = groupDirectory.countsByTenant();
    Map<String, Long> held = deprovisionings.heldByTenant();
    Map<String, ProvisioningLog.Traffic> traffic = log.trafficSince(now.minus(Duration.ofDays(1)));
    return tenants.listTenants().stream()
        .map(
            tenant -> {
              String id = tenant.getId();
              UserDirectory.ActivityCounts u =
                  users.getOrDefault(id, UserDirectory.ActivityCounts.NONE);
              ProvisioningLog.Traffic t = traffic.getOrDefault(id, ProvisioningLog.Traffic.NONE);
              return new TenantSummary(
                  tenant,
                  u.active(),
                  u.inactive(),
                  groups.getOrDefault(id, 0L),
                  t.requests(),
                  t.errors(),
                  log.latestRequest(id).orElse(null),
                  log.latestError(id, now.minus(LAST_ERROR_WINDOW)).orElse(null),
                  held.getOrDefault(id, 0L),
                  health(tenant, t, now));
            })
        .toList();
  }

  /** One tenant's connection health: its milestones, its last day's traffic and its tokens. */
  public ConnectionHealth health(TenantView tenant) {
    Instant now = Instant.now();
    ProvisioningLog.Traffic traffic =
        log.trafficSince(now.minus(Duration.ofDays(1)))
            .getOrDefault(tenant.getId(), ProvisioningLog.Traffic.NONE);
    return health(tenant, traffic, now);
  }

  private ConnectionHealth health(TenantView tenant, ProvisioningLog.Traffic traffic, Instant now) {
    return ConnectionHealth.of(
        tenant.isEnabled(),
        log.activity(tenant.getId()),
        traffic.requests(),
        traffic.errors(),
        tenants.listTokens(tenant.getId()).stream().map(ConnectionHealth.Token::of).toList(),
        now);
  }

  /**
   * Requests and errors per hour over the last seven days, of one tenant or of all (null), from the
   * log writer's hourly counts, as an SVG chart (docs/console.md).
   */
  public String weekChart(String tenantId) {
    return TrafficChart.svg(
        log.hourly(tenantId, Instant.now(), 7 * 24).stream()
            .map(h -> new TrafficChart.Hour(h.hour(), h.requests(), h.errors()))
            .toList(),
        tenantId);
  }
}
