/**
 * Schema definitions of RFC 7643 §7: attributes and their characteristics, the User, Enterprise
 * User and Group schemas, and resource types. Discovery renders them; validation will read them.
 */
package dev.roster.scim.schema;
