package org.lectern.platform;

import java.util.List;

/**
 * One page of a list: {@code {"items": [...], "nextCursor": "..."|null}}. The cursor is opaque to
 * clients; see {@link Cursor}.
 */
public record Page<T>(List<T> items, String nextCursor) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** The limit a client asked for, checked: absent means the default, out of range is a 400. */
  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw LecternException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }
}
