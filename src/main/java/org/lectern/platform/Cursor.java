package org.lectern.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in a list ordered newest first by {@code (createdAt, id)}: stable under inserts
 * and cheap at any depth, unlike offsets. Encoded as opaque base64url so clients do not build them.
 */
public record Cursor(Instant createdAt, UUID id) {

  public String encode() {
    String raw = createdAt.toString() + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a client's cursor; a tampered or foreign one is a 400, never a 500. */
  public static Cursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      return new Cursor(
          Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw LecternException.invalid("cursor", "is not a cursor this list handed out");
    }
  }
}
