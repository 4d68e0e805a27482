/**
 * Seeded generators of SCIM requests from the grammars of RFC 7644 (filters, PATCH operations,
 * bodies, URLs) and the checks their answers must pass; {@code GeneratedRequestsIT} sends them to
 * the real server.
 */
package dev.roster.fuzz;
