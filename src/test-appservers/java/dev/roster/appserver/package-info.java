/**
 * The packaged WAR on the enterprise application servers of docs/app-servers.md (Payara Server and
 * Open Liberty), each set up from {@code appservers/} as its administrator would, with a smoke test
 * of SCIM and the console over HTTP. Only the {@code appservers} Maven profile compiles and runs
 * them.
 */
package dev.roster.appserver;
