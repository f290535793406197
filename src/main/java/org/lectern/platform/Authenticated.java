package org.lectern.platform;

/**
 * Every API resource except sign-in carries {@code @RolesAllowed(Authenticated.ANY)}: that is how
 * Payara's MicroProfile JWT integration knows to demand and verify a bearer token. "**" means any
 * authenticated caller; what the caller may then do is decided by access control, not by roles.
 */
public final class Authenticated {

  public static final String ANY = "**";

  private Authenticated() {}
}
