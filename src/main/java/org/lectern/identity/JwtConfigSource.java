package org.lectern.identity;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Feeds Payara's MicroProfile JWT verifier the public keys as a JWK set: the one {@link
 * TokenService} signs with and any extra ones kept for rotation. With a JWK set, Payara verifies a
 * token with the key its {@code kid} names, and refuses a token whose {@code kid} names none.
 */
public class JwtConfigSource implements ConfigSource {

  static final String ISSUER = "lectern";
  static final String AUDIENCE = "lectern-api";

  /** Seconds a token's times may be off the server's clock: exp here, nbf and iat in the filter. */
  static final long CLOCK_SKEW_SECONDS = 60;

  private static final Set<String> NAMES =
      Set.of(
          "mp.jwt.verify.publickey",
          "mp.jwt.verify.issuer",
          "mp.jwt.verify.audiences",
          "mp.jwt.verify.clock.skew");

  @Override
  public Set<String> getPropertyNames() {
    return NAMES;
  }

  @Override
  public String getValue(String name) {
    return switch (name) {
      case "mp.jwt.verify.publickey" -> KeyMaterial.get().jwks();
      case "mp.jwt.verify.issuer" -> ISSUER;
      case "mp.jwt.verify.audiences" -> AUDIENCE;
      case "mp.jwt.verify.clock.skew" -> Long.toString(CLOCK_SKEW_SECONDS);
      default -> null;
    };
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "mp.jwt.verify.issuer",
        ISSUER,
        "mp.jwt.verify.audiences",
        AUDIENCE,
        "mp.jwt.verify.clock.skew",
        Long.toString(CLOCK_SKEW_SECONDS),
        "mp.jwt.verify.publickey",
        KeyMaterial.get().jwks());
  }

  @Override
  public int getOrdinal() {
    return 150;
  }

  @Override
  public String getName() {
    return "lectern-jwt-keys";
  }
}
