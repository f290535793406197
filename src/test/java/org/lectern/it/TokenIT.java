package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Tokens as an attacker would forge them are 401, whatever part is wrong; the keys are published as
 * a JWK set and several verify; a password change ends the older tokens.
 */
class TokenIT extends ApiTestBase {

  private JWKSet jwks() throws Exception {
    Api.Response r = api.get("/.well-known/jwks.json").send();
    assertEquals(200, r.status(), r::toString);
    return JWKSet.parse(r.body());
  }

  private static String sign(
      RSAPrivateKey key, String kid, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header)
      throws Exception {
    JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
    if (kid != null) {
      h.keyID(kid);
    }
    SignedJWT jwt = new SignedJWT(header.apply(h).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static String kidOf(RSAPrivateKey key) throws Exception {
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
    RSAPublicKey pub =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    return new RSAKey.Builder(pub).keyIDFromThumbprint().build().getKeyID();
  }

  private int status(String token) {
    Api.Response r = api.get("/api/me").token(token).send();
    if (r.status() == 401) {
      assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
      assertFalse(r.body().contains("Exception"), r.body());
    }
    return r.status();
  }

  @Test
  void jwksPublishesTheSigningKeyAndTokensNameIt() throws Exception {
    JWKSet keys = jwks();
    assertTrue(keys.getKeys().size() >= 2, "the signing key and the rotation key");
    Schools.School school = schools.newSchool();
    String kid = SignedJWT.parse(school.adminToken()).getHeader().getKeyID();
    assertNotNull(keys.getKeyByKeyId(kid), "the token's kid is published");
    assertFalse(keys.toString().contains("\"d\""), "no private part");
    assertEquals(kidOf(RotationKey.privateKey(false)), kid);
  }

  @Test
  void forgedTokensAre401() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "teacher");
    SignedJWT real = SignedJWT.parse(p.token());
    JWTClaimsSet claims = real.getJWTClaimsSet();
    RSAPrivateKey key = RotationKey.privateKey(false);
    String kid = real.getHeader().getKeyID();
    Instant now = Instant.now();
    assertEquals(200, status(sign(key, kid, claims, h -> h)), "a re-signed copy passes");

    String[] parts = p.token().split("\\.");
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(401, status(noneHeader + "." + parts[1] + "."), "alg none");

    RSAPublicKey pub = jwks().getKeyByKeyId(kid).toRSAKey().toRSAPublicKey();
    byte[] secret =
        RotationKey.pem("PUBLIC KEY", pub.getEncoded()).getBytes(StandardCharsets.UTF_8);
    SignedJWT hs =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid).build(),
            claims);
    hs.sign(new MACSigner(secret));
    assertEquals(401, status(hs.serialize()), "HS256 signed with the public key");

    JWTClaimsSet.Builder c = new JWTClaimsSet.Builder(claims);
    assertEquals(
        401,
        status(
            sign(
                key,
                kid,
                c.issueTime(Date.from(now.minusSeconds(7200)))
                    .expirationTime(Date.from(now.minusSeconds(3600)))
                    .build(),
                h -> h)),
        "expired");
    assertEquals(
        401,
        status(
            sign(
                key,
                kid,
                new JWTClaimsSet.Builder(claims)
                    .notBeforeTime(Date.from(now.plusSeconds(600)))
                    .build(),
                h -> h)),
        "nbf in the future");
    assertEquals(
        401,
        status(
            sign(
                key,
                kid,
                new JWTClaimsSet.Builder(claims)
                    .issueTime(Date.from(now.plusSeconds(365L * 24 * 3600)))
                    .expirationTime(Date.from(now.plusSeconds(366L * 24 * 3600)))
                    .build(),
                h -> h)),
        "iat a year ahead");
    assertEquals(
        401,
        status(sign(key, kid, new JWTClaimsSet.Builder(claims).issuer("evil").build(), h -> h)),
        "wrong issuer");
    assertEquals(
        401,
        status(sign(key, kid, new JWTClaimsSet.Builder(claims).audience("other").build(), h -> h)),
        "wrong audience");
    assertEquals(401, status(sign(key, "no-such-kid", claims, h -> h)), "unknown kid");
    assertEquals(401, status(sign(key, null, claims, h -> h)), "no kid");
    assertEquals(
        401, status(sign(key, kid, claims, h -> h.type(new JOSEObjectType("at+jwt")))), "typ");
  }

  @Test
  void anExtraVerificationKeyVerifiesItsTokens() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "student");
    JWTClaimsSet claims = SignedJWT.parse(p.token()).getJWTClaimsSet();
    RSAPrivateKey rotated = RotationKey.privateKey(true);
    assertEquals(200, status(sign(rotated, kidOf(rotated), claims, h -> h)));
    String wrongKid = SignedJWT.parse(p.token()).getHeader().getKeyID();
    assertEquals(401, status(sign(rotated, wrongKid, claims, h -> h)), "kid of another key");
  }

  @Test
  void aPasswordChangeEndsOlderTokens() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "teacher");
    String before = p.token();
    assertEquals(200, status(before));
    Api.Response changed =
        api.patch("/api/users/" + p.id())
            .token(school.adminToken())
            .json(Api.obj("password", "a-new-long-password-2"))
            .send();
    assertEquals(200, changed.status(), changed::toString);
    Api.Response r = api.get("/api/me").token(before).send();
    assertEquals(401, r.status(), r::toString);
    String after = schools.token(school.slug(), p.email(), "a-new-long-password-2");
    assertEquals(200, status(after));
  }

  @Test
  void aTokenAcceptedBeforeVouchesForNoAlteredCopy() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "teacher");
    String token = p.token();
    assertEquals(200, status(token));
    assertEquals(200, status(token), "the same token again");
    String[] parts = token.split("\\.");
    char c = parts[2].charAt(10);
    String otherSignature =
        parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[2].substring(11);
    assertEquals(
        401, status(parts[0] + "." + parts[1] + "." + otherSignature), "signature altered");
    JWTClaimsSet longer =
        new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
            .expirationTime(Date.from(Instant.now().plusSeconds(365L * 24 * 3600)))
            .build();
    String otherPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(longer.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(401, status(parts[0] + "." + otherPayload + "." + parts[2]), "payload altered");
    assertEquals(200, status(token), "the original still passes");
  }
}
