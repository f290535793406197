package org.lectern.community;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.classroom.ClassroomRosters;
import org.lectern.classroom.ClassroomRosters.Standing;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Lookups the book club services share: who sees a discussion and who moderates it. No transaction
 * of its own: it runs in its caller's.
 *
 * <p>A discussion is seen by whoever sees its classroom, by the classroom's own rule (its students
 * while it is active, its teachers, admins), and holds {@code discussion:read}; it is moderated by
 * whoever manages the classroom (its teachers, admins) and holds {@code discussion:moderate}.
 * Everyone else gets 404, as if it did not exist, so ids cannot be probed across classrooms or
 * schools.
 */
@ApplicationScoped
class Clubs {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject ClassroomRosters rosters;

  /** A discussion the caller sees, and where they stand in its classroom. */
  record Seen(Discussion discussion, Standing standing) {}

  /** The discussion, if the caller may see it; else 404. Two statements. */
  Seen visible(UUID discussionId) {
    Discussion d = tem.get().find(Discussion.class, discussionId);
    if (d == null) {
      throw LecternException.notFound(Discussion.RESOURCE);
    }
    Standing s =
        rosters
            .standing(d.classroomId())
            .orElseThrow(() -> LecternException.notFound(Discussion.RESOURCE));
    access.require(Discussion.RESOURCE, "read");
    return new Seen(d, s);
  }

  /** Whether the caller moderates this discussion. */
  boolean moderates(Seen s) {
    return s.standing().manages() && access.can(Discussion.RESOURCE, "moderate", Map.of());
  }

  /** 403 unless the caller moderates this discussion. */
  void requireModerator(Seen s) {
    if (!moderates(s)) {
      throw LecternException.forbidden("Only who manages the classroom moderates its book club.");
    }
  }

  /** 409 {@code classroom.archived}: an archived classroom takes no new discussions or posts. */
  static void requireActive(Standing s) {
    if (s.archived()) {
      throw LecternException.conflict(
          "classroom.archived", "This classroom is archived; unarchive it first.");
    }
  }

  /** A post of this discussion, deleted ones included; else 404. One statement. */
  DiscussionPost post(UUID discussionId, UUID postId) {
    DiscussionPost p = tem.get().find(DiscussionPost.class, postId);
    if (p == null || !p.discussionId().equals(discussionId)) {
      throw LecternException.notFound("post");
    }
    return p;
  }
}
