/** What API keys may do. */
package dev.roster.apikeys.control;
