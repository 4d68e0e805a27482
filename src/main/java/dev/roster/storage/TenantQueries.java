package dev.roster.storage;

import dev.roster.tenants.entity.Tenant;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The queries on tenants that a lookup by id ({@code em.find}) does not cover. */
public final class TenantQueries {

  private TenantQueries() {}

  /** Every tenant, by id. */
  public static List<Tenant> all(EntityManager em) {
    return em.createQuery("SELECT t FROM Tenant t ORDER BY t.id", Tenant.class).getResultList();
  }
}
