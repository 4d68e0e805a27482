package dev.roster.admin.web;

import dev.roster.admin.boundary.Directory;
import dev.roster.admin.boundary.ScimBaseUrl;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A user's page ({@code user.xhtml?tenant=&id=}): what a product reads of the user, its groups, its
 * stored SCIM JSON and its latest provisioning-log records, so that an admin can see what arrived
 * and why.
 */
@Named("userPage")
@RequestScoped
public class UserPageBean {

  @Inject Directory directory;

  @Inject Tenants tenants;

  private String tenant;
  private String id;
  private TenantView current;
  private Directory.UserDetail user;

  public void load() {
    current =
        tenant == null || tenant.isBlank() ? null : tenants.findTenant(tenant.strip()).orElse(null);
    if (current == null || id == null || id.isBlank()) {
      return;
    }
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    user = directory.user(current.getId(), id.strip(), ScimBaseUrl.of(request)).orElse(null);
  }

  public TenantView getCurrent() {
    return current;
  }

  public Directory.UserDetail getUser() {
    return user;
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
