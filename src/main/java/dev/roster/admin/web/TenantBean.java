package dev.roster.admin.web;

import dev.roster.admin.boundary.Dashboard;
import dev.roster.admin.boundary.ScimBaseUrl;
import dev.roster.admin.control.ConnectionHealth;
import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.DepartmentSource;
import dev.roster.tenants.boundary.HoldThreshold;
import dev.roster.tenants.boundary.IssuedToken;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.tenants.boundary.TokenView;
import dev.roster.users.boundary.Deprovisionings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * One tenant's page: rename it, enable or disable it, and manage its tokens.
 *
 * <p>Every form that changes something ends with a redirect back to this page (Post/Redirect/Get),
 * so that a refresh repeats nothing. A new token's plaintext goes along that redirect without being
 * stored anywhere but in memory: the post leaves it in {@link IssuedTokens} for this session and
 * names it in the redirect's URL ({@code issued=<random id>}); the page the redirect lands on takes
 * it, once, into a field of this request-scoped bean and renders it. It never reaches the session,
 * the view state, a URL or the database, and a refresh finds it gone. The tenant's id comes as the
 * {@code id} parameter: in the URL of a GET, and in a plain hidden field of each form on a post.
 */
@Named("tenantPage")
@RequestScoped
public class TenantBean {

  @Inject Tenants tenants;

  @Inject IssuedTokens issuedTokens;

  @Inject Deprovisionings deprovisionings;

  @Inject Dashboard dashboard;

  private ConnectionHealth health;
  private String chart;

  private String id;
  private TenantView tenant;
  private List<TokenView> tokens;

  private String name;
  private String departmentSource;
  private Boolean holdEnabled;
  private Integer holdPercent;
  private Integer holdMinimum;
  private Long heldDeprovisionings;
  private String label;
  private LocalDate expiresOn;

  /** Only for the page that the post which issued it redirected to. */
  private IssuedToken issued;

  /** The URL named a new token that was shown already (or has expired). */
  private boolean issuedGone;

