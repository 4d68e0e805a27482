package dev.roster.admin.web;

import dev.roster.admin.api.TokenStatus;
import dev.roster.admin.boundary.ScimBaseUrl;
import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.IssuedToken;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.tenants.entity.ApiToken;
import dev.roster.tenants.entity.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One tenant's page: rename it, enable or disable it, and manage its tokens.
 *
 * <p>The bean lives for one request, on purpose: a new token's plaintext is held in a field of it
 * and rendered into the response of the post that issued it, and so it never reaches the session,
 * the view state, a URL or the database. The tenant's id comes as the {@code id} parameter: in the
 * URL of a GET, and in a plain hidden field of each form on a post.
 */
@Named("tenantPage")
@RequestScoped
public class TenantBean {

  @Inject Tenants tenants;

  private String id;
  private Tenant tenant;
  private List<ApiToken> tokens;
  private Instant now;

  private String name;
  private String label;
  private LocalDate expiresOn;

  /** Only for the response of the post that issued it. */
  private IssuedToken issued;

  @PostConstruct
  void init() {
    id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
    now = Instant.now();
  }

  /** Answers 404 for an unknown tenant; the page then says so. */
  public void requireTenant() {
    if (getTenant() == null) {
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  public String getId() {
    return id;
  }

  public Tenant getTenant() {
    if (tenant == null && id != null && !id.isBlank()) {
      tenant = tenants.findTenant(id).orElse(null);
    }
    return tenant;
  }

  public List<ApiToken> getTokens() {
    if (tokens == null) {
      tokens = getTenant() == null ? List.of() : tenants.listTokens(id);
    }
    return tokens;
  }

  public String status(ApiToken token) {
    return TokenStatus.of(token, now).toString();
  }

  public boolean revocable(ApiToken token) {
    return token.getRevokedAt().isEmpty();
  }

  public Instant expires(ApiToken token) {
    return token.getExpiresAt().orElse(null);
  }

  public Instant lastUsed(ApiToken token) {
    return token.getLastUsedAt().orElse(null);
  }

  public String getScimBaseUrl() {
    return ScimBaseUrl.of(
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }

  // Actions

  public void rename() {
    try {
      tenant = tenants.renameTenant(id, name);
      info("Renamed to '" + tenant.getName() + "'.");
    } catch (ScimException e) {
      error("renameTenant:name", e);
    }
  }

  public void enable() {
    changeEnabled(true);
  }

  public void disable() {
    changeEnabled(false);
  }

  private void changeEnabled(boolean enabled) {
    try {
      tenant = tenants.setTenantEnabled(id, enabled);
      info(
          enabled
              ? "Tenant enabled: its valid tokens work again."
              : "Tenant disabled: its tokens get 401 from now on.");
    } catch (ScimException e) {
      error(null, e);
    }
  }

  public void issue() {
    try {
      issued =
          tenants.issueToken(
              id,
              label,
              expiresOn == null ? null : expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant());
      tokens = null;
      label = null;
      expiresOn = null;
    } catch (ScimException e) {
      error(e.status() == 400 ? "issueToken:expires" : null, e);
    }
  }

  /** Revokes the token named by the {@code token} field of the row's form. */
  public void revoke() {
    String tokenId =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("token");
    try {
      ApiToken token = tenants.revokeToken(id, tokenId);
      tokens = null;
      info("Token " + token.getPrefix() + " revoked: clients using it get 401 from now on.");
    } catch (ScimException e) {
      error(null, e);
    }
  }

  // The token just issued: rendered once, in this response only

  public boolean isIssued() {
    return issued != null;
  }

  public String getIssuedToken() {
    return issued == null ? null : issued.plaintext();
  }

  public ApiToken getIssuedTokenInfo() {
    return issued == null ? null : issued.token();
  }

  // Form fields

  public String getName() {
    return name != null ? name : getTenant() == null ? null : getTenant().getName();
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  public LocalDate getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(LocalDate expiresOn) {
    this.expiresOn = expiresOn;
  }

  /** The earliest expiry the date field offers: tomorrow, in UTC. */
  public String getTomorrow() {
    return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
  }

  private static void info(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(text));
  }

  private static void error(String clientId, ScimException e) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.detail(), null));
  }
}
