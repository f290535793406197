package org.lectern.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursor;
import org.lectern.platform.Cursors;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.publishing.PublishingDtos.HistoryView;
import org.lectern.publishing.PublishingDtos.SubmissionRequest;
import org.lectern.publishing.PublishingDtos.SubmissionView;
import org.lectern.publishing.PublishingDtos.TransitionRequest;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The publishing workflow: a writer submits a book, reviewers move the submission through the
 * stages of {@link Stage}, and its last step, publishing, needs someone else's approval.
 *
 * <p>A submission is seen by its writer and by reviewers (who hold {@code publishing:read} or any
 * permission of a review step); to anyone else, in the school or another one, it and its history
 * are 404, so ids cannot be probed. A move is checked in this order: the submission is visible
 * (404), the move exists from its stage (409 naming the ones that do), the caller holds the move's
 * {@code publishing:*} permission with the submission's attributes (403), is its writer for
 * submitting and not its writer for reviewing (403), and gave a comment where one is needed (400).
 * Moves take a row lock on the submission, so of two concurrent moves exactly one wins and the
 * other is judged against its result.
 */
@ApplicationScoped
@Transactional
public class Submissions {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext context;
  @Inject Books books;
  @Inject SubmissionSteps steps;

  /**
   * Submits the writer's book to the workflow, in stage {@code draft}: needs {@code
   * publishing:submit} (403) and a book the caller made (404 for what they cannot read, else 403);
   * a book has one open submission at a time, and a published book none (409).
   */
  @Audited(action = AuditAction.CREATE, entity = BookSubmission.AUDITED)
  public SubmissionView create(SubmissionRequest r) {
    access.requireSchoolMember("Books are submitted by a school's own people.");
    BookRow b = books.visible(r.bookId());
    access.require(BookSubmission.RESOURCE, Stage.SUBMIT);
    if (!b.createdBy().equals(me())) {
      throw LecternException.forbidden("A book is submitted by its writer.");
    }
    Book book = tem.get().find(Book.class, b.id(), LockModeType.PESSIMISTIC_WRITE);
    if ("published".equals(book.publishingStatus())) {
      throw LecternException.conflict(
          "submission.book-published", "This book is published; archive it to withdraw it.");
    }
    if (!tem.sql(
            "SELECT 1 FROM book_submissions WHERE tenant_id = ?1 AND book_id = ?2"
                + " AND stage NOT IN ('published', 'rejected', 'archived')")
        .setParameter(2, b.id())
        .getResultList()
        .isEmpty()) {
      throw LecternException.conflict(
          "submission.open", "This book is in the workflow already; move that submission on.");
    }
    BookSubmission s = new BookSubmission(b.id(), me());
    tem.get().persist(s);
    book.follow(Stage.draft);
    tem.get().flush();
    return view(s, book.title());
  }

  /**
   * Moves a submission (see the class comment for the checks). Publishing goes through {@link
   * SubmissionSteps#publish}, which answers 202 with a pending approval instead when the caller may
   * not publish alone.
   */
  public SubmissionView transition(UUID id, TransitionRequest r) {
    access.requireSchoolMember("Submissions are moved by a school's own people.");
    BookSubmission s = visible(id);
    tem.get().refresh(s, LockModeType.PESSIMISTIC_WRITE);
    Stage.Move m = s.allowedMove(r.to());
    requireMayMake(s, m);
    if (m.to() == Stage.published) {
      steps.publish(id);
    } else {
      steps.move(id, r.to(), r.comment());
    }
    return view(s, tem.get().find(Book.class, s.bookId()).title());
  }

