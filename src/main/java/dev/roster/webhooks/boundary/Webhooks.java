package dev.roster.webhooks.boundary;

import dev.roster.events.boundary.ChangeFeed;
import dev.roster.scim.ScimException;
import dev.roster.storage.WebhookRows;
import dev.roster.storage.WebhookRows.CursorKey;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.webhooks.control.EventTypes;
import dev.roster.webhooks.control.WebhookSignature;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook endpoints, managed in the console and the admin API (docs/webhooks.md). */
@Stateless
public class Webhooks {

  static final int MAX_URL = 2000;

  @PersistenceContext EntityManager em;

  @Inject Tenants tenants;

  @Inject ChangeFeed feed;

  @Inject WebhookSettings settings;

  /**
   * Registers an endpoint; it receives the events that happen from now on.
   *
   * @param tenantId the one tenant it receives, or null for all tenants
   * @param eventTypes the patterns it wants ({@code *}, {@code user.*}, exact types)
   */
  public IssuedWebhook create(
      String tenantId, String url, String description, List<String> eventTypes, String createdBy) {
    if (tenantId != null && tenants.findTenant(tenantId).isEmpty()) {
      throw ScimException.invalidValue("There is no tenant '" + cut(tenantId) + "'.");
    }
    String secret = WebhookSignature.newSecret();
    WebhookRows.Endpoint endpoint =
        new WebhookRows.Endpoint(
            UUID.randomUUID().toString(),
            tenantId,
            requireUrl(url),
            requireDescription(description),
            types(eventTypes).stored(),
            settings.seal().seal(secret),
            true,
            Instant.now(),
            createdBy);
    WebhookRows rows = new WebhookRows(em);
    rows.insert(endpoint);
    rows.startCursors(endpoint.id(), tenantId, Instant.now());
    return new IssuedWebhook(view(endpoint), secret);
  }

  public List<WebhookView> list() {
    return new WebhookRows(em).endpoints().stream().map(this::view).toList();
  }

  public Optional<WebhookView> find(String id) {
    return new WebhookRows(em).endpoint(id).map(this::view);
  }

  /** Changes what is given (null leaves it as it is). */
  public WebhookView update(
      String id, String url, String description, List<String> eventTypes, Boolean enabled) {
    WebhookRows rows = new WebhookRows(em);
    WebhookRows.Endpoint e = existing(rows, id);
    WebhookRows.Endpoint changed =
        new WebhookRows.Endpoint(
            e.id(),
            e.tenantId(),
            url == null ? e.url() : requireUrl(url),
            description == null ? e.description() : requireDescription(description),
            eventTypes == null ? e.eventTypes() : types(eventTypes).stored(),
            e.secret(),
            enabled == null ? e.enabled() : enabled,
            e.createdAt(),
            e.createdBy());
    rows.update(changed);
    return view(changed);
  }

  public void delete(String id) {
    WebhookRows rows = new WebhookRows(em);
    existing(rows, id);
    rows.delete(id);
  }

  public List<WebhookRows.Attempt> attempts(String id, int limit) {
    WebhookRows rows = new WebhookRows(em);
    existing(rows, id);
    return rows.attempts(id, limit);
  }

  /**
   * Sends a tenant's events {@code from}..{@code to} to the endpoint again, before what it has not
   * received yet. {@code to} beyond what was delivered is cut there: the rest is on its way anyway.
   */
  public WebhookView replay(String id, String tenantId, long from, long to) {
    WebhookRows rows = new WebhookRows(em);
    existing(rows, id);
    CursorKey key = new CursorKey(id, tenantId);
    WebhookRows.Cursor cursor =
        rows.cursor(key)
            .orElseThrow(
                () ->
                    ScimException.invalidValue(
                        "This endpoint receives no events of tenant '" + cut(tenantId) + "'."));
    long last = Math.min(to, cursor.deliveredSeq());
    if (from < 1 || to < from || from > last) {
      throw ScimException.invalidValue(
          "Replay needs 1 <= from <= to, and from at most "
              + cursor.deliveredSeq()
              + ", the last event this endpoint received of tenant '"
              + cut(tenantId)
              + "'.");
    }
    rows.replay(key, from, last, Instant.now());
    return find(id).orElseThrow();
  }

  /** What was (or will be) sent for a tenant's event, while the feed keeps it. */
  public Optional<JsonObject> payload(String tenantId, long seq) {
    return feed.event(tenantId, seq).map(ChangeFeed.Sendable::json);
  }

  private WebhookView view(WebhookRows.Endpoint e) {
    List<WebhookView.Progress> progress = new ArrayList<>();
    Instant failingSince = null;
    for (WebhookRows.Cursor c : new WebhookRows(em).cursors(e.id())) {
      if (c.firstFailure() != null
          && (failingSince == null || c.firstFailure().isBefore(failingSince))) {
        failingSince = c.firstFailure();
      }
      progress.add(
          new WebhookView.Progress(
              c.tenantId(),
              c.deliveredSeq(),
              c.latestSeq(),
              Math.max(0, c.latestSeq() - c.deliveredSeq()),
              c.attempts(),
              c.attempts() > 0 ? c.nextAttempt() : null,
              c.lastStatus(),
              c.lastError(),
              c.replayFrom(),
              c.replayTo()));
    }
    boolean failing =
        failingSince != null && failingSince.isBefore(Instant.now().minus(settings.retryFor()));
    return new WebhookView(
        e.id(),
        e.tenantId(),
        e.url(),
        e.description(),
        EventTypes.stored(e.eventTypes()).patterns(),
        e.enabled(),
        e.createdAt(),
        e.createdBy(),
        !e.enabled() ? "disabled" : failing ? "failing" : "active",
        failingSince,
        progress);
  }

  private static WebhookRows.Endpoint existing(WebhookRows rows, String id) {
    return rows.endpoint(id)
        .orElseThrow(() -> ScimException.notFound("There is no webhook '" + cut(id) + "'."));
  }

  private static EventTypes types(List<String> eventTypes) {
    try {
      return eventTypes == null ? EventTypes.ALL : EventTypes.of(eventTypes);
    } catch (IllegalArgumentException e) {
      throw ScimException.invalidValue(e.getMessage());
    }
  }

  static String requireUrl(String url) {
    if (url == null || url.isBlank() || url.length() > MAX_URL) {
      throw ScimException.invalidValue("Give the endpoint's URL (http or https, at most 2,000).");
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        throw ScimException.invalidValue(
            "'" + cut(url) + "' is not an http or https URL with a host.");
      }
      return uri.toString();
    } catch (URISyntaxException e) {
      throw ScimException.invalidValue("'" + cut(url) + "' is not a URL.");
    }
  }

  private static String requireDescription(String description) {
    String text = description == null ? "" : description.strip();
    if (text.length() > 200) {
      throw ScimException.invalidValue("A description has at most 200 characters.");
    }
    return text;
  }

  private static String cut(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "…";
  }
}
