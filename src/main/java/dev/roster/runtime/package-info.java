/**
 * What every layer may use from the running server and nothing else of Roster: the clock, work
 * after a transaction ends, and refusing to start on an unusable configuration.
 */
package dev.roster.runtime;
