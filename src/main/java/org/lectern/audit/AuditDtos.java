package org.lectern.audit;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of {@code /api/audit-logs}. */
public final class AuditDtos {

  private AuditDtos() {}

  /** One audit entry. {@code oldValues}/{@code newValues} hold only what changed on an update. */
  public record AuditEntryView(
      UUID id,
      long seq,
      String actorKind,
      UUID actorId,
      String actorEmail,
      UUID requestedBy,
      UUID approvalId,
      String action,
      String entityType,
      UUID entityId,
      JsonObject oldValues,
      JsonObject newValues,
      String requestId,
      String clientAddress,
      Instant createdAt,
      String hash) {}

  /** Where a chain does not hold. */
  public record ChainBreak(long seq, UUID entryId, String problem, String detail) {}

  /**
   * The result of re-checking a chain from its first entry to its head: {@code intact} when every
   * entry's hash matches its content and its predecessor, and nothing is missing.
   */
  public record Verification(
      String chain,
      UUID tenantId,
      boolean intact,
      long entriesChecked,
      long headSeq,
      List<ChainBreak> breaks) {}
}
