/**
 * PATCH (RFC 7644 §3.5.2), applied to the JSON of a resource, never to a stored object: parse the
 * request once, apply its operations in order to a copy, validate the result like a PUT. Each
 * operation kind ({@code Add}, {@code Replace}, {@code Remove}) is one type that says what it does
 * to each kind of target a path names.
 */
package dev.roster.scim.patch;
