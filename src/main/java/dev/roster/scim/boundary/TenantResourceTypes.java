package dev.roster.scim.boundary;

import dev.roster.scim.schema.ResourceType;

/**
 * The user type of the tenant the current request belongs to: {@link ResourceType#USER} with the
 * extensions the tenant's admin defined (docs/custom-attributes.md). Discovery answers with it.
 */
public interface TenantResourceTypes {

  ResourceType users();
}
