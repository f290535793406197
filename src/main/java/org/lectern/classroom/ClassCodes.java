package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Class codes: what a child types to join a classroom. Six characters (by default) drawn from an
 * alphabet without the characters children confuse (0 and O, 1, I and L), from a secure random
 * source so that codes cannot be predicted. Uniqueness is not left to chance: the database holds it
 * (a unique index over the school's active classrooms) and {@link ClassroomService} retries with a
 * new code when an insert meets it.
 *
 * <p>{@code lectern.classroom.code-alphabet} and {@code lectern.classroom.code-length} narrow the
 * code space; the integration tests do so to force collisions. Only a subset of {@link #ALPHABET}
 * and lengths of 6 to 8 are accepted.
 */
@ApplicationScoped
public class ClassCodes {

  /** Upper-case letters and digits without 0, O, 1, I and L. */
  public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

  /** The characters a code never holds, because children mix them up. */
  public static final String AMBIGUOUS = "0O1IL";

  public static final int MIN_LENGTH = 6;
  public static final int MAX_LENGTH = 8;

  private final String alphabet;
  private final int length;
  private final RandomGenerator random;

  public ClassCodes() {
    this(config("lectern.classroom.code-alphabet", ALPHABET), length(), new SecureRandom());
  }

  ClassCodes(String alphabet, int length, RandomGenerator random) {
    if (alphabet.isEmpty() || alphabet.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
      throw new IllegalArgumentException(
          "a class code alphabet must be made of characters of " + ALPHABET + ": " + alphabet);
    }
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "class codes are " + MIN_LENGTH + " to " + MAX_LENGTH + " characters: " + length);
    }
    this.alphabet = alphabet;
    this.length = length;
    this.random = random;
  }

  /** A new random code. */
  public String next() {
    char[] code = new char[length];
    for (int i = 0; i < length; i++) {
      code[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(code);
  }

  /**
   * A code as a person typed it, in its stored form: upper case, without the spaces and dashes
   * people put in to read it; empty if it cannot be a code at all.
   */
  public static Optional<String> normalize(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (code.length() < MIN_LENGTH || code.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(code);
  }

  private static String config(String name, String fallback) {
    Config config = ConfigProvider.getConfig();
    return config.getOptionalValue(name, String.class).orElse(fallback);
  }

  private static int length() {
    return ConfigProvider.getConfig()
        .getOptionalValue("lectern.classroom.code-length", Integer.class)
        .orElse(MIN_LENGTH);
  }
}
