package org.lectern.community;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an author may edit a post: 15 minutes from writing it. Afterwards the post stands as
 * written; its author may still delete it and moderators hide it, but nobody rewrites what others
 * have already read and answered.
 */
final class EditWindow {

  static final Duration LENGTH = Duration.ofMinutes(15);

  private EditWindow() {}

  /** The first moment the post can no longer be edited. */
  static Instant closesAt(Instant createdAt) {
    return createdAt.plus(LENGTH);
  }

  /** Whether a post written at {@code createdAt} may still be edited at {@code now}. */
  static boolean isOpen(Instant createdAt, Instant now) {
    return now.isBefore(closesAt(createdAt));
  }
}
