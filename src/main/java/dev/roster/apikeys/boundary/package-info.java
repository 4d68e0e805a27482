/** Issuing, listing, revoking and checking API keys. */
package dev.roster.apikeys.boundary;
