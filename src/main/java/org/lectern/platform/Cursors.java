package org.lectern.platform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one codec of keyset cursors: a row's position in a list's order (its sort keys, in order)
 * written as opaque base64url text, so clients hand it back without building or reading it. Every
 * key is written with its type, so a cursor only reads back as the same shape of keys; whatever a
 * list did not hand out (garbage, a tampered or foreign cursor) is the same 400 on the {@code
 * cursor} parameter, never a 500.
 *
 * <p>Keys may be {@link Instant}, {@link UUID}, {@link Long}, {@link Integer}, {@link Float} or
 * {@link String}.
 */
public final class Cursors {

  /** Longer than any cursor handed out; a longer one is refused before it is decoded. */
  static final int MAX_LENGTH = 1024;

  private Cursors() {}

  /** A position's keys, in the list's sort order, as a cursor. */
  public static String encode(Object... keys) {
    StringBuilder raw = new StringBuilder();
    for (Object key : keys) {
      String value = String.valueOf(key);
      raw.append(type(key)).append(value.length()).append(':').append(value);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a client's cursor: {@code read} takes every key in the order they were written (e.g.
   * {@code k -> new Cursor(k.instant(), k.uuid())}). A cursor that does not read back as exactly
   * those keys is a 400.
   */
  public static <T> T decode(String cursor, Function<Keys, T> read) {
    try {
      if (cursor.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("too long");
      }
      byte[] bytes = Base64.getUrlDecoder().decode(cursor);
      String raw =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      Keys keys = new Keys(raw);
      T position = read.apply(keys);
      if (position == null || !keys.done()) {
        throw new IllegalArgumentException("not the keys of this list");
      }
      return position;
    } catch (RuntimeException | CharacterCodingException e) {
      throw LecternException.invalid("cursor", "is not a cursor this list handed out");
    }
  }

  private static char type(Object key) {
    if (key instanceof Instant) {
      return 't';
    }
    if (key instanceof UUID) {
      return 'u';
    }
    if (key instanceof Long) {
      return 'l';
    }
    if (key instanceof Integer) {
      return 'i';
    }
    if (key instanceof Float) {
      return 'f';
    }
    if (key instanceof String) {
      return 's';
    }
    throw new IllegalArgumentException("not a cursor key: " + key);
  }

  /** A cursor's keys, read one after the other; reading a key of another type fails. */
  public static final class Keys {

    private final String raw;
    private int at;

    private Keys(String raw) {
      this.raw = raw;
    }

    public Instant instant() {
      return Instant.parse(next('t'));
    }

    public UUID uuid() {
      String value = next('u');
      UUID id = UUID.fromString(value);
      // UUID.fromString accepts short forms ("1-1-1-1-1"); only what encode wrote is a key.
      if (!id.toString().equals(value)) {
        throw new IllegalArgumentException("not a UUID");
      }
      return id;
    }

    public long longValue() {
      return Long.parseLong(next('l'));
    }

    public int intValue() {
      return Integer.parseInt(next('i'));
    }

    public float floatValue() {
      return Float.parseFloat(next('f'));
    }

    public String text() {
      return next('s');
    }

    private String next(char type) {
      if (at >= raw.length() || raw.charAt(at) != type) {
        throw new IllegalArgumentException("expected a key of type " + type);
      }
      int colon = raw.indexOf(':', at + 1);
      String digits = raw.substring(at + 1, colon);
      if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("bad length");
      }
      int length = Integer.parseInt(digits);
      String value = raw.substring(colon + 1, colon + 1 + length);
      at = colon + 1 + length;
      return value;
    }

    private boolean done() {
      return at == raw.length();
    }
  }
}
