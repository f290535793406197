package org.lectern.approval;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.JsonbConverter;
import org.lectern.platform.LecternException;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A request to carry out an act that needs someone else's consent (schema-guide.md, "Approval
 * Workflow Pattern"). It is decided once: approved, rejected, cancelled by its requester, or
 * superseded by a newer request for the same act. Not cached, since deciding reads it under lock.
 */
@Entity
@Table(name = "approvals")
@Cacheable(false)
public class Approval extends TenantScoped {

  /** Only a pending approval can be decided. */
  public enum Status {
    pending,
    approved,
    rejected,
    cancelled,
    superseded
  }

  @Id private UUID id;

  @Column(name = "entity_type", nullable = false)
  private String entityType;

  @Column(name = "entity_id", nullable = false)
  private UUID entityId;

  @Column(nullable = false)
  private String action;

  /** The act's payload record as a JSON object (see {@link ApprovableAct}). */
  @Convert(converter = JsonbConverter.class)
  @Column(nullable = false)
  private String payload;

  @Column(name = "entity_version", nullable = false)
  private long entityVersion;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "requested_by", nullable = false)
  private UUID requestedBy;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "decided_by")
  private UUID decidedBy;

  private String comment;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Approval() {}

  Approval(
      String entityType,
      UUID entityId,
      String action,
      String payload,
      long entityVersion,
      UUID requestedBy,
      String comment) {
    this.id = Ids.newId();
    this.entityType = entityType;
    this.entityId = entityId;
    this.action = action;
    this.payload = payload;
    this.entityVersion = entityVersion;
    this.requestedBy = requestedBy;
    this.comment = comment;
    this.status = Status.pending;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  void approve(UUID decider, String comment) {
    decide(Status.approved, decider, comment);
  }

  void reject(UUID decider, String reason) {
    decide(Status.rejected, decider, reason);
  }

  void cancel() {
    decide(Status.cancelled, requestedBy, comment);
  }

  /** A newer request for the same act replaces this one. */
  void supersede() {
    decide(Status.superseded, null, comment);
  }

  private void decide(Status outcome, UUID decider, String text) {
    if (status != Status.pending) {
      throw LecternException.conflict(
          "approval.decided", "This request was already decided: it is " + status + ".");
    }
    status = outcome;
    decidedBy = decider;
    comment = text;
    decidedAt = Instant.now();
    updatedAt = decidedAt;
  }

  public boolean isPending() {
    return status == Status.pending;
  }

  public UUID id() {
    return id;
  }

  public String entityType() {
    return entityType;
  }

  public UUID entityId() {
    return entityId;
  }

  public String action() {
    return action;
  }

  /** The name of the approvable act this request is for ({@code story:publish}). */
  public String actName() {
    return ApprovableAct.name(entityType, action);
  }

  public String payload() {
    return payload;
  }

  public long entityVersion() {
    return entityVersion;
  }

  public Status status() {
    return status;
  }

  public UUID requestedBy() {
    return requestedBy;
  }

  public UUID decidedBy() {
    return decidedBy;
  }

  public String comment() {
    return comment;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant decidedAt() {
    return decidedAt;
  }

  public long version() {
    return version;
  }
}
