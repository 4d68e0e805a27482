package dev.roster.events.entity;

import java.time.Instant;

/**
 * One event of a tenant's change feed as stored: its number in the tenant's sequence, what happened
 * to which resource, when, and the event's data as JSON.
 *
 * @param seq the event's number: 1, 2, 3 … per tenant, without gaps, in commit order
 * @param type for example {@code user.deactivated} (docs/change-feed.md lists them)
 * @param resourceId the SCIM id of the user or group
 * @param data the event's {@code data} object, as JSON text
 */
public record ChangeEvent(
    String tenantId, long seq, String type, String resourceId, Instant occurred, String data) {}
