package dev.roster.admin.web;

import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A console page about one tenant, below its tenant page (product accounts, held deprovisionings,
 * custom attributes): the tenant comes as the {@code id} parameter, in the URL of a GET and in a
 * plain hidden field of each form, and an unknown one answers 404.
 */
abstract class TenantSubpage {

  @Inject Tenants tenants;

  private TenantView tenant;

  public String getId() {
    return external().getRequestParameterMap().get("id");
  }

  /** Answers 404 for an unknown tenant; the page then says so. */
  public void requireTenant() {
    if (getTenant() == null) {
      external().setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  public TenantView getTenant() {
    String id = getId();
    if (tenant == null && id != null && !id.isBlank()) {
      tenant = tenants.findTenant(id).orElse(null);
    }
    return tenant;
  }

  /** This page of the tenant, under the context root, for a redirect back to it. */
  String page(String path) {
    return path + "?id=" + URLEncoder.encode(tenant.getId(), StandardCharsets.UTF_8);
  }

  static ExternalContext external() {
    return FacesContext.getCurrentInstance().getExternalContext();
  }
}
