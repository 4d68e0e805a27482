/**
 * Webhooks (docs/webhooks.md): endpoints that receive each tenant's change feed as signed HTTP
 * requests, delivered at least once and in order per tenant, from the feed itself as the outbox.
 */
package dev.roster.webhooks;
