/**
 * Query parameters of RFC 7644 §3.4.2 and §3.9, parsed once into types: the page, the sort, the
 * filter and the attributes to return.
 */
package dev.roster.scim.query;
