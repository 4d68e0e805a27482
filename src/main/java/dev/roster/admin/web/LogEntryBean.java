package dev.roster.admin.web;

import dev.roster.admin.boundary.LogDetails;
import dev.roster.admin.control.CurlCommand;
import dev.roster.admin.control.ErrorAdvice;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.scim.JsonBodies;
import dev.roster.scim.JsonProviders;
import dev.roster.scim.SchemaUris;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One entry of the provisioning log ({@code log-entry.xhtml?id=…}): everything the log holds about
 * a request, its (already redacted) body made readable, and a link to the user or group it was
 * about while that still exists.
 */
@Named("logEntry")
@RequestScoped
public class LogEntryBean {

  @Inject LogDetails details;

  private boolean loaded;
  private LogRecord entry;
  private String resourceUrl;
  private String body;
  private ErrorAdvice advice;
  private String conflictUrl;
  private List<LogDetails.NamedMember> members;

  private void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    String id =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
    try {
      entry = id == null ? null : details.entry(Long.parseLong(id.strip())).orElse(null);
    } catch (NumberFormatException e) {
      entry = null;
    }
    if (entry == null) {
      return;
    }
    body = readable(entry.getRequestBody());
    String type = entry.getResourceType();
    advice = ErrorAdvice.of(entry.getStatus(), entry.getScimType(), entry.getDetail(), type);
    if (entry.getStatus() == 409 && entry.getSubject() != null) {
      conflictUrl =
          details
              .holderOf(entry.getTenantId(), type, entry.getSubject())
              .map(holder -> pageOf(type, entry.getTenantId(), holder))
              .orElse(null);
    }
    if (details.resourceExists(entry.getTenantId(), type, entry.getResourceId())) {
      resourceUrl = pageOf(type, entry.getTenantId(), entry.getResourceId());
    }
  }

  private static String pageOf(String type, String tenantId, String id) {
    return ("User".equals(type) ? "user.xhtml" : "group.xhtml")
        + "?tenant="
        + encode(tenantId)
        + "&id="
        + encode(id);
  }

  /** The members a group request named, with their users' names. */
  public List<LogDetails.NamedMember> getMembers() {
    load();
    if (members == null) {
      members =
          entry == null || !"Group".equals(entry.getResourceType())
              ? List.of()
              : details.membersNamed(entry.getTenantId(), entry.getRequestBody());
    }
    return members;
  }

  /** Why the request failed and what to change, or null for a success. */
  public ErrorAdvice getAdvice() {
    load();
    return advice;
  }

  /** The page of the user or group a 409 collided with, or null. */
  public String getConflictUrl() {
    load();
    return conflictUrl;
  }

  /** The error body the client got, as Roster wrote it (RFC 7644 §3.12), or null on success. */
  public String getResponseBody() {
    load();
    if (entry == null || entry.getStatus() < 400) {
      return null;
    }
    JsonObjectBuilder error =
        JsonProviders.JSON
            .createObjectBuilder()
            .add("schemas", JsonProviders.JSON.createArrayBuilder().add(SchemaUris.ERROR))
            .add("status", Integer.toString(entry.getStatus()));
    if (entry.getScimType() != null) {
      error.add("scimType", entry.getScimType());
    }
    if (entry.getDetail() != null) {
      error.add("detail", entry.getDetail());
    }
    return readable(error.build().toString());
  }

  /**
   * The request as a curl command against this server, token elided: to replay it after a fix, or
   * to give it to whoever runs Roster.
   */
  public String getCurl() {
    load();
    if (entry == null) {
      return null;
    }
    ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
    String origin =
        context.getRequestScheme()
            + "://"
            + context.getRequestServerName()
            + ":"
            + context.getRequestServerPort();
    return CurlCommand.of(
        entry.getMethod(), origin, entry.getPath(), entry.getQuery(), entry.getRequestBody());
  }

  /** The entry, or null when the URL names none that exists (any more). */
  public LogRecord getEntry() {
    load();
    return entry;
  }

  /** The request body, pretty-printed when it is JSON; null when there was none. */
  public String getBody() {
    load();
    return body;
  }

  /** The console page of the user or group the request was about, or null when it is gone. */
  public String getResourceUrl() {
    load();
    return resourceUrl;
  }

  /** The log, filtered to the requests that share this entry's correlation id. */
  public String getCorrelationUrl() {
    load();
    return entry == null || entry.getCorrelationId() == null
        ? null
        : "log.xhtml?correlation=" + encode(entry.getCorrelationId());
  }

  /** The log of the entry's tenant, or null for a request no tenant was known for. */
  public String getTenantUrl() {
    load();
    return entry == null || entry.getTenantId() == null
        ? null
        : "log.xhtml?tenant=" + encode(entry.getTenantId());
  }

  private static String readable(String stored) {
    if (stored == null || stored.isBlank()) {
      return null;
    }
    try {
      JsonValue json = JsonBodies.parseValue(new StringReader(stored));
      StringWriter out = new StringWriter();
      try (JsonWriter writer =
          JsonProviders.JSON
              .createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
              .createWriter(out)) {
        writer.write(json);
      }
      return out.toString().strip();
    } catch (RuntimeException notJson) {
      // malformed or cut short: shown as stored
      return stored;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
