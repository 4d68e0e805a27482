package dev.roster.admin.web;

import dev.roster.apikeys.boundary.ApiKeyView;
import dev.roster.apikeys.boundary.ApiKeys;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API keys page: issue a key for the product (shown once, like a SCIM token on the tenant
 * page), see each key's scopes and last use, revoke one. Post/Redirect/Get as on the tenant page.
 */
@Named("apiKeysPage")
@RequestScoped
public class ApiKeysBean {

  private static final String PAGE = "/admin/api-keys.xhtml";

  @Inject ApiKeys keys;

  @Inject IssuedApiKeys issuedKeys;

  private List<ApiKeyView> list;
  private String label;
  private List<String> scopes = new ArrayList<>(List.of(Scope.DIRECTORY.key()));
  private LocalDate expiresOn;
  private ApiKeys.Issued issued;
  private boolean issuedGone;

  @PostConstruct
  void init() {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    String handOver = external.getRequestParameterMap().get("issued");
    if (handOver != null && !faces.isPostback()) {
      issued = issuedKeys.take(external.getSessionId(false), handOver).orElse(null);
      issuedGone = issued == null;
    }
  }

  public List<ApiKeyView> getKeys() {
    if (list == null) {
      list = keys.list();
    }
    return list;
  }

  public String status(ApiKeyView key) {
    return key.getStatus();
  }

  public String scopesOf(ApiKeyView key) {
    return key.getScopes().stream().map(Scope::key).collect(Collectors.joining(", "));
  }

  public boolean revocable(ApiKeyView key) {
    return key.getRevokedAt().isEmpty();
  }

  public Instant expires(ApiKeyView key) {
    return key.getExpiresAt().orElse(null);
  }

  public Instant lastUsed(ApiKeyView key) {
    return key.getLastUsedAt().orElse(null);
  }

  public void issue() throws IOException {
    Set<Scope> chosen = EnumSet.noneOf(Scope.class);
    scopes.forEach(s -> Scope.of(s).ifPresent(chosen::add));
    ApiKeys.Issued key;
    try {
      key =
          keys.issue(
              label,
              chosen,
              expiresOn == null ? null : expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant(),
              FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName());
    } catch (ScimException e) {
      error("issueKey:label", e);
      return;
    }
    String session = FacesContext.getCurrentInstance().getExternalContext().getSessionId(true);
    Redirects.to(PAGE + "?issued=" + issuedKeys.leave(session, key));
  }

  /** Revokes the key named by the {@code key} field of the row's form. */
  public void revoke() throws IOException {
    String id =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("key");
    ApiKeyView key;
    try {
      key = keys.revoke(id);
    } catch (ScimException e) {
      error(null, e);
      return;
    }
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                "API key " + key.getPrefix() + " revoked: requests with it get 401 from now on."));
    Redirects.to(PAGE);
  }

  public boolean isIssued() {
    return issued != null;
  }

  public String getIssuedKey() {
    return issued == null ? null : issued.plaintext();
  }

  public ApiKeyView getIssuedKeyInfo() {
    return issued == null ? null : issued.key();
  }

  public boolean isIssuedGone() {
    return issuedGone;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  public List<String> getScopes() {
    return scopes;
  }

  public void setScopes(List<String> scopes) {
    this.scopes = scopes == null ? new ArrayList<>() : new ArrayList<>(scopes);
  }

  public LocalDate getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(LocalDate expiresOn) {
    this.expiresOn = expiresOn;
  }

  public String getTomorrow() {
    return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
  }

  private static void error(String clientId, ScimException e) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.detail(), null));
  }
}
