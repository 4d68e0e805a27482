/**
 * Wiring that belongs to no single feature: the SCIM JAX-RS application that assembles the
 * features' resources and filters, and the health check.
 */
package dev.roster.platform;
