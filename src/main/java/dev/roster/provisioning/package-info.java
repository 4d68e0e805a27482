/**
 * The provisioning log: one record for every SCIM request, written off the request thread in
 * batches, searchable newest first, and purged after the retention period.
 */
package dev.roster.provisioning;
