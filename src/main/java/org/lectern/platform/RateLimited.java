package org.lectern.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 429: a rate limit is reached. Carries {@code Retry-After} and the RateLimit header fields of the
 * IETF draft (draft-ietf-httpapi-ratelimit-headers): the limit that applies, what remains of it
 * (nothing, here) and the seconds until it resets.
 */
public class RateLimited extends LecternException {

  private final int limit;
  private final long resetSeconds;

  public RateLimited(String code, String detail, int limit, long resetSeconds) {
    super(429, code, detail);
    this.limit = limit;
    this.resetSeconds = Math.max(1, resetSeconds);
  }

  public long resetSeconds() {
    return resetSeconds;
  }

  @Override
  public Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Retry-After", Long.toString(resetSeconds));
    h.put("RateLimit-Limit", Integer.toString(limit));
    h.put("RateLimit-Remaining", "0");
    h.put("RateLimit-Reset", Long.toString(resetSeconds));
    return h;
  }
}
