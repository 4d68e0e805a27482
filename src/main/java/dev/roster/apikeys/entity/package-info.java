/** The API key as stored. */
package dev.roster.apikeys.entity;
