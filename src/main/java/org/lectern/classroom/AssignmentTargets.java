package org.lectern.classroom;

import java.util.Optional;
import java.util.UUID;

/**
 * Material an assignment can ask for beyond content's stories, lessons and courses, offered by the
 * capability that owns it (assessment's quizzes), so classroom need not depend on it. Answers
 * instead of throwing and starts no transaction, like {@code content.AssignableContent}.
 */
public interface AssignmentTargets {

  /** The target type this source answers for, as assignments name it ({@code quiz}). */
  String type();

  /** The material's title if it exists and the current caller may do it; else empty. */
  Optional<String> readableTitle(UUID id);
}
