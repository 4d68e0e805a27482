package dev.roster.admin.api;

import dev.roster.admin.boundary.LogDetails;
import dev.roster.admin.control.Echo;
import dev.roster.admin.control.LogFilters;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.provisioning.boundary.LogPage;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.scim.JsonProviders;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The provisioning log in the admin API: the same filters, in the same URL parameters, as the
 * console's log page ({@link LogFilters}), so a view found in the console can be scripted. Pages
 * follow one another by key: pass a page's {@code next} as {@code after}.
 */
@ApiKeyScope(Scope.ADMIN)
@Path("log")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(name = "Provisioning log", description = "Every request to the SCIM API, newest first.")
@APIResponse(
    responseCode = "401",
    description = "No or wrong HTTP Basic credentials of an admin (SCIM error body).")
public class LogApi {

  @Inject ProvisioningLog log;

  @Inject LogDetails details;

  @GET
  @Operation(
      operationId = "searchLog",
      summary = "Search the provisioning log",
      description =
          "One page of log entries, newest first. Every filter is optional; times are UTC."
              + " The answer's 'next' is the 'after' of the following page, or null on the last.")
  @APIResponse(
      responseCode = "200",
      description = "{\"entries\": [ … ], \"next\": \"<cursor>\" or null}",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  @APIResponse(
      responseCode = "400",
      description = "A filter is malformed (scimType invalidValue); the detail says which.",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  public JsonObject search(
      @Parameter(description = "Tenant id.") @QueryParam("tenant") String tenant,
      @Parameter(description = "Inclusive start: ISO-8601, e.g. 2026-11-23T09:00:00Z.")
          @QueryParam("from")
          String from,
      @Parameter(description = "Exclusive end: ISO-8601, e.g. 2026-11-24T00:00:00Z.")
          @QueryParam("to")
          String to,
      @Parameter(
              description =
                  "success (1xx-3xx), client-error (4xx), server-error (5xx), error (4xx+).",
              schema = @Schema(enumeration = {"success", "client-error", "server-error", "error"}))
          @QueryParam("outcome")
          String outcome,
      @Parameter(description = "HTTP method, e.g. POST.") @QueryParam("method") String method,
      @Parameter(
              description = "Resource type.",
              schema =
                  @Schema(
                      enumeration = {
                        "User",
                        "Group",
                        "Schema",
                        "ResourceType",
                        "ServiceProviderConfig",
                        "Bulk"
                      }))
          @QueryParam("type")
          String type,
      @Parameter(description = "Free text in the path, query, resource id, detail or body.")
          @QueryParam("q")
          String text,
      @Parameter(description = "Correlation id (X-Request-Id, client-request-id).")
          @QueryParam("correlation")
          String correlation,
      @Parameter(description = "The 'next' of the previous page.") @QueryParam("after")
          String after,
      @Parameter(description = "Page size, 1 to 1000 (default 100).") @QueryParam("limit")
          String limit) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("tenant", tenant);
    parameters.put("from", from);
    parameters.put("to", to);
    parameters.put("outcome", outcome);
    parameters.put("method", method);
    parameters.put("type", type);
    parameters.put("q", text);
    parameters.put("correlation", correlation);
    parameters.put("after", after);
    LogFilters filters = LogFilters.parse(parameters::get);
    LogPage page = log.search(filters.query().limit(LogFilters.limit(limit, 100)).build());
    JsonArrayBuilder entries = JsonProviders.JSON.createArrayBuilder();
    page.records().forEach(record -> entries.add(json(record)));
    JsonObjectBuilder answer = JsonProviders.JSON.createObjectBuilder().add("entries", entries);
    return (page.next() == null ? answer.addNull("next") : answer.add("next", page.next().token()))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(
      operationId = "readLogEntry",
      summary = "Read one log entry",
      description = "The entry with this id.")
  @APIResponse(
      responseCode = "200",
      description = "The entry.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  @APIResponse(
      responseCode = "404",
      description = "No such entry.",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  public JsonObject entry(@Parameter(description = "The entry's id.") @PathParam("id") String id) {
    long key;
    try {
      key = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ScimException.notFound("There is no log entry '" + Echo.of(id) + "'.");
    }
    return details
        .entry(key)
        .map(LogApi::json)
        .orElseThrow(() -> ScimException.notFound("There is no log entry " + key + "."));
  }

  /** One entry. Its body was redacted before it was stored. */
  static JsonObject json(LogRecord record) {
    JsonObjectBuilder json =
        JsonProviders.JSON
            .createObjectBuilder()
            .add("id", record.getId())
            .add("time", record.getTime().toString());
    add(json, "tenant", record.getTenantId());
    add(json, "subject", record.getSubject());
    add(json, "action", record.getAction());
    add(json, "method", record.getMethod());
    add(json, "path", record.getPath());
    add(json, "query", record.getQuery());
    json.add("status", record.getStatus());
    add(json, "scimType", record.getScimType());
    add(json, "detail", record.getDetail());
    json.add("durationMs", record.getDurationMillis());
    add(json, "correlationId", record.getCorrelationId());
    add(json, "resourceType", record.getResourceType());
    add(json, "resourceId", record.getResourceId());
    add(json, "tokenPrefix", record.getTokenPrefix());
    add(json, "client", record.getClient());
    add(json, "requestBody", record.getRequestBody());
    return json.build();
  }

  private static void add(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }
}
