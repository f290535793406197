package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Answers for a bearer token that {@link VerifiedTokens} holds, before Payara's MicroProfile JWT
 * identity store parses and verifies it again. Jakarta Security asks identity stores in the order
 * of their priority and stops at the first that says VALID; Payara's store has the default (100),
 * this one goes first. For any token it does not hold it says NOT_VALIDATED, and Payara's store
 * decides as before, so nothing is accepted here that was not accepted there.
 */
@ApplicationScoped
public class VerifiedTokenStore implements IdentityStore {

  /** Payara's credential for the bearer token; its class is Payara's, not an API type. */
  private static final String PAYARA_CREDENTIAL =
      "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTCredential";

  private static final Logger LOG = Logger.getLogger(VerifiedTokenStore.class.getName());

  @Inject VerifiedTokens tokens;

  /** {@code SignedJWTCredential.getSignedJWT()}, resolved at first use. */
  private volatile MethodHandle rawToken;

  /** Set when that method cannot be found: the store then stays out of the way for good. */
  private volatile boolean unavailable;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    String raw = rawToken(credential);
    VerifiedTokens.Verified v = raw == null ? null : tokens.find(raw);
    return v == null
        ? CredentialValidationResult.NOT_VALIDATED_RESULT
        : new CredentialValidationResult(v.principal(), v.groups());
  }

  private String rawToken(Credential credential) {
    if (unavailable
        || credential == null
        || !PAYARA_CREDENTIAL.equals(credential.getClass().getName())) {
      return null;
    }
    try {
      MethodHandle h = rawToken;
      if (h == null) {
        h =
            MethodHandles.publicLookup()
                .findVirtual(
                    credential.getClass(), "getSignedJWT", MethodType.methodType(String.class));
        rawToken = h;
      }
      return (String) h.invoke(credential);
    } catch (Throwable e) {
      unavailable = true;
      LOG.warning(() -> "Verified tokens are not cached: " + e);
      return null; // Payara's store verifies every token in full
    }
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Set<ValidationType> validationTypes() {
    return EnumSet.of(ValidationType.VALIDATE);
  }
}
