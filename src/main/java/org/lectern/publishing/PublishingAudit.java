package org.lectern.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import org.lectern.audit.EntityAudit;

/** Books and submissions as the audit trail sees them. */
public final class PublishingAudit {

  private PublishingAudit() {}

  /** Books: made (their catalogue fields; counters and ratings are not audited). */
  @ApplicationScoped
  public static class Books extends EntityAudit {
    public Books() {
      super(Book.RESOURCE, Book.class);
    }
  }

  /** Submissions: made and moved, each move with its stage before and after. */
  @ApplicationScoped
  public static class Submissions extends EntityAudit {
    public Submissions() {
      super(BookSubmission.AUDITED, BookSubmission.class);
    }
  }
}
