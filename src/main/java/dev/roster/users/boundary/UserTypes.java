package dev.roster.users.boundary;

import dev.roster.scim.boundary.TenantResourceTypes;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.Schema;
import dev.roster.tenants.boundary.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Each tenant's user type: {@link ResourceType#USER} and its admin's extensions
 * (docs/custom-attributes.md), remembered for {@value #FRESH_SECONDS} seconds. A change on this
 * instance is seen at once; another instance sees it within that time. A tenant without extensions
 * gets {@link ResourceType#USER} itself, so its requests take the same path as before they existed.
 */
@ApplicationScoped
public class UserTypes implements TenantResourceTypes {

  static final long FRESH_SECONDS = 10;

  private record Known(ResourceType type, long atNanos) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();

  @Inject TenantSchemas schemas;

  @Inject CurrentTenant tenant;

  /** The user type of the current request's tenant. */
  @Override
  public ResourceType users() {
    return of(tenant.id());
  }

  public ResourceType of(String tenantId) {
    long now = System.nanoTime();
    Known k = known.get(tenantId);
    if (k != null && now - k.atNanos() < TimeUnit.SECONDS.toNanos(FRESH_SECONDS)) {
      return k.type();
    }
    List<Schema> extensions = schemas.list(tenantId);
    ResourceType type = ResourceType.USER.withExtensions(extensions);
    known.put(tenantId, new Known(type, now));
    return type;
  }

  void forget(String tenantId) {
    known.remove(tenantId);
  }
}
