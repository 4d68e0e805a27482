/**
 * Seeded generators of SCIM requests from the grammars of RFC 7644 (filters, PATCH operations,
 * bodies, URLs) and the checks their answers must pass; {@code GeneratedRequestsIT} sends them to
 * the real server. The PATCH shapes of Entra ID and Okta (P1–P11, G1–G7) are described in {@code
 * docs/request-shapes.md}.
 */
package dev.roster.fuzz;
