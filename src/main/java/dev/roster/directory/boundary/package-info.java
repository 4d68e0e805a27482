/** A tenant's directory as the product reads it, through the admin API. */
package dev.roster.directory.boundary;
