package org.lectern.approval;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of {@code /api/approvals} and {@code /api/approval-rules}. */
public final class ApprovalDtos {

  private ApprovalDtos() {}

  /** An approval as clients see it. */
  public record ApprovalView(
      UUID id,
      String entityType,
      UUID entityId,
      String action,
      JsonValue payload,
      long entityVersion,
      Approval.Status status,
      UUID requestedBy,
      UUID decidedBy,
      String comment,
      Instant createdAt,
      Instant decidedAt,
      long version) {}

  /** POST approve: an optional note for the requester. */
  public record Approve(@Size(max = 2000) String comment) {
    @JsonbCreator
    public Approve {}
  }

  /** POST reject: the reason is required, so the requester knows what to change. */
  public record Reject(@NotBlank @Size(max = 2000) String reason) {
    @JsonbCreator
    public Reject {}
  }

  /** Whether an act needs approval in this tenant, and whether that is the default. */
  public record RuleView(
      String entityType, String action, boolean required, boolean byDefault, boolean isDefault) {}

  /** PUT a rule. */
  public record RuleUpdate(@NotNull Boolean required) {
    @JsonbCreator
    public RuleUpdate {}
  }
}
