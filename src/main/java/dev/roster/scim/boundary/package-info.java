/**
 * The SCIM protocol at the HTTP edge: filters every SCIM request passes, the JSON body reader, the
 * exception mappers that turn every failure into an RFC 7644 error body, and the discovery
 * endpoints.
 */
package dev.roster.scim.boundary;
