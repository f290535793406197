package org.lectern.community;

import jakarta.enterprise.context.ApplicationScoped;
import org.lectern.audit.EntityAudit;

/** Discussions and their posts as the audit trail sees them. */
public final class CommunityAudit {

  private CommunityAudit() {}

  /** Discussions: started, locked, pinned (and undone). */
  @ApplicationScoped
  public static class Discussions extends EntityAudit {
    public Discussions() {
      super(Discussion.RESOURCE, Discussion.class);
    }
  }

  /**
   * Posts: written, edited, deleted, hidden, pinned. The trail keeps a deleted or hidden post's
   * text, which the API no longer shows to its readers.
   */
  @ApplicationScoped
  public static class Posts extends EntityAudit {
    public Posts() {
      super(DiscussionPost.RESOURCE, DiscussionPost.class);
    }
  }
}
