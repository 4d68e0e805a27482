/**
 * What every layer may use from the running server and nothing else of Roster: the clock, work
 * after a transaction ends, refusing to start on an unusable configuration, the reverse proxies the
 * operator trusts, and recording metrics.
 */
package dev.roster.runtime;
