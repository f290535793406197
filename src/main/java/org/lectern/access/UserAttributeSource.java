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
}
