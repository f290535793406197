package org.lectern.audit;

import jakarta.json.JsonObject;
import java.util.UUID;

/** One entry to append to a chain: a tenant's, or the platform's ({@link AuditTrail#PLATFORM}). */
record AuditEntry(
    UUID chain,
    String actorKind,
    UUID actorId,
    String actorEmail,
    UUID requestedBy,
    UUID approvalId,
    AuditAction action,
    String entityType,
    UUID entityId,
    JsonObject oldValues,
    JsonObject newValues,
    String requestId,
    String clientAddress) {}
