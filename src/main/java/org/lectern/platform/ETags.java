package org.lectern.platform;

import jakarta.ws.rs.core.EntityTag;

/**
 * ETag = the entity's version; {@code If-Match} carries it back for optimistic concurrency. The tag
 * is written by {@link VersionETag} for any {@link Versioned} body, never by resources.
 */
public final class ETags {

  private ETags() {}

  public static EntityTag of(long version) {
    return new EntityTag(Long.toString(version));
  }

  /**
   * 412 when the client's {@code If-Match} names another version than the current one: it read
   * something that has changed since, and would otherwise overwrite that change unseen.
   */
  public static void requireMatch(Long ifMatch, long current) {
    if (ifMatch != null && ifMatch != current) {
      throw new LecternException(
          412,
          "resource.stale",
          "It changed since you read it (now version " + current + "); reload and retry.");
    }
  }

  /** The version named by an {@code If-Match} header; null when absent or "*". */
  public static Long ifMatch(String header) {
    if (header == null || header.isBlank() || header.trim().equals("*")) {
      return null;
    }
    String v = header.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    v = v.replace("\"", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      // A tag we never handed out cannot match the current version.
      return -1L;
    }
  }
}
