package org.lectern.bench.reading;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Access tokens for bench students, signed with the server's own key instead of signing in 10,000
 * times (each sign-in hashes a password with 210,000 PBKDF2 rounds). The shape is what {@code
 * org.lectern.identity.TokenService} issues and what Payara and {@code TokenChecks} verify: RS256,
 * {@code typ} JWT, {@code kid} the RFC 7638 thumbprint of the public key, issuer {@code lectern},
 * audience {@code lectern-api}, {@code sub}, {@code upn}, {@code groups}, {@code iat}, {@code exp},
 * {@code jti}, the token version {@code tver} and the school in {@code tenant}.
 *
 * <p>Plain JDK, so the driver runs from {@code target/test-classes} without a class path.
 */
final class BenchTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final RSAPrivateCrtKey key;
  private final String header;

  private BenchTokens(RSAPrivateCrtKey key, String keyId) {
    this.key = key;
    this.header = b64("{\"kid\":\"" + keyId + "\",\"typ\":\"JWT\",\"alg\":\"RS256\"}");
  }

  /** The key pair the server generated under its data dir ({@code keys/jwt-private.pem}). */
  static BenchTokens fromPem(Path privatePem) throws IOException, GeneralSecurityException {
    String pem = Files.readString(privatePem);
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("PKCS#1 key; the server writes PKCS#8");
    }
    byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    RSAPrivateCrtKey key =
        (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    return new BenchTokens(key, thumbprint(key.getModulus(), key.getPublicExponent()));
  }

  /** RFC 7638: SHA-256 of the required members in lexicographic order, no white space. */
  static String thumbprint(BigInteger n, BigInteger e) throws GeneralSecurityException {
    String json =
        "{\"e\":\"" + B64.encodeToString(unsigned(e)) + "\",\"kty\":\"RSA\",\"n\":\""
            + B64.encodeToString(unsigned(n)) + "\"}";
    return B64.encodeToString(
        MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  /** A student's token, valid for {@code ttlSeconds} from now. */
  String student(UUID tenant, UUID user, String email, long tokenVersion, long ttlSeconds) {
    long now = System.currentTimeMillis() / 1000;
    String claims =
        "{\"iss\":\"lectern\",\"aud\":\"lectern-api\",\"sub\":\"" + user
            + "\",\"upn\":\"" + email
            + "\",\"groups\":[\"student\"],\"iat\":" + now
            + ",\"exp\":" + (now + ttlSeconds)
            + ",\"jti\":\"" + UUID.randomUUID()
            + "\",\"tver\":" + tokenVersion
            + ",\"tenant\":\"" + tenant + "\"}";
    String signingInput = header + "." + b64(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("signing failed", ex);
    }
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
