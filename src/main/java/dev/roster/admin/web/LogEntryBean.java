package dev.roster.admin.web;

import dev.roster.admin.boundary.LogDetails;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.scim.JsonBodies;
import dev.roster.scim.JsonProviders;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
    if (details.resourceExists(entry.getTenantId(), type, entry.getResourceId())) {
      resourceUrl =
          ("User".equals(type) ? "user.xhtml" : "group.xhtml")
              + "?tenant="
              + encode(entry.getTenantId())
              + "&id="
              + encode(entry.getResourceId());
    }
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
