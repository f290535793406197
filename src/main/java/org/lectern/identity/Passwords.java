package org.lectern.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lectern.platform.LecternException;

/**
 * Password hashing with Jakarta Security's PBKDF2 (HMAC-SHA512, OWASP's 210,000 iterations by
 * default). The hash string records its own parameters, so raising the iterations later keeps old
 * hashes verifiable.
 */
@ApplicationScoped
public class Passwords {

  static final int MIN_LENGTH = 10;

  @Inject Pbkdf2PasswordHash hash;

  @Inject
  @ConfigProperty(name = "lectern.password.iterations", defaultValue = "210000")
  int iterations;

  private String dummyHash;

  @PostConstruct
  void init() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
            "Pbkdf2PasswordHash.SaltSizeBytes", "16",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    dummyHash = hash.generate("lectern-dummy-password".toCharArray());
  }

  public String hash(String password) {
    return hash.generate(password.toCharArray());
  }

  public boolean verify(String password, String storedHash) {
    return hash.verify(password.toCharArray(), storedHash);
  }

  /** Spends the time of a real verification, so an unknown email is not told apart by timing. */
  public void verifyNothing(String password) {
    hash.verify(password.toCharArray(), dummyHash);
  }

  /** The password rule, in one place: at least ten characters, not all alike. */
  public static void checkStrength(String field, String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw LecternException.invalid(field, "must have at least " + MIN_LENGTH + " characters");
    }
    if (password.chars().distinct().count() < 4) {
      throw LecternException.invalid(field, "is too easy to guess");
    }
  }
}
