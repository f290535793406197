/**
 * The runnable jar: starts the embedded PostgreSQL when no database is configured, then boots
 * Payara Micro with the Lectern war. Runs outside the application server and is not in the war.
 */
package org.lectern.launcher;
