package dev.roster.admin.web;

import dev.roster.tenants.boundary.Tenants;
import dev.roster.tenants.entity.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

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
  private Tenant current;
  private String scimBaseUrl;

  public void load() {
    current =
        tenant == null || tenant.isBlank() ? null : tenants.findTenant(tenant.strip()).orElse(null);
    scimBaseUrl =
        scimBaseUrl(
            (HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }

  /** {@code <scheme>://<host>[:port]<context path>/scim/v2}, the port only when not the default. */
  public static String scimBaseUrl(HttpServletRequest request) {
    String scheme = request.getScheme().toLowerCase(Locale.ROOT);
    String host = request.getServerName();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 address
    }
    int port = request.getServerPort();
    boolean defaultPort =
        port <= 0
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    return scheme
        + "://"
        + host
        + (defaultPort ? "" : ":" + port)
        + request.getContextPath()
        + "/scim/v2";
  }

  public Tenant getCurrent() {
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
