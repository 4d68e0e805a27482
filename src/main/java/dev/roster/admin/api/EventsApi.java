package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.admin.control.Echo;
import dev.roster.apikeys.boundary.Scope;
import dev.roster.events.boundary.ChangeFeed;
import dev.roster.events.boundary.FeedWaiters;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import dev.roster.tenants.boundary.Tenants;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's change feed (docs/change-feed.md): its events in order, a page at a time, with long
 * polling. The cursor is the number of the last event read, so a reader can see that it missed
 * none.
 */
@ApiKeyScope(Scope.DIRECTORY)
@Path("tenants/{tenant}/events")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(
    name = "Change feed",
    description = "Every change committed through SCIM, per tenant, numbered 1, 2, 3 … in order.")
@APIResponse(
    responseCode = "401",
    description = "No or wrong HTTP Basic credentials of an admin (SCIM error body).")
public class EventsApi {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  @Inject Tenants tenants;

  @Inject FeedWaiters feed;

  @GET
  @Operation(
      operationId = "readEvents",
      summary = "Read a tenant's change feed",
      description =
          "Events numbered above 'after', oldest first. Start with after=0 (or with 'latest' of"
              + " an empty read to follow only new changes), then pass each answer's 'next'. With"
              + " wait=N an answer that would be empty waits up to N seconds (at most 25) for the"
              + " next event.")
  @APIResponse(
      responseCode = "200",
      description =
          "{\"events\": [ … ], \"next\": <after for the next read>, \"latest\": <newest number>}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "deactivated",
                      value =
                          "{\"events\":[{\"seq\":42,\"id\":\"evt_acme_42\","
                              + "\"type\":\"user.deactivated\",\"tenant\":\"acme\","
                              + "\"occurred\":\"2026-12-03T09:15:02.123Z\","
                              + "\"resourceId\":\"2819c223-7f76-453a-919d-413861904646\","
                              + "\"data\":{\"user\":{\"id\":\"2819c223-…\",\"active\":false,"
                              + " …},\"changes\":{\"active\":{\"old\":true,\"new\":false}},"
                              + "\"changedAttributes\":[\"active\"]}}],"
                              + "\"next\":42,\"latest\":42}")))
  @APIResponse(
      responseCode = "400",
      description = "after, limit or wait is not a number in range (scimType invalidValue).",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  @APIResponse(
      responseCode = "404",
      description = "No such tenant.",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  @APIResponse(
      responseCode = "410",
      description =
          "Events after 'after' are no longer kept (roster.events.retention-days): read the"
              + " directory again, then follow from 'latest'.",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  @APIResponse(
      responseCode = "503",
      description = "Too many readers wait on this instance; Retry-After says when to ask again.",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  public JsonObject read(
      @PathParam("tenant") String tenant,
      @Parameter(
              description =
                  "The 'next' of the previous answer; 0 for the start (default); 'latest' for"
                      + " only what comes after the newest event.")
          @QueryParam("after")
          String after,
      @Parameter(description = "Page size, 1 to 1000 (default 100).") @QueryParam("limit")
          String limit,
      @Parameter(description = "Seconds to wait for an event when there is none, 0 to 25.")
          @QueryParam("wait")
          String wait) {
    tenants
        .findTenant(tenant)
        .orElseThrow(() -> ScimException.notFound("There is no tenant '" + Echo.of(tenant) + "'."));
    // "latest": from the newest event on, without reading what is kept (or answering 410)
    long from =
        "latest".equals(after) ? feed.latest(tenant) : number("after", after, 0, 0, Long.MAX_VALUE);
    ChangeFeed.Page page =
        feed.read(
            tenant,
            from,
            (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
            Duration.ofSeconds(number("wait", wait, 0, 0, FeedWaiters.MAX_WAIT.toSeconds())));
    JsonArrayBuilder events = JSON.createArrayBuilder();
    page.events().forEach(events::add);
    return JSON.createObjectBuilder()
        .add("events", events)
        .add("next", page.next())
        .add("latest", page.latest())
        .build();
  }

  static long number(String name, String value, long absent, long min, long max) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      long number = Long.parseLong(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ScimException.invalidValue(
        name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", not '"
            + Echo.of(value)
            + "'.");
  }
}
