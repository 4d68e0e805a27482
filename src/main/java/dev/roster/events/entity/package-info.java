/** The change feed's event as stored. */
package dev.roster.events.entity;
