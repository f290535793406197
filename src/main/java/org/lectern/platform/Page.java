package org.lectern.platform;

import java.util.List;
import java.util.UUID;

/**
 * One page of a list: {@code {"items": [...], "nextCursor": "..."|null}}. The cursor is opaque to
 * clients; see {@link Cursors}.
 */
public record Page<T>(List<T> items, String nextCursor) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /**
   * A page from rows read with {@code limit + 1}: the extra row only tells that more exist, and the
   * cursor is the position of the last row handed out.
   */
  public static <E, T> Page<T> of(
      List<E> rowsPlusOne,
      int limit,
      java.util.function.Function<E, Cursor> position,
      java.util.function.Function<List<E>, List<T>> toItems) {
    List<E> rows = rowsPlusOne.subList(0, Math.min(limit, rowsPlusOne.size()));
    String next =
        rowsPlusOne.size() > limit ? position.apply(rows.get(rows.size() - 1)).encode() : null;
    return new Page<>(toItems.apply(rows), next);
  }

  /**
   * The {@code ?limit=} a client asked for, checked: absent means the default; anything but a whole
   * number from 1 to 100 is a 400 (taken as text, since JAX-RS would answer a 404 for a parameter
   * it cannot convert).
   */
  public static int limit(String requested) {
    if (requested == null || requested.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(requested.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw LecternException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  /** A query parameter naming an enum constant; absent is null, an unknown name is a 400. */
  public static <E extends Enum<E>> E option(Class<E> type, String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value.trim())) {
        return e;
      }
    }
    List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    throw LecternException.invalid(parameter, "must be one of " + String.join(", ", names));
  }

  /** A query parameter naming an id; absent is null, anything but a UUID is a 400. */
  public static UUID idOption(String parameter, String value) {
    try {
      return value == null || value.isBlank() ? null : UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw LecternException.invalid(parameter, "must be a UUID");
    }
  }

  /**
   * A free-text query parameter; absent is null, blank or longer than {@code max} is a 400, and so
   * is text the database cannot store (see {@link StorableText}).
   */
  public static String textOption(String parameter, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > max) {
      throw LecternException.invalid(parameter, "must be 1 to " + max + " characters");
    }
    if (!StorableText.isStorable(value)) {
      throw LecternException.invalid(parameter, StorableText.MESSAGE);
    }
    return value;
  }

  /**
   * A query parameter naming a moment (RFC 3339, e.g. {@code 2025-09-01T08:30:00Z} or with an
   * offset); absent is null, anything else a 400.
   */
  public static java.time.Instant instantOption(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value.trim()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw LecternException.invalid(parameter, "must be a date-time such as 2025-09-01T08:30:00Z");
    }
  }
}
