package dev.roster.admin.web;

import dev.roster.admin.boundary.Directory;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.inject.Inject;

/**
 * What the pages of one user and of one group share: the view parameters {@code tenant} and {@code
 * id}, and the tenant they name. {@link #load} reads the resource only when both name something.
 */
public abstract class ResourcePageBean {

  @Inject Directory directory;

  @Inject Tenants tenants;

  private String tenant;
  private String id;
  private TenantView current;

  /** The page's {@code f:viewAction}. */
  public void load() {
    current =
        tenant == null || tenant.isBlank() ? null : tenants.findTenant(tenant.strip()).orElse(null);
    if (current != null && id != null && !id.isBlank()) {
      read(current.getId(), id.strip());
    }
  }

  /** Reads the resource of the tenant with that id (both stripped, neither blank). */
  protected abstract void read(String tenantId, String id);

  public TenantView getCurrent() {
    return current;
  }

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }
}
