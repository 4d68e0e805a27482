/**
 * The SCIM User resource (RFC 7643 §4.1 and the enterprise extension, §4.3): storage with an index
 * that answers any filter in the database, and the {@code /Users} endpoint.
 */
package dev.roster.users;
