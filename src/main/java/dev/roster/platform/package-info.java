/**
 * Wiring that belongs to no single feature: the SCIM JAX-RS application that assembles the
 * features' resources and filters, the HTTP edge, and the metrics filters (request counts, and the
 * guard of {@code /metrics}).
 */
package dev.roster.platform;
