/**
 * Tenants (customer organisations) and their bearer tokens: creating, listing and revoking them,
 * bootstrapping them from the environment, and authenticating SCIM requests.
 */
package dev.roster.tenants;
