/**
 * The only place with JPQL or SQL. Per resource type a {@link dev.roster.storage.ResourceTable}
 * says how its attributes are stored; {@link dev.roster.storage.FilterTranslation} turns any SCIM
 * filter into a condition on it and {@link dev.roster.storage.ResourceRows} reads, locks, pages and
 * sorts its rows. What depends on the database (H2 or PostgreSQL) is decided here, each choice
 * explained once, where it is made.
 */
package dev.roster.storage;
