package org.lectern.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * A keyset position in a list ordered newest first by {@code (createdAt, id)}: stable under inserts
 * and cheap at any depth, unlike offsets. Written by {@link Cursors}, so clients do not build them.
 */
public record Cursor(Instant createdAt, UUID id) {

  public String encode() {
    return Cursors.encode(createdAt, id);
  }

  /** Parses a client's cursor; a tampered or foreign one is a 400, never a 500. */
  public static Cursor decode(String cursor) {
    return Cursors.decode(cursor, k -> new Cursor(k.instant(), k.uuid()));
  }
}
