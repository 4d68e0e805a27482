/**
 * SCIM filters (RFC 7644 §3.4.2.2) and attribute paths (§3.10): a sealed tree parsed once at the
 * edge, then read by visitors that match it in memory or translate it for the database.
 */
package dev.roster.scim.filter;
