/**
 * The directory API (docs/directory-api.md): a tenant's users in the product's terms, paged in
 * creation order.
 */
package dev.roster.directory;
