package org.lectern.access;

import java.util.Map;
import java.util.UUID;

/**
 * Adds attributes of a school user that other capabilities own (the courses they are enrolled in,
 * ...) to what ABAC conditions see as {@code user.*}. Asked once per access check; implementations
 * keep what they load for the request.
 */
public interface UserAttributeSource {

  /** Attributes of the user {@code userId} in the current tenant. */
  Map<String, Object> attributesOf(UUID userId);

  /**
   * A SQL expression that reads this source's attributes of a user, for identity to select along
   * with the caller on every request (one round trip for both), or null to be asked only when a
   * rule looks. It may name the tenant id and the user id only through {@code tenantId} and {@code
   * userId} (column references of the caller's statement), and must yield one value; the source's
   * own tables are named here, by the capability that owns them.
   */
  default String callerColumn(String tenantId, String userId) {
    return null;
  }

  /** What {@link #callerColumn} read for {@code userId} (a JDBC value), kept for the request. */
  default void preload(UUID userId, Object value) {}
}
