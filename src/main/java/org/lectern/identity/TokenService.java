package org.lectern.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues RS256 access tokens in the MicroProfile JWT shape that Payara verifies. */
@ApplicationScoped
public class TokenService {

  @Inject
  @ConfigProperty(name = "lectern.jwt.ttl-seconds", defaultValue = "3600")
  long ttlSeconds;

  /** The answer of {@code POST /api/auth/token}, in OAuth 2.0 field names. */
  public record TokenResponse(String access_token, String token_type, long expires_in) {}

  /** The claim carrying the account's token version; see {@link User#tokenVersion()}. */
  static final String TOKEN_VERSION_CLAIM = "tver";

  public TokenResponse issue(
      UUID subject, String email, List<String> groups, UUID tenantId, long tokenVersion) {
    KeyMaterial.Keys keys = KeyMaterial.get();
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(JwtConfigSource.ISSUER)
            .audience(JwtConfigSource.AUDIENCE)
            .subject(subject.toString())
            .claim("upn", email)
            .claim("groups", groups)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
            .jwtID(UUID.randomUUID().toString())
            .claim(TOKEN_VERSION_CLAIM, tokenVersion);
    if (tenantId != null) {
      claims.claim("tenant", tenantId.toString());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(keys.keyId())
                .build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(keys.privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("token signing failed", e);
    }
    return new TokenResponse(jwt.serialize(), "Bearer", ttlSeconds);
  }
}