  /**
   * The reviewers' queue, oldest first, optionally of one stage: every submission of the school for
   * reviewers, their own for writers. One statement after the caller.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<SubmissionView> list(Stage stage, String cursor, int limit) {
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    StringBuilder sql =
        new StringBuilder(
            "SELECT s.id, s.book_id, b.title, s.stage, s.submitted_by, s.submitted_at,"
                + " s.last_comment, s.created_at, s.updated_at, s.version FROM book_submissions s"
                + " JOIN books b ON b.tenant_id = s.tenant_id AND b.id = s.book_id"
                + " WHERE s.tenant_id = ?1");
    List<Object> params = new ArrayList<>();
    if (!books.reviewer()) {
      params.add(me());
      sql.append(" AND s.submitted_by = ?").append(params.size() + 1);
    }
    if (stage != null) {
      params.add(stage.name());
      sql.append(" AND s.stage = ?").append(params.size() + 1);
    }
    if (after != null) {
      params.add(Timestamp.from(after.createdAt()));
      params.add(after.id());
      sql.append(" AND (s.created_at, s.id) > (?")
          .append(params.size())
          .append(", ?")
          .append(params.size() + 1)
          .append(")");
    }
    sql.append(" ORDER BY s.created_at, s.id LIMIT ").append(limit + 1);
    Query q = tem.sql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 2, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    List<SubmissionView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      Stage at = Stage.valueOf((String) r[3]);
      UUID writer = (UUID) r[4];
      items.add(
          new SubmissionView(
              (UUID) r[0],
              (UUID) r[1],
              (String) r[2],
              at,
              allowed(at, writer, attributes((UUID) r[0], (UUID) r[1], at, writer)),
              writer,
              SqlValues.instant(r[5]),
              (String) r[6],
              SqlValues.instant(r[7]),
              SqlValues.instant(r[8]),
              ((Number) r[9]).longValue()));
    }
    String next = null;
    if (rows.size() > limit) {
      SubmissionView last = items.get(items.size() - 1);
      next = new Cursor(last.createdAt(), last.id()).encode();
    }
    return new Page<>(items, next);
  }

  /** One submission the caller may see (its writer, reviewers); else 404. Two statements. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SubmissionView get(UUID id) {
    BookSubmission s = visible(id);
    return view(s, tem.get().find(Book.class, s.bookId()).title());
  }

  /** Every move of a submission the caller may see, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<HistoryView> history(UUID id, String cursor, int limit) {
    visible(id);
    UUID after = cursor == null ? null : Cursors.decode(cursor, k -> k.uuid());
    var q =
        tem.get()
            .createQuery(
                "SELECT m FROM SubmissionMove m WHERE m.submissionId = :s"
                    + (after == null ? "" : " AND m.id > :after")
                    + " ORDER BY m.id",
                SubmissionMove.class)
            .setParameter("s", id)
            .setMaxResults(limit + 1);
    if (after != null) {
      q.setParameter("after", after);
    }
    List<SubmissionMove> rows = q.getResultList();
    List<HistoryView> items =
        rows.subList(0, Math.min(limit, rows.size())).stream().map(HistoryView::of).toList();
    return new Page<>(
        items, rows.size() > limit ? Cursors.encode(items.get(items.size() - 1).id()) : null);
  }

  /** The submission, if the caller may see it: its writer and reviewers; else 404. */
  BookSubmission visible(UUID id) {
    return find(id).orElseThrow(() -> LecternException.notFound("submission"));
  }

  /** As {@link #visible}, empty instead of 404. */
  Optional<BookSubmission> find(UUID id) {
    BookSubmission s = tem.get().find(BookSubmission.class, id);
    if (s == null || (!s.submittedBy().equals(me()) && !books.reviewer())) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  private void requireMayMake(BookSubmission s, Stage.Move m) {
    access.require(BookSubmission.RESOURCE, m.permission(), s.attributes());
    if (m.byWriter() && !s.submittedBy().equals(me())) {
      throw LecternException.forbidden("Only the writer submits their book.");
    }
    if (m.isReview() && s.submittedBy().equals(me())) {
      throw new LecternException(
          403, "submission.own-review", "Nobody reviews their own submission; another must.");
    }
  }

  private boolean mayMake(Stage.Move m, UUID writer, java.util.Map<String, Object> attributes) {
    if (m.byWriter() && !writer.equals(me())) {
      return false;
    }
    if (m.isReview() && writer.equals(me())) {
      return false;
    }
    return access.can(BookSubmission.RESOURCE, m.permission(), attributes);
  }

  private List<Stage> allowed(Stage at, UUID writer, java.util.Map<String, Object> attributes) {
    return at.moves().stream()
        .filter(m -> mayMake(m, writer, attributes))
        .map(Stage.Move::to)
        .toList();
  }

  private static java.util.Map<String, Object> attributes(
      UUID id, UUID bookId, Stage stage, UUID writer) {
    return BookSubmission.attributes(id, bookId, stage, writer);
  }

  SubmissionView view(BookSubmission s, String bookTitle) {
    return new SubmissionView(
        s.id(),
        s.bookId(),
        bookTitle,
        s.stage(),
        allowed(s.stage(), s.submittedBy(), s.attributes()),
        s.submittedBy(),
        s.submittedAt(),
        s.lastComment(),
        s.createdAt(),
        s.updatedAt(),
        s.version());
  }

  private UUID me() {
    return context.caller().id();
  }
}
