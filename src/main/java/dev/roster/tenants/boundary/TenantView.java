package dev.roster.tenants.boundary;

import dev.roster.tenants.entity.Tenant;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant as other features see it: a read-only copy taken inside {@link Tenants}, so that no
 * caller holds (or changes) the entity. The getters are bean properties, for the console's pages.
 */
public final class TenantView {

  private final String id;
  private final String name;
  private final boolean enabled;
  private final Instant createdAt;
  private final DepartmentSource departmentSource;
  private final HoldThreshold holdThreshold;

  private TenantView(
      String id,
      String name,
      boolean enabled,
      Instant createdAt,
      DepartmentSource departmentSource,
      HoldThreshold holdThreshold) {
    this.id = id;
    this.name = name;
    this.enabled = enabled;
    this.createdAt = createdAt;
    this.departmentSource = departmentSource;
    this.holdThreshold = holdThreshold;
  }

  static TenantView of(Tenant tenant) {
    return new TenantView(
        tenant.getId(),
        tenant.getName(),
        tenant.isEnabled(),
        tenant.getCreatedAt(),
        DepartmentSource.of(tenant.getDepartmentSource()),
        new HoldThreshold(
            tenant.isHoldEnabled(), tenant.getHoldPercent(), tenant.getHoldMinimum()));
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public DepartmentSource getDepartmentSource() {
    return departmentSource;
  }

  public HoldThreshold getHoldThreshold() {
    return holdThreshold;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TenantView view
        && id.equals(view.id)
        && name.equals(view.name)
        && enabled == view.enabled
        && createdAt.equals(view.createdAt)
        && departmentSource == view.departmentSource
        && holdThreshold.equals(view.holdThreshold);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, enabled, createdAt, departmentSource, holdThreshold);
  }

  @Override
  public String toString() {
    return "TenantView[" + id + "]";
  }
}
