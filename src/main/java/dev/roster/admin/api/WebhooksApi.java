package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.admin.control.Echo;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimException;
import dev.roster.storage.WebhookRows;
import dev.roster.webhooks.boundary.IssuedWebhook;
import dev.roster.webhooks.boundary.WebhookView;
import dev.roster.webhooks.boundary.Webhooks;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/v1/webhooks}: endpoints that receive the change feed as signed requests
 * (docs/webhooks.md). The secret is in the answer that creates an endpoint and nowhere else.
 */
@ApiKeyScope(Scope.ADMIN)
@Path("webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(
    name = "Webhooks",
    description =
        "Endpoints that receive each tenant's change feed, signed as Standard Webhooks, at least"
            + " once and in order per tenant.")
@APIResponse(responseCode = "401", description = "No or wrong credentials (SCIM error body).")
@APIResponse(responseCode = "404", description = "No such webhook.")
public class WebhooksApi {

  static final String WEBHOOK_EXAMPLE =
      "{\"id\":\"9b1c…\",\"tenant\":null,\"url\":\"https://training.example/hooks/roster\","
          + "\"description\":\"Training platform\",\"eventTypes\":[\"user.*\"],\"enabled\":true,"
          + "\"state\":\"active\",\"created\":\"2026-12-04T10:00:00Z\",\"createdBy\":\"admin\","
          + "\"tenants\":[{\"tenant\":\"acme\",\"delivered\":42,\"latest\":42,\"pending\":0,"
          + "\"failures\":0}]}";

  @Inject Webhooks webhooks;

  @Context UriInfo uriInfo;

  @Context SecurityContext security;

  @POST
  @Operation(
      operationId = "createWebhook",
      summary = "Register a webhook endpoint",
      description =
          "Body: {\"url\": …, \"tenant\"?: id (absent or null: every tenant), \"eventTypes\"?:"
              + " [\"*\" | \"user.*\" | \"user.deactivated\" …] (default all), \"description\"?: …}."
              + " It receives the events that happen from now on. The answer holds the signing"
              + " secret ('secret', whsec_…), this once.")
  @APIResponse(
      responseCode = "201",
      description = "The endpoint, with its secret.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "created", value = WEBHOOK_EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "No or a bad URL, an unknown tenant, or an event type of no known form.")
  public Response create(JsonObject body) {
    JsonObject request = TenantsApi.required(body);
    IssuedWebhook issued =
        webhooks.create(
            AdminJson.string(request, "tenant").orElse(null),
            AdminJson.string(request, "url").orElse(null),
            AdminJson.string(request, "description").orElse(null),
            eventTypes(request).orElse(null),
            security.getUserPrincipal().getName());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(issued.webhook().id()).build())
        .entity(json(issued.webhook()).add("secret", issued.secret()).build())
        .build();
  }

  @GET
  @Operation(operationId = "listWebhooks", summary = "List the webhook endpoints")
  @APIResponse(responseCode = "200", description = "{\"webhooks\": [endpoint, …]}")
  public JsonObject list() {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    webhooks.list().forEach(w -> list.add(json(w)));
    return JSON.createObjectBuilder().add("webhooks", list).build();
  }

  @GET
  @Path("{id}")
  @Operation(
      operationId = "readWebhook",
      summary = "Read a webhook endpoint",
      description =
          "With its state (active, failing, disabled) and, per tenant, the last event it"
              + " received, the tenant's latest, failures in a row and the next retry.")
  @APIResponse(responseCode = "200", description = "The endpoint.")
  public JsonObject read(@PathParam("id") String id) {
    return json(existing(id)).build();
  }

