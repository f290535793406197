package org.lectern.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.lectern.approval.RequiresApproval;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.context.RequestContext;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The moves themselves, each with its audit entry and history row in one transaction; {@link
 * Submissions} decides whether the caller may make them. Publishing is an approvable act ({@code
 * publishing:publish}, on by default): who could not approve it themselves only asks, and {@link
 * BookPublishAct} runs it when someone else approves.
 */
@ApplicationScoped
@Transactional
public class SubmissionSteps {

  @Inject TenantEntityManager tem;
  @Inject Books books;
  @Inject RequestContext context;
  @Inject AuditNotes notes;

  /** A move other than publishing, already allowed by {@link Submissions#transition}. */
  @Audited(action = AuditAction.UPDATE, entity = BookSubmission.AUDITED)
  public void move(@EntityId UUID id, Stage to, String comment) {
    apply(id, to, comment);
  }

  /**
   * {@code approved} → {@code published}: the book reaches its readers. Under approval, this runs
   * as the approver, for the requester (the history row names both); the submission must still be
   * {@code approved} (409 otherwise).
   */
  @RequiresApproval(entity = BookSubmission.RESOURCE, action = Stage.PUBLISH)
  @Audited(action = AuditAction.PUBLISH, entity = BookSubmission.AUDITED)
  public void publish(@EntityId UUID id) {
    apply(id, Stage.published, null);
  }

  private void apply(UUID id, Stage to, String comment) {
    // Whoever moves it was let see it (Submissions), or approves such moves (a reviewer).
    BookSubmission s = tem.get().find(BookSubmission.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (s == null) {
      throw LecternException.notFound("submission");
    }
    UUID requestedBy =
        notes.currentDelegation().map(AuditNotes.Delegation::requestedBy).orElse(null);
    SubmissionMove m = s.move(to, comment, context.caller().id(), requestedBy);
    tem.get().persist(m);
    Book book = tem.get().find(Book.class, s.bookId());
    if (book == null) {
      throw LecternException.notFound(Book.RESOURCE);
    }
    book.follow(to);
    tem.get().flush();
    books.reindex(book.id(), book.storyId());
  }
}
