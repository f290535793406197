package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lectern.platform.LecternException;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failures for one login name (tenant +
 * email), each further attempt must wait twice as long as the last (1 s, 2 s, 4 s ... up to 15
 * min), answered 429 with Retry-After. It keys on the name whether or not such an account exists,
 * so it tells an attacker nothing about which accounts are real. Kept per node.
 */
@ApplicationScoped
public class LoginThrottle {

  static final int FREE_FAILURES = 5;
  private static final long MAX_DELAY_SECONDS = 900;
  private static final int MAX_ENTRIES = 100_000;

  private record Failures(int count, Instant lockedUntil, Instant last) {}

  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

  public void checkAllowed(String key) {
    Failures f = failures.get(key);
    Instant now = Instant.now();
    if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
      long wait = Math.max(1, Duration.between(now, f.lockedUntil()).toSeconds());
      throw new RateLimited(wait);
    }
  }

  public void failed(String key) {
    Instant now = Instant.now();
    if (failures.size() > MAX_ENTRIES) {
      failures.values().removeIf(f -> f.last().isBefore(now.minus(Duration.ofMinutes(15))));
    }
    failures.compute(
        key,
        (k, f) -> {
          int count = f == null ? 1 : f.count() + 1;
          Instant lockedUntil = null;
          if (count >= FREE_FAILURES) {
            long delay = Math.min(MAX_DELAY_SECONDS, 1L << Math.min(20, count - FREE_FAILURES));
            lockedUntil = now.plusSeconds(delay);
          }
          return new Failures(count, lockedUntil, now);
        });
  }

  public void succeeded(String key) {
    failures.remove(key);
  }

  /** 429 with the seconds to wait. */
  public static final class RateLimited extends LecternException {
    private final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds) {
      super(
          429,
          "auth.too-many-attempts",
          "Too many failed sign-ins; wait " + retryAfterSeconds + " s.");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
  }
}
