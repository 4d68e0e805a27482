/**
 * The SCIM 2.0 protocol core (RFC 7643, RFC 7644) in plain Java: errors, media types, schemas and
 * message formats. It knows nothing of JPA, CDI, Faces or JAX-RS, and is tested with {@code new}.
 */
package dev.roster.scim;
