package org.lectern.platform;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.UUID;

/**
 * Application-made ids: time-ordered UUIDv7 (RFC 9562), so new rows land at the right edge of every
 * primary-key index instead of at random pages.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static UUID newId() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextInt(1 << 12);
    long randB = RANDOM.nextLong();
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /**
   * Ids as a PostgreSQL array literal ({@code {a,b}}), for one bound parameter such as {@code id =
   * ANY (CAST(?2 AS uuid[]))} instead of a statement per id. UUIDs need no quoting.
   */
  public static String sqlArray(Collection<UUID> ids) {
    StringBuilder sb = new StringBuilder("{");
    for (UUID id : ids) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(id);
    }
    return sb.append('}').toString();
  }
}
