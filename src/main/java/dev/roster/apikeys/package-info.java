/**
 * API keys (docs/api-keys.md): credentials of the product that runs Roster for the admin API, each
 * with scopes, issued and revoked by admins.
 */
package dev.roster.apikeys;
