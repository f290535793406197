package org.lectern.publishing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantScoped;

/**
 * A book's submission to the publishing workflow (the seed's BookSubmission): its {@link Stage},
 * who wrote it, and the comment of its last move. It moves only through {@link #move}, which
 * enforces the state machine; every move is recorded as a {@link SubmissionMove}.
 */
@Entity
@Table(name = "book_submissions")
public class BookSubmission extends TenantScoped {

  static final String RESOURCE = "publishing";

  /** The audit trail's name for submissions. */
  static final String AUDITED = "book-submission";

  @Id private UUID id;

  @Column(name = "book_id", nullable = false)
  private UUID bookId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Stage stage;

  @Column(name = "submitted_by", nullable = false)
  private UUID submittedBy;

  @Column(name = "submitted_at")
  private Instant submittedAt;

  @Column(name = "last_comment")
  private String lastComment;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected BookSubmission() {}

  BookSubmission(UUID bookId, UUID writer) {
    this.id = Ids.newId();
    this.bookId = bookId;
    this.stage = Stage.draft;
    this.submittedBy = writer;
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.updatedAt = createdAt;
  }

  /**
   * Moves to {@code to}: 409 {@code submission.invalid-transition} naming the stages one can move
   * to from here when there is no such move, 400 {@code submission.comment-required} when the move
   * needs a comment and has none. Who may make it is the caller's check ({@link Stage.Move}).
   *
   * @return the move's history row
   */
  SubmissionMove move(Stage to, String comment, UUID actor, UUID requestedBy) {
    Stage.Move m = allowedMove(to);
    String said = comment == null || comment.isBlank() ? null : comment.strip();
    if (m.needsComment() && said == null) {
      throw LecternException.invalid(
          "submission.comment-required",
          "Moving a submission to " + to + " needs a comment saying why.",
          java.util.List.of(new LecternException.FieldError("comment", "must not be blank")));
    }
    Stage from = stage;
    stage = to;
    lastComment = said;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (to == Stage.pending && submittedAt == null) {
      submittedAt = now;
    }
    updatedAt = now;
    return new SubmissionMove(id, from, to, said, actor, requestedBy, now);
  }

  /** The move to {@code to} from the current stage, else 409 naming the allowed ones. */
  Stage.Move allowedMove(Stage to) {
    return stage.to(to).orElseThrow(() -> new InvalidTransition(stage, to));
  }

  /** What access rules see of a submission, as {@code resource.*}. */
  Map<String, Object> attributes() {
    return attributes(id, bookId, stage, submittedBy);
  }

  static Map<String, Object> attributes(UUID id, UUID bookId, Stage stage, UUID submittedBy) {
    Map<String, Object> a = new HashMap<>();
    a.put("id", id.toString());
    a.put("bookId", bookId.toString());
    a.put("stage", stage.name());
    a.put("submittedBy", submittedBy.toString());
    return a;
  }

  UUID id() {
    return id;
  }

  UUID bookId() {
    return bookId;
  }

  Stage stage() {
    return stage;
  }

  UUID submittedBy() {
    return submittedBy;
  }

  Instant submittedAt() {
    return submittedAt;
  }

  String lastComment() {
    return lastComment;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  long version() {
    return version;
  }
}
