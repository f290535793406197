/**
 * What every capability stands on: the JAX-RS application, the database and its migrations, error
 * mapping to RFC 9457 problem+json, request ids, pagination, configuration and health.
 */
package org.lectern.platform;
