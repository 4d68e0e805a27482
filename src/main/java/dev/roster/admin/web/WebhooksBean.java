package dev.roster.admin.web;

import dev.roster.scim.ScimException;
import dev.roster.webhooks.boundary.IssuedWebhook;
import dev.roster.webhooks.boundary.WebhookView;
import dev.roster.webhooks.boundary.Webhooks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The webhooks page: register an endpoint (its secret shown once, as an API key is), and see each
 * endpoint's state and how many events it has still to receive. Post/Redirect/Get.
 */
@Named("webhooksPage")
@RequestScoped
public class WebhooksBean {

  private static final String PAGE = "/admin/webhooks.xhtml";

  @Inject Webhooks webhooks;

  @Inject IssuedWebhooks issuedWebhooks;

  private List<WebhookView> list;
  private String url;
  private String tenant;
  private String eventTypes = "*";
  private String description;
  private IssuedWebhook issued;
  private boolean issuedGone;

  @PostConstruct
  void init() {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    String handOver = external.getRequestParameterMap().get("issued");
    if (handOver != null && !faces.isPostback()) {
      issued = issuedWebhooks.take(external.getSessionId(false), handOver).orElse(null);
      issuedGone = issued == null;
    }
  }

  public List<WebhookView> getWebhooks() {
    if (list == null) {
      list = webhooks.list();
    }
    return list;
  }

  /** Events the endpoint has still to receive, over all its tenants. */
  public long pending(WebhookView webhook) {
    return webhook.tenants().stream().mapToLong(WebhookView.Progress::pending).sum();
  }

  public String stateClass(WebhookView webhook) {
    return switch (webhook.state()) {
      case "active" -> "good";
      case "failing" -> "bad";
      default -> "warn";
    };
  }

  public void create() throws IOException {
    IssuedWebhook created;
    try {
      created =
          webhooks.create(
              tenant == null || tenant.isBlank() ? null : tenant.strip(),
              url,
              description,
              types(eventTypes),
              FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName());
    } catch (ScimException e) {
      FacesContext.getCurrentInstance()
          .addMessage(
              "createWebhook:url", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.detail(), null));
      return;
    }
    String session = FacesContext.getCurrentInstance().getExternalContext().getSessionId(true);
    Redirects.to(PAGE + "?issued=" + issuedWebhooks.leave(session, created));
  }

  /** The event types of a form field: comma- or space-separated. */
  static List<String> types(String text) {
    if (text == null || text.isBlank()) {
      return List.of("*");
    }
    return Arrays.stream(text.split("[,\\s]+")).filter(t -> !t.isEmpty()).toList();
  }

  public boolean isIssued() {
    return issued != null;
  }

  public String getIssuedSecret() {
    return issued == null ? null : issued.secret();
  }

  public WebhookView getIssuedWebhook() {
    return issued == null ? null : issued.webhook();
  }

  public boolean isIssuedGone() {
    return issuedGone;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  public String getEventTypes() {
    return eventTypes;
  }

  public void setEventTypes(String eventTypes) {
    this.eventTypes = eventTypes;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }
}
