package dev.roster.admin.web;

import dev.roster.admin.boundary.ScimBaseUrl;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The connect guides for Entra ID and Okta: the values an admin pastes into the identity provider,
 * filled in for one tenant. The SCIM base URL is this server's address as the browser reached it,
 * which is the address the identity provider must use too (behind a proxy, the proxy's).
 */
@Named("guide")
@RequestScoped
public class GuideBean {

  @Inject Tenants tenants;

  private String tenant;
  private TenantView current;
  private String scimBaseUrl;

  public void load() {
    current =
        tenant == null || tenant.isBlank() ? null : tenants.findTenant(tenant.strip()).orElse(null);
    scimBaseUrl =
        ScimBaseUrl.of(
            (HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }

  public TenantView getCurrent() {
    return current;
  }

  public String getScimBaseUrl() {
    return scimBaseUrl;
  }

  /** Entra ID and Okta connect only over HTTPS: a plain HTTP address needs a proxy in front. */
  public boolean isHttps() {
    return scimBaseUrl.startsWith("https://");
  }

  /** Okta refuses a base URL with an underscore. */
  public boolean isUnderscoreInUrl() {
    return scimBaseUrl.contains("_");
  }

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }
}
