package org.lectern.ai;

import java.time.Duration;

/**
 * A provider could not do the work. retryable says whether trying again may help (a timeout, a 429
 * or 5xx) or not (a 400, a refused prompt, a missing binary); retryAfter is the provider's own
 * hint, or null.
 */
public final class ProviderException extends Exception {

  private final boolean retryable;
  private final Duration retryAfter;

  public ProviderException(
      String message, boolean retryable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public ProviderException(String message, boolean retryable) {
    this(message, retryable, null, null);
  }

  public boolean retryable() {
    return retryable;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
