/**
 * The benchmark's reference endpoint, in the bench build only ({@code mvn -Pbench package}): the
 * cheapest JAX-RS request this Payara Micro can serve, against which {@code bench/RosterBench.java}
 * sets the cost of each SCIM request.
 */
package dev.roster.bench;