  @PostConstruct
  void init() {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    Map<String, String> parameters = external.getRequestParameterMap();
    id = parameters.get("id");
    String handOver = parameters.get("issued");
    if (handOver != null && !faces.isPostback()) {
      issued =
          issuedTokens
              .take(external.getSessionId(false), handOver)
              .filter(token -> token.token().getTenantId().equals(id))
              .orElse(null);
      issuedGone = issued == null;
    }
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

  public TenantView getTenant() {
    if (tenant == null && id != null && !id.isBlank()) {
      tenant = tenants.findTenant(id).orElse(null);
    }
    return tenant;
  }

  public List<TokenView> getTokens() {
    if (tokens == null) {
      tokens = getTenant() == null ? List.of() : tenants.listTokens(id);
    }
    return tokens;
  }

  public String status(TokenView token) {
    return token.getStatus().toString();
  }

  public boolean revocable(TokenView token) {
    return token.getRevokedAt().isEmpty();
  }

  public Instant expires(TokenView token) {
    return token.getExpiresAt().orElse(null);
  }

  public Instant lastUsed(TokenView token) {
    return token.getLastUsedAt().orElse(null);
  }

  public String getScimBaseUrl() {
    return ScimBaseUrl.of(
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }

  // Actions: each one that succeeds redirects back to this page

  public void rename() throws IOException {
    try {
      tenant = tenants.renameTenant(id, name);
    } catch (ScimException e) {
      error("renameTenant:name", e);
      return;
    }
    info("Renamed to '" + tenant.getName() + "'.");
    Redirects.to(page());
  }

  public void chooseDepartmentSource() throws IOException {
    try {
      tenant = tenants.setDepartmentSource(id, DepartmentSource.of(departmentSource));
    } catch (ScimException e) {
      error("departmentSource:source", e);
      return;
    }
    info("Departments now come from " + describe(tenant.getDepartmentSource()) + ".");
    Redirects.to(page());
  }

  private static String describe(DepartmentSource source) {
    return switch (source) {
      case ATTRIBUTE -> "the users' department attribute";
      case GROUPS -> "pushed groups";
      case BOTH -> "the department attribute and pushed groups";
    };
  }

  public String getDepartmentSource() {
    if (departmentSource == null && getTenant() != null) {
      departmentSource = getTenant().getDepartmentSource().value();
    }
    return departmentSource;
  }

  public void setDepartmentSource(String departmentSource) {
    this.departmentSource = departmentSource;
  }

  public void enable() throws IOException {
    changeEnabled(true);
  }

  public void disable() throws IOException {
    changeEnabled(false);
  }

  private void changeEnabled(boolean enabled) throws IOException {
    try {
      tenant = tenants.setTenantEnabled(id, enabled);
    } catch (ScimException e) {
      error(null, e);
      return;
    }
    info(
        enabled
            ? "Tenant enabled: its valid tokens work again."
            : "Tenant disabled: its tokens get 401 from now on.");
    Redirects.to(page());
  }

  public void issue() throws IOException {
    IssuedToken token;
    try {
      token =
          tenants.issueToken(
              id,
              label,
              expiresOn == null ? null : expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (ScimException e) {
      error(e.status() == 400 ? "issueToken:expires" : null, e);
      return;
    }
    String session = FacesContext.getCurrentInstance().getExternalContext().getSessionId(true);
    Redirects.to(page() + "&issued=" + issuedTokens.leave(session, token));
  }

  /** Revokes the token named by the {@code token} field of the row's form. */
  public void revoke() throws IOException {
    String tokenId =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("token");
    TokenView token;
    try {
      token = tenants.revokeToken(id, tokenId);
    } catch (ScimException e) {
      error(null, e);
      return;
    }
    info("Token " + token.getPrefix() + " revoked: clients using it get 401 from now on.");
    Redirects.to(page());
  }

  private String page() {
    return "/admin/tenant.xhtml?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  /** Sets the deprovisioning hold's threshold (docs/deprovisioning-hold.md). */
  public void saveHold() throws IOException {
    try {
      tenants.setHoldThreshold(
          id,
          new HoldThreshold(
              Boolean.TRUE.equals(holdEnabled),
              holdPercent == null ? 0 : holdPercent,
              holdMinimum == null ? 0 : holdMinimum));
    } catch (ScimException e) {
      error(null, e);
      return;
    }
    info("Deprovisioning hold saved.");
    Redirects.to(page());
  }

  /** Whether the tenant's identity provider gets through, and why not; read once per request. */
  public ConnectionHealth getHealth() {
    if (health == null && getTenant() != null) {
      health = dashboard.health(getTenant());
    }
    return health;
  }

  /** The tenant's requests and errors per hour over seven days, as SVG. */
  public String getChart() {
    if (chart == null && getTenant() != null) {
      chart = dashboard.weekChart(id);
    }
    return chart;
  }

  /** How many of the tenant's deprovisionings await review: counted once per request. */
  public long getHeldDeprovisionings() {
    if (heldDeprovisionings == null) {
      heldDeprovisionings = getTenant() == null ? 0 : deprovisionings.countHeld(id);
    }
    return heldDeprovisionings;
  }

  public boolean isHoldEnabled() {
    return holdEnabled != null
        ? holdEnabled
        : getTenant() != null && getTenant().getHoldThreshold().enabled();
  }

  public void setHoldEnabled(boolean holdEnabled) {
    this.holdEnabled = holdEnabled;
  }

  public Integer getHoldPercent() {
    return holdPercent != null
        ? holdPercent
        : getTenant() == null ? null : getTenant().getHoldThreshold().percent();
  }

  public void setHoldPercent(Integer holdPercent) {
    this.holdPercent = holdPercent;
  }

  public Integer getHoldMinimum() {
    return holdMinimum != null
        ? holdMinimum
        : getTenant() == null ? null : getTenant().getHoldThreshold().minimum();
  }

  public void setHoldMinimum(Integer holdMinimum) {
    this.holdMinimum = holdMinimum;
  }

  // The token just issued: rendered once, in this response only

  public boolean isIssued() {
    return issued != null;
  }

  public String getIssuedToken() {
    return issued == null ? null : issued.plaintext();
  }

  public TokenView getIssuedTokenInfo() {
    return issued == null ? null : issued.token();
  }

  public boolean isIssuedGone() {
    return issuedGone;
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
