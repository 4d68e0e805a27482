/** Recording the events of a write, in the write's transaction. */
package dev.roster.events.control;
