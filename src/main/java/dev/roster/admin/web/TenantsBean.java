package dev.roster.admin.web;

import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The tenants page: the list, and the form that creates a tenant. A created tenant opens on its own
 * page (post, redirect, get), where its first token is one click away.
 */
@Named("tenantsPage")
@RequestScoped
public class TenantsBean {

  @Inject Tenants tenants;

  private List<TenantView> list;
  private String name;
  private String id;

  public List<TenantView> getTenants() {
    if (list == null) {
      list = tenants.listTenants();
    }
    return list;
  }

  public void create() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    TenantView tenant;
    try {
      tenant = tenants.createTenant(id, name);
    } catch (ScimException e) {
      faces.addMessage(
          id != null && !id.isBlank() ? "createTenant:id" : null,
          new FacesMessage(FacesMessage.SEVERITY_ERROR, e.detail(), null));
      return;
    }
    faces.addMessage(
        null,
        new FacesMessage(
            "Tenant '" + tenant.getName() + "' created with id '" + tenant.getId() + "'."));
    Redirects.to(
        "/admin/tenant.xhtml?id=" + URLEncoder.encode(tenant.getId(), StandardCharsets.UTF_8));
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }
}
