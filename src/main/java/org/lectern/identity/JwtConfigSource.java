package org.lectern.identity;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Feeds Payara's MicroProfile JWT verifier the public half of Lectern's own signing key, so tokens
 * are verified with exactly the key {@link TokenService} signs with, whether that key came from the
 * environment or was generated under the data dir.
 */
public class JwtConfigSource implements ConfigSource {

  static final String ISSUER = "lectern";
  static final String AUDIENCE = "lectern-api";

  private static final Set<String> NAMES =
      Set.of("mp.jwt.verify.publickey", "mp.jwt.verify.issuer", "mp.jwt.verify.audiences");

  @Override
  public Set<String> getPropertyNames() {
    return NAMES;
  }

  @Override
  public String getValue(String name) {
    return switch (name) {
      case "mp.jwt.verify.publickey" -> KeyMaterial.get().publicPem();
      case "mp.jwt.verify.issuer" -> ISSUER;
      case "mp.jwt.verify.audiences" -> AUDIENCE;
      default -> null;
    };
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "mp.jwt.verify.issuer", ISSUER,
        "mp.jwt.verify.audiences", AUDIENCE,
        "mp.jwt.verify.publickey", KeyMaterial.get().publicPem());
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
