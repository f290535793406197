package org.lectern.publishing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * One move of a submission, as its history keeps it: from and to which stage, who moved it and why.
 * Written in the move's transaction; never changed.
 */
@Entity
@Table(name = "book_submission_history")
public class SubmissionMove extends TenantScoped {

  @Id private UUID id;

  @Column(name = "submission_id", nullable = false)
  private UUID submissionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_stage", nullable = false)
  private Stage fromStage;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_stage", nullable = false)
  private Stage toStage;

  private String comment;

  @Column(name = "actor_id", nullable = false)
  private UUID actorId;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "requested_by")
  private UUID requestedBy;

  @Column(nullable = false)
  private Instant at;

  protected SubmissionMove() {}

  SubmissionMove(
      UUID submissionId,
      Stage from,
      Stage to,
      String comment,
      UUID actor,
      UUID requestedBy,
      Instant at) {
    this.id = Ids.newId();
    this.submissionId = submissionId;
    this.fromStage = from;
    this.toStage = to;
    this.comment = comment;
    this.actorId = actor;
    this.requestedBy = requestedBy;
    this.at = at;
  }

  UUID id() {
    return id;
  }

  Stage fromStage() {
    return fromStage;
  }

  Stage toStage() {
    return toStage;
  }

  String comment() {
    return comment;
  }

  UUID actorId() {
    return actorId;
  }

  UUID requestedBy() {
    return requestedBy;
  }

  Instant at() {
    return at;
  }
}
