package org.lectern.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * What Payara's MicroProfile JWT verifier leaves unchecked, checked on the token it has verified:
 * the algorithm is RS256 only, {@code typ} is {@code JWT}, the {@code kid} names one of our keys,
 * and neither {@code nbf} nor {@code iat} lies in the future (beyond the clock skew). Also says in
 * a few words why any token was refused, for the one log line a refusal gets.
 */
final class TokenChecks {

  private TokenChecks() {}

  /** Why this token, already verified by Payara, must still be refused; empty when it may pass. */
  static Optional<String> refusal(String raw, Instant now) {
    return Optional.ofNullable(check(raw, now).refusal());
  }

  /**
   * The checks of {@link #refusal}, with the claims they parsed: Lectern's own claims are read from
   * here, since Payara's {@code JsonWebToken.getClaim(String)} builds an exception for every claim
   * name that is not a standard one.
   */
  record Checked(String refusal, JWTClaimsSet claims, String keyId) {}

  static Checked check(String raw, Instant now) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(raw);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return new Checked("not a signed JWT", null, null);
    }
    return new Checked(
        headerProblem(jwt).or(() -> timeProblem(claims, now)).orElse(null),
        claims,
        jwt.getHeader().getKeyID());
  }

  /**
   * Why a token was refused, for a token the container turned away: the first check it fails,
   * signature, expiry, issuer and audience included.
   */
  static String reason(String raw, Instant now) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(raw);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return "not a signed JWT";
    }
    Optional<String> header = headerProblem(jwt);
    if (header.isPresent()) {
      return header.get();
    }
    try {
      RSAKey key =
          (RSAKey) KeyMaterial.get().verificationKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
      if (!jwt.verify(new RSASSAVerifier(key))) {
        return "bad signature";
      }
    } catch (JOSEException | RuntimeException e) {
      return "bad signature";
    }
    Date exp = claims.getExpirationTime();
    if (exp == null
        || exp.toInstant().isBefore(now.minusSeconds(JwtConfigSource.CLOCK_SKEW_SECONDS))) {
      return "expired";
    }
    if (!JwtConfigSource.ISSUER.equals(claims.getIssuer())) {
      return "wrong issuer";
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(JwtConfigSource.AUDIENCE)) {
      return "wrong audience";
    }
    return timeProblem(claims, now).orElse("missing or malformed claims");
  }

  private static Optional<String> headerProblem(SignedJWT jwt) {
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      return Optional.of("algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted");
    }
    if (!JOSEObjectType.JWT.equals(jwt.getHeader().getType())) {
      return Optional.of("typ is not JWT");
    }
    if (!KeyMaterial.get().verifies(jwt.getHeader().getKeyID())) {
      return Optional.of("unknown kid");
    }
    return Optional.empty();
  }

  private static Optional<String> timeProblem(JWTClaimsSet claims, Instant now) {
    Instant latest = now.plusSeconds(JwtConfigSource.CLOCK_SKEW_SECONDS);
    if (claims.getNotBeforeTime() != null
        && claims.getNotBeforeTime().toInstant().isAfter(latest)) {
      return Optional.of("not valid yet (nbf in the future)");
    }
    if (claims.getIssueTime() == null || claims.getIssueTime().toInstant().isAfter(latest)) {
      return Optional.of("issued in the future (iat)");
    }
    return Optional.empty();
  }
}
