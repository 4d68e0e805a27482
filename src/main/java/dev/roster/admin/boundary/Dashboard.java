package dev.roster.admin.boundary;

import dev.roster.tenants.boundary.Tenants;
import dev.roster.tenants.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows of each tenant: its directory's size and its provisioning traffic. Each
 * figure is one grouped query over all tenants, or one indexed look-up per tenant.
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
   */
  public record TenantSummary(
      Tenant tenant,
      long activeUsers,
      long inactiveUsers,
      long groups,
      long requests24h,
      long errors24h,
      Instant lastRequest,
      Instant lastError) {}

  @PersistenceContext EntityManager em;

  @Inject Tenants tenants;

  public List<TenantSummary> summaries() {
    Instant now = Instant.now();
    Map<String, long[]> users = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT u.tenantId, u.active, COUNT(u) FROM StoredUser u"
                    + " GROUP BY u.tenantId, u.active",
                Object[].class)
            .getResultList()) {
      long[] counts = users.computeIfAbsent((String) row[0], k -> new long[2]);
      counts[Boolean.FALSE.equals(row[1]) ? 1 : 0] += ((Number) row[2]).longValue();
    }
    Map<String, Long> groups = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT g.tenantId, COUNT(g) FROM StoredGroup g GROUP BY g.tenantId",
                Object[].class)
            .getResultList()) {
      groups.put((String) row[0], ((Number) row[1]).longValue());
    }
    Map<String, long[]> traffic = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT r.tenantId, COUNT(r), SUM(CASE WHEN r.status >= 400 THEN 1 ELSE 0 END)"
                    + " FROM ProvisioningRecord r WHERE r.time >= ?1 GROUP BY r.tenantId",
                Object[].class)
            .setParameter(1, utc(now.minus(Duration.ofDays(1))))
            .getResultList()) {
      traffic.put(
          (String) row[0],
          new long[] {
            ((Number) row[1]).longValue(), row[2] == null ? 0 : ((Number) row[2]).longValue()
          });
    }
    return tenants.listTenants().stream()
        .map(
            tenant -> {
              long[] u = users.getOrDefault(tenant.getId(), new long[2]);
              long[] t = traffic.getOrDefault(tenant.getId(), new long[2]);
              return new TenantSummary(
                  tenant,
                  u[0],
                  u[1],
                  groups.getOrDefault(tenant.getId(), 0L),
                  t[0],
                  t[1],
                  latest(tenant.getId(), false, now),
                  latest(tenant.getId(), true, now));
            })
        .toList();
  }

  /** The latest log time of a tenant, read backwards through the (tenant, time) index. */
  private Instant latest(String tenantId, boolean errorsOnly, Instant now) {
    var query =
        em.createQuery(
                "SELECT r.time FROM ProvisioningRecord r WHERE r.tenantId = ?1"
                    + (errorsOnly ? " AND r.status >= 400 AND r.time >= ?2" : "")
                    // the tenant first, so that the (tenant, time desc, id desc) index gives the
                    // order
                    + " ORDER BY r.tenantId, r.time DESC, r.id DESC",
                LocalDateTime.class)
            .setParameter(1, tenantId)
            .setMaxResults(1);
    if (errorsOnly) {
      query.setParameter(2, utc(now.minus(LAST_ERROR_WINDOW)));
    }
    List<LocalDateTime> found = query.getResultList();
    return found.isEmpty() ? null : found.get(0).toInstant(ZoneOffset.UTC);
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