  @PATCH
  @Path("{id}")
  @Operation(
      operationId = "updateWebhook",
      summary = "Change, disable or enable a webhook endpoint",
      description =
          "Body: {\"url\"?, \"description\"?, \"eventTypes\"?, \"enabled\"?}; members left out stay"
              + " as they are. A disabled endpoint receives nothing; enabled again, it continues"
              + " where it stopped.")
  @APIResponse(responseCode = "200", description = "The changed endpoint.")
  @APIResponse(responseCode = "400", description = "A bad URL, event type or member type.")
  public JsonObject update(@PathParam("id") String id, JsonObject body) {
    JsonObject request = TenantsApi.required(body);
    return json(webhooks.update(
            id,
            AdminJson.string(request, "url").orElse(null),
            AdminJson.string(request, "description").orElse(null),
            eventTypes(request).orElse(null),
            AdminJson.bool(request, "enabled").orElse(null)))
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(operationId = "deleteWebhook", summary = "Delete a webhook endpoint")
  @APIResponse(responseCode = "204", description = "Deleted, with its delivery history.")
  public Response delete(@PathParam("id") String id) {
    webhooks.delete(id);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/attempts")
  @Operation(
      operationId = "listWebhookAttempts",
      summary = "The endpoint's latest delivery attempts",
      description =
          "Newest first: tenant, event number and type, time, status (null without an answer),"
              + " latency, error and, after a failure, the next retry.")
  @APIResponse(responseCode = "200", description = "{\"attempts\": [ … ]}")
  public JsonObject attempts(@PathParam("id") String id, @QueryParam("limit") String limit) {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    for (WebhookRows.Attempt a :
        webhooks.attempts(id, (int) EventsApi.number("limit", limit, 50, 1, 500))) {
      JsonObjectBuilder attempt =
          JSON.createObjectBuilder()
              .add("tenant", a.tenantId())
              .add("seq", a.seq())
              .add("type", a.eventType())
              .add("attempted", AdminJson.time(a.attemptedAt()))
              .add("latencyMillis", a.latencyMillis());
      nullable(attempt, "status", a.status() == null ? null : JSON.createValue(a.status()));
      nullable(attempt, "error", a.error() == null ? null : JSON.createValue(a.error()));
      nullable(attempt, "nextAttempt", time(a.nextAttempt()));
      list.add(attempt);
    }
    return JSON.createObjectBuilder().add("attempts", list).build();
  }

  @POST
  @Path("{id}/replay")
  @Operation(
      operationId = "replayWebhook",
      summary = "Send a range of a tenant's events again",
      description =
          "Body: {\"tenant\": id, \"from\": n, \"to\": m}. Events from..to (to cut at the last one"
              + " delivered) are sent again, in order, before anything newer; with the same"
              + " webhook-id as the first time.")
  @APIResponse(responseCode = "202", description = "The endpoint, its replay under way.")
  @APIResponse(responseCode = "400", description = "A range out of what was delivered.")
  public Response replay(@PathParam("id") String id, JsonObject body) {
    JsonObject request = TenantsApi.required(body);
    String tenant =
        AdminJson.string(request, "tenant")
            .orElseThrow(() -> ScimException.invalidValue("Name the tenant to replay."));
    WebhookView replaying =
        webhooks.replay(id, tenant, number(request, "from"), number(request, "to"));
    return Response.accepted(json(replaying).build()).build();
  }

  private WebhookView existing(String id) {
    return webhooks
        .find(id)
        .orElseThrow(() -> ScimException.notFound("There is no webhook '" + Echo.of(id) + "'."));
  }

  static JsonObjectBuilder json(WebhookView w) {
    JsonArrayBuilder types = JSON.createArrayBuilder();
    w.eventTypes().forEach(types::add);
    JsonArrayBuilder tenants = JSON.createArrayBuilder();
    for (WebhookView.Progress p : w.tenants()) {
      JsonObjectBuilder tenant =
          JSON.createObjectBuilder()
              .add("tenant", p.tenantId())
              .add("delivered", p.delivered())
              .add("latest", p.latest())
              .add("pending", p.pending())
              .add("failures", p.failures());
      nullable(tenant, "nextAttempt", time(p.nextAttempt()));
      nullable(
          tenant, "lastStatus", p.lastStatus() == null ? null : JSON.createValue(p.lastStatus()));
      nullable(tenant, "lastError", p.lastError() == null ? null : JSON.createValue(p.lastError()));
      if (p.replayFrom() != null) {
        tenant.add(
            "replaying",
            JSON.createObjectBuilder().add("from", p.replayFrom()).add("to", p.replayTo()));
      }
      tenants.add(tenant);
    }
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", w.id())
            .add("url", w.url())
            .add("description", w.description())
            .add("eventTypes", types)
            .add("enabled", w.enabled())
            .add("state", w.state())
            .add("created", AdminJson.time(w.createdAt()))
            .add("createdBy", w.createdBy())
            .add("tenants", tenants);
    nullable(json, "tenant", w.tenantId() == null ? null : JSON.createValue(w.tenantId()));
    nullable(json, "failingSince", time(w.failingSince()));
    return json;
  }

  private static JsonValue time(Instant instant) {
    return instant == null ? null : JSON.createValue(AdminJson.time(instant));
  }

  private static void nullable(JsonObjectBuilder json, String name, JsonValue value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }

  private static java.util.Optional<List<String>> eventTypes(JsonObject request) {
    JsonValue value = request.get("eventTypes");
    if (value == null || value == JsonValue.NULL) {
      return java.util.Optional.empty();
    }
    if (!(value instanceof JsonArray array)) {
      throw ScimException.invalidValue("'eventTypes' must be an array of strings.");
    }
    List<String> types = new ArrayList<>();
    for (JsonValue element : array) {
      if (!(element instanceof JsonString s)) {
        throw ScimException.invalidValue("'eventTypes' must be an array of strings.");
      }
      types.add(s.getString());
    }
    return java.util.Optional.of(types);
  }

  private static long number(JsonObject request, String name) {
    JsonValue value = request.get(name);
    if (value instanceof jakarta.json.JsonNumber n && n.isIntegral()) {
      return n.longValue();
    }
    throw ScimException.invalidValue("'" + name + "' must be an event number.");
  }
}
