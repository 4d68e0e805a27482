package dev.roster.admin.web;

import dev.roster.admin.boundary.Dashboard;
import dev.roster.admin.boundary.ScimBaseUrl;
import dev.roster.admin.control.ConnectionHealth;
import dev.roster.tenants.boundary.IssuedToken;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The connect guides for Entra ID and Okta: the values an admin pastes into the identity provider,
 * filled in for one tenant. The SCIM base URL is this server's address as the browser reached it,
 * which is the address the identity provider must use too (behind a proxy, the proxy's).
 */
@Named("guide")
@RequestScoped
public class GuideBean {

  @Inject Tenants tenants;

  @Inject IssuedTokens issuedTokens;

  @Inject Dashboard dashboard;

  private String tenant;
  private TenantView current;
  private String scimBaseUrl;
  private IssuedToken issued;
  private boolean issuedGone;
  private List<Step> progress;

  /** One thing Roster has seen from the tenant's identity provider, or not yet. */
  public record Step(String id, String label, Instant seen, String hint) {
    public boolean isDone() {
      return seen != null;
    }
  }

  /**
   * Reads the tenant from the request itself, not only through the view parameter: on the post of
   * "Generate a token here" the form's fields decode before view parameters are applied, and a form
   * rendered only for a known tenant must find it then (its hidden {@code tenant} field).
   */
  @PostConstruct
  void init() {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    scimBaseUrl = ScimBaseUrl.of((HttpServletRequest) external.getRequest());
    String parameter = external.getRequestParameterMap().get("tenant");
    if (parameter != null) {
      tenant = parameter;
      current = parameter.isBlank() ? null : tenants.findTenant(parameter.strip()).orElse(null);
    }
  }

  public void load() {
    if (current == null && tenant != null && !tenant.isBlank()) {
      current = tenants.findTenant(tenant.strip()).orElse(null); // init() read it otherwise
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    String handOver = external.getRequestParameterMap().get("issued");
    if (handOver != null && current != null && !FacesContext.getCurrentInstance().isPostback()) {
      issued =
          issuedTokens
              .take(external.getSessionId(false), handOver)
              .filter(token -> token.token().getTenantId().equals(current.getId()))
              .orElse(null);
      issuedGone = issued == null;
    }
  }

  /**
   * Generates a token for the tenant in the guide itself, labelled with the identity provider, and
   * shows it once on the page the redirect lands on (as the tenant page does).
   */
  public void issue(String identityProvider, String page) throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    String id = external.getRequestParameterMap().get("tenant");
    TenantView found = id == null ? null : tenants.findTenant(id).orElse(null);
    if (found == null) {
      Redirects.to("/admin/" + page);
      return;
    }
    IssuedToken token =
        tenants.issueToken(found.getId(), identityProvider + " (setup guide)", null);
    Redirects.to(
        "/admin/"
            + page
            + "?tenant="
            + URLEncoder.encode(found.getId(), StandardCharsets.UTF_8)
            + "&issued="
            + issuedTokens.leave(external.getSessionId(true), token)
            + "#token");
  }

  /** The token just generated, shown in this response only; null otherwise. */
  public String getIssuedToken() {
    return issued == null ? null : issued.plaintext();
  }

  /** The URL named a generated token that was shown already. */
  public boolean isIssuedGone() {
    return issuedGone;
  }

  /**
   * What Roster has seen of the tenant so far, in the order a setup goes (docs/console.md): the
   * page polls it while steps are missing.
   */
  public List<Step> getProgress() {
    if (progress == null && current != null) {
      ConnectionHealth health = dashboard.health(current);
      progress =
          List.of(
              new Step(
                  "firstRequest",
                  "A first request from the identity provider",
                  health.firstRequest(),
                  "Save the base URL and token in the identity provider."),
              new Step(
                  "testConnection",
                  "A successful Test Connection",
                  health.lastTestConnectionOk(),
                  "Click Test Connection (Entra ID) or Test API Credentials (Okta)."),
              new Step(
                  "firstUser",
                  "The first user provisioned",
                  health.firstUserWrite(),
                  "Assign a user and start provisioning (or provision on demand)."),
              new Step(
                  "firstGroup",
                  "The first group provisioned",
                  health.firstGroupWrite(),
                  "Assign a group, if the product uses departments."));
    }
    return progress;
  }

  /** Whether every step has been seen: the page then stops asking. */
  public boolean isSetupComplete() {
    return getProgress() != null && getProgress().stream().allMatch(Step::isDone);
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
