package dev.roster.tenants.boundary;

import dev.roster.tenants.control.TokenGrant;
import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant of the current SCIM request, set by {@link BearerTokenFilter}. Every query a feature
 * writes is scoped by {@link #id()}.
 */
@RequestScoped
public class CurrentTenant {

  private TokenGrant grant;

  void authenticated(TokenGrant grant) {
    this.grant = grant;
  }

  /**
   * The tenant id.
   *
   * @throws IllegalStateException outside an authenticated request, which is a programming error
   */
  public String id() {
    if (grant == null) {
      throw new IllegalStateException("no tenant: the request was not authenticated");
    }
    return grant.tenantId();
  }
}
