/**
 * Integration tests against the packaged WAR ({@code target/roster.war}) on Payara Micro, over
 * HTTP, and the helpers they share. Request shapes cited by name (P6, G1, Q3, O5) are described in
 * {@code docs/request-shapes.md}.
 */
package dev.roster.it;
