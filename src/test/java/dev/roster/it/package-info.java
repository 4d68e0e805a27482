/**
 * Integration tests against the packaged WAR ({@code target/roster.war}) on Payara Micro, over
 * HTTP, and the helpers they share.
 */
package dev.roster.it;
