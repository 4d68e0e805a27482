package dev.roster.admin.web;

import dev.roster.scim.ScimException;
import dev.roster.storage.WebhookRows;
import dev.roster.webhooks.boundary.WebhookView;
import dev.roster.webhooks.boundary.Webhooks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One webhook endpoint ({@code webhook.xhtml?id=}): its state, how far it has received each
 * tenant's events, its latest attempts with status, latency, error, next retry and payload; and the
 * actions: disable or enable, replay a range, delete.
 */
@Named("webhookPage")
@RequestScoped
public class WebhookPageBean {

  static final int ATTEMPTS_SHOWN = 50;

  @Inject Webhooks webhooks;

  private String id;
  private WebhookView webhook;
  private List<WebhookRows.Attempt> attempts;
  private String replayTenant;
  private Long replayFrom;
  private Long replayTo;

  @PostConstruct
  void init() {
    id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
  }

  /** Answers 404 for an unknown endpoint; the page then says so. */
  public void requireWebhook() {
    if (getWebhook() == null) {
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  public String getId() {
    return id;
  }

  public WebhookView getWebhook() {
    if (webhook == null && id != null) {
      webhook = webhooks.find(id).orElse(null);
    }
    return webhook;
  }

  public List<WebhookRows.Attempt> getAttempts() {
    if (attempts == null) {
      attempts = getWebhook() == null ? List.of() : webhooks.attempts(id, ATTEMPTS_SHOWN);
    }
    return attempts;
  }

  /** What the attempt sent, pretty enough to read, or why it cannot be shown. */
  public String payload(WebhookRows.Attempt attempt) {
    return webhooks
        .payload(attempt.tenantId(), attempt.seq())
        .map(Object::toString)
        .orElse("(no longer kept by the change feed)");
  }

  public String statusClass(WebhookRows.Attempt attempt) {
    return attempt.status() != null && attempt.status() / 100 == 2 ? "good" : "bad";
  }

  public void enable() throws IOException {
    change(true);
  }

  public void disable() throws IOException {
    change(false);
  }

  private void change(boolean enabled) throws IOException {
    try {
      webhooks.update(id, null, null, null, enabled);
    } catch (ScimException e) {
      error(null, e);
      return;
    }
    info(
        enabled
            ? "Endpoint enabled: it receives what it missed, in order."
            : "Endpoint disabled: nothing is sent to it until it is enabled again.");
    Redirects.to(page());
  }

  public void replay() throws IOException {
    try {
      webhooks.replay(
          id, replayTenant, replayFrom == null ? 0 : replayFrom, replayTo == null ? 0 : replayTo);
    } catch (ScimException e) {
      error("replay:from", e);
      return;
    }
    info(
        "Events "
            + replayFrom
            + " to "
            + replayTo
            + " of "
            + replayTenant
            + " will be sent again.");
    Redirects.to(page());
  }

  public void delete() throws IOException {
    try {
      webhooks.delete(id);
    } catch (ScimException e) {
      error(null, e);
      return;
    }
    info("Endpoint deleted.");
    Redirects.to("/admin/webhooks.xhtml");
  }

  private String page() {
    return "/admin/webhook.xhtml?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static void info(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(text));
  }

  private static void error(String clientId, ScimException e) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.detail(), null));
  }

  public String getReplayTenant() {
    return replayTenant;
  }

  public void setReplayTenant(String replayTenant) {
    this.replayTenant = replayTenant;
  }

  public Long getReplayFrom() {
    return replayFrom;
  }

  public void setReplayFrom(Long replayFrom) {
    this.replayFrom = replayFrom;
  }

  public Long getReplayTo() {
    return replayTo;
  }

  public void setReplayTo(Long replayTo) {
    this.replayTo = replayTo;
  }
}
