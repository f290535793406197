/**
 * People and credentials: a school's users, the platform's global accounts, password hashing, token
 * issue (RS256 JWT) and the {@link org.lectern.identity.Caller} every request acts as.
 */
package org.lectern.identity;
