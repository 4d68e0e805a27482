/** The change feed as the admin API reads it: pages, long polling, retention. */
package dev.roster.events.boundary;
