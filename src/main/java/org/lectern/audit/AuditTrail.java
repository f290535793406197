package org.lectern.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Appends entries to the hash chains. The chaining itself (sequence, previous hash, the lock that
 * keeps concurrent writers of one tenant in a line) is PostgreSQL's {@code audit_append} function,
 * so the hash is computed over exactly the stored values.
 */
@ApplicationScoped
public class AuditTrail {

  /** The chain of platform-level acts: the nil UUID, which no tenant has. */
  public static final UUID PLATFORM = new UUID(0, 0);

  @Inject TenantEntityManager tem;

  /** Appends in the caller's transaction: the entry commits or rolls back with the change. */
  @Transactional(Transactional.TxType.MANDATORY)
  public long append(AuditEntry e) {
    return write(e);
  }

  /**
   * Appends in a transaction of its own: for refusals (failed sign-ins), whose own work rolls back.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long appendAlone(AuditEntry e) {
    return write(e);
  }

  private long write(AuditEntry e) {
    // The chain id is bound explicitly: audit_logs holds the platform's chain too, so this is
    // not the tenant-filtered door of TenantEntityManager.sql().
    Object seq =
        tem.globalSql(
                """
                SELECT audit_append(CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, CAST(?4 AS uuid), ?5,
                    CAST(?6 AS uuid), CAST(?7 AS uuid), ?8, ?9, CAST(?10 AS uuid),
                    CAST(?11 AS jsonb), CAST(?12 AS jsonb), ?13, ?14)""")
            .setParameter(1, e.chain().toString())
            .setParameter(2, Ids.newId().toString())
            .setParameter(3, e.actorKind())
            .setParameter(4, text(e.actorId()))
            .setParameter(5, e.actorEmail())
            .setParameter(6, text(e.requestedBy()))
            .setParameter(7, text(e.approvalId()))
            .setParameter(8, e.action().name())
            .setParameter(9, e.entityType())
            .setParameter(10, text(e.entityId()))
            .setParameter(11, text(e.oldValues()))
            .setParameter(12, text(e.newValues()))
            .setParameter(13, e.requestId())
            .setParameter(14, e.clientAddress())
            .getSingleResult();
    return ((Number) seq).longValue();
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static String text(JsonObject json) {
    return json == null ? null : json.toString();
  }
}
