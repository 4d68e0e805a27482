package dev.roster.admin.api;

import dev.roster.admin.boundary.AdminAuthenticationMechanism;
import dev.roster.scim.ScimException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/**
 * What an API key may call: the resource's {@link ApiKeyScope}, if its scopes include it. Admin
 * accounts may call everything; a resource without the annotation (API keys themselves) is for
 * accounts only. A key that lacks the scope gets 403.
 */
@Priority(Priorities.AUTHORIZATION)
public class AdminScopeFilter implements ContainerRequestFilter {

  @Context ResourceInfo resource;

  @Context SecurityContext security;

  @Override
  public void filter(ContainerRequestContext request) {
    if (security.isUserInRole(AdminAuthenticationMechanism.ROLE)) {
      return;
    }
    ApiKeyScope needed =
        resource.getResourceClass() == null
            ? null
            : resource.getResourceClass().getAnnotation(ApiKeyScope.class);
    if (needed == null) {
      throw ScimException.forbidden(
          "Only an admin account may do this; API keys cannot manage API keys.");
    }
    if (!security.isUserInRole(needed.value().role())) {
      throw ScimException.forbidden(
          "This API key lacks the scope \"" + needed.value().key() + "\" that this request needs.");
    }
  }
}
