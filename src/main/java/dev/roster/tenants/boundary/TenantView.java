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

  private TenantView(String id, String name, boolean enabled, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.enabled = enabled;
    this.createdAt = createdAt;
  }

  static TenantView of(Tenant tenant) {
    return new TenantView(
        tenant.getId(), tenant.getName(), tenant.isEnabled(), tenant.getCreatedAt());
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

  @Override
  public boolean equals(Object other) {
    return other instanceof TenantView view
        && id.equals(view.id)
        && name.equals(view.name)
        && enabled == view.enabled
        && createdAt.equals(view.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, enabled, createdAt);
  }

  @Override
  public String toString() {
    return "TenantView[" + id + "]";
  }
}
