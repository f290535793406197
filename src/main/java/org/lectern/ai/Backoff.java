package org.lectern.ai;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a job that failed with a retryable error runs again: exponential backoff with jitter (the
 * delay doubles with every attempt up to a ceiling, and a random half of it is taken off, so jobs
 * that failed together do not come back together), but never sooner than the provider asked for
 * with its {@code Retry-After}.
 */
record Backoff(Duration base, Duration max) {

  Backoff {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("0 < base <= max");
    }
  }

  /**
   * @param attempt the attempt that has just failed, from 1
   * @param retryAfter the provider's hint, or null
   * @param random a number in [0, 1)
   */
  Duration delay(int attempt, Duration retryAfter, DoubleSupplier random) {
    long baseMillis = base.toMillis();
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    long ceiling = Math.min(max.toMillis(), baseMillis << doublings);
    long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
    long wanted = retryAfter == null ? 0 : retryAfter.toMillis();
    return Duration.ofMillis(Math.max(jittered, wanted));
  }
}
