/**
 * The change feed (docs/change-feed.md): every change committed through SCIM, numbered per tenant
 * without gaps, for the product that runs Roster.
 */
package dev.roster.events;
