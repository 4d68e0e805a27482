/**
 * The admin REST API at {@code /api/admin/v1}: what the console does to tenants and tokens, as JSON
 * for the product that embeds Roster. HTTP Basic of an admin on every request, no cookies.
 */
package dev.roster.admin.api;
