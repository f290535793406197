/**
 * People and credentials: a school's users, the platform's global accounts, password hashing,
 * sign-in, token issue (RS256 JWT) and the filter that turns a verified token into the request's
 * {@link org.lectern.context.Caller}.
 */
package org.lectern.identity;
