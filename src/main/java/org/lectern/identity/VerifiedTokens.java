package org.lectern.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.CallerPrincipal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Set;

/**
 * Bearer tokens that passed every check once (Payara's signature, expiry, issuer and audience
 * checks, then {@link TokenChecks}), so a token used again skips the RSA verification and the
 * parsing: a short-lived, bounded cache keyed by the SHA-256 of the raw token.
 *
 * <ul>
 *   <li>Only the exact bytes of a verified token hit: a forged or altered token hashes elsewhere
 *       and is verified in full (and refused) as before.
 *   <li>An entry never outlives its token's {@code exp}, and lives at most {@link #MAX_AGE}.
 *   <li>Every hit asks {@link KeyMaterial} again whether the token's {@code kid} still verifies, so
 *       a key taken out of the verification set stops being accepted at once; the key set is read
 *       once per process, so in practice that happens at a restart, which empties this cache too.
 *   <li>Revocation is untouched: {@link CallerResolver} compares the token version and the
 *       account's activity with the database on every request, hit or not.
 * </ul>
 */
@ApplicationScoped
public class VerifiedTokens {

  /** The longest a verified token is taken on trust without its signature being checked again. */
  static final Duration MAX_AGE = Duration.ofSeconds(60);

  /** At most this many tokens (each entry is a few KB: the principal and its claims). */
  static final int MAX_ENTRIES = 4_096;

  /** A token that passed every check: who it stands for, and the claims Lectern reads. */
  record Verified(
      CallerPrincipal principal,
      Set<String> groups,
      JWTClaimsSet claims,
      String keyId,
      long expiresAtMillis) {}

  /** The 32 bytes of SHA-256, as four longs: cheap to compare and to hash. */
  private record Key(long a, long b, long c, long d) {}

  private final Cache<Key, Verified> cache =
      Caffeine.newBuilder()
          .maximumSize(MAX_ENTRIES)
          .expireAfter(
              new Expiry<Key, Verified>() {
                @Override
                public long expireAfterCreate(Key key, Verified v, long currentTime) {
                  long untilExp = (v.expiresAtMillis() - System.currentTimeMillis()) * 1_000_000L;
                  return Math.max(0, Math.min(untilExp, MAX_AGE.toNanos()));
                }

                @Override
                public long expireAfterUpdate(
                    Key key, Verified v, long currentTime, long currentDuration) {
                  return expireAfterCreate(key, v, currentTime);
                }

                @Override
                public long expireAfterRead(
                    Key key, Verified v, long currentTime, long currentDuration) {
                  return currentDuration;
                }
              })
          .build();

  /**
   * The same entries by their principal object (compared by identity): the principal {@link
   * VerifiedTokenStore} handed the container comes back in the request's security context, and is
   * recognised without hashing the token a second time. Weak keys, so it never keeps a principal
   * the main cache has let go.
   */
  private final Cache<CallerPrincipal, Verified> byPrincipal =
      Caffeine.newBuilder().weakKeys().maximumSize(MAX_ENTRIES).expireAfterWrite(MAX_AGE).build();

  /** The token's earlier verification, if it is still to be trusted; else null. */
  Verified find(String rawToken) {
    if (rawToken == null) {
      return null;
    }
    Key key = key(rawToken);
    Verified v = cache.getIfPresent(key);
    if (v != null && !trusted(v)) {
      cache.invalidate(key);
      return null;
    }
    return v;
  }

  /** The verification of the token this very principal object was made from; else null. */
  Verified find(CallerPrincipal principal) {
    Verified v = byPrincipal.getIfPresent(principal);
    return v != null && trusted(v) ? v : null;
  }

  private static boolean trusted(Verified v) {
    return System.currentTimeMillis() < v.expiresAtMillis()
        && KeyMaterial.get().verifies(v.keyId());
  }

  /** Remembers a token that has just passed every check. */
  void remember(String rawToken, Verified verified) {
    if (verified.expiresAtMillis() > System.currentTimeMillis()) {
      cache.put(key(rawToken), verified);
      byPrincipal.put(verified.principal(), verified);
    }
  }

  private static Key key(String rawToken) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    ByteBuffer d = ByteBuffer.wrap(sha256.digest(rawToken.getBytes(StandardCharsets.UTF_8)));
    return new Key(d.getLong(), d.getLong(), d.getLong(), d.getLong());
  }
}
