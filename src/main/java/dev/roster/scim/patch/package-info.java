/**
 * PATCH (RFC 7644 §3.5.2), applied to the JSON of a resource, never to a stored object: parse the
 * request once, apply its operations in order to a copy, validate the result like a PUT.
 */
package dev.roster.scim.patch;
