/**
 * The application's clock: one injectable {@link java.time.Clock}, so that code that decides by the
 * time can be tested by moving time instead of waiting for it.
 */
package dev.roster.time;
