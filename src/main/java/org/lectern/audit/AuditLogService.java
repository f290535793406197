package org.lectern.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.audit.AuditDtos.AuditEntryView;
import org.lectern.audit.AuditDtos.ChainBreak;
import org.lectern.audit.AuditDtos.Verification;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursors;
import org.lectern.platform.Jsons;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Reading and verifying the audit trail. A tenant's admins see their tenant's chain; platform
 * super-admins see the platform's chain, or a tenant's when they name it with {@code X-Tenant-Id}.
 */
@ApplicationScoped
@Transactional
public class AuditLogService {

  static final String ZERO_HASH = "0".repeat(64);
  private static final int VERIFY_BATCH = 2000;
  private static final int MAX_BREAKS = 20;

  /** Filters of the audit log; null means any. {@code to} is exclusive. */
  public record Filter(
      String entityType,
      UUID entityId,
      UUID userId,
      AuditAction action,
      Instant from,
      Instant to) {}

  @Inject TenantEntityManager tem;
  @Inject RequestContext current;
  @Inject AuditReaders readers;

  /** Newest first, with a cursor on the chain's sequence. */
  @SuppressWarnings("unchecked")
  public Page<AuditEntryView> list(Filter f, String cursor, int limit) {
    UUID chain = readableChain();
    StringBuilder sql =
        new StringBuilder(
            """
            SELECT id, seq, actor_kind, actor_id, actor_email, requested_by, approval_id, action,
                   entity_type, entity_id, old_values::text, new_values::text, request_id,
                   client_address, created_at, hash
              FROM audit_logs WHERE tenant_id = CAST(?1 AS uuid)""");
    List<Object> params = new ArrayList<>();
    params.add(chain.toString());
    condition(sql, params, "entity_type = ?", f.entityType());
    condition(sql, params, "entity_id = CAST(? AS uuid)", text(f.entityId()));
    condition(sql, params, "actor_id = CAST(? AS uuid)", text(f.userId()));
    condition(sql, params, "action = ?", f.action() == null ? null : f.action().name());
    condition(sql, params, "created_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
    condition(sql, params, "created_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
    condition(sql, params, "seq < ?", cursor == null ? null : decode(cursor));
    sql.append(" ORDER BY seq DESC LIMIT ").append(limit + 1);
    Query q = tem.globalSql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    List<AuditEntryView> rows =
        ((List<Object[]>) q.getResultList()).stream().map(AuditLogService::view).toList();
    boolean more = rows.size() > limit;
    List<AuditEntryView> page = more ? rows.subList(0, limit) : rows;
    return new Page<>(page, more ? encode(page.get(page.size() - 1).seq()) : null);
  }

  /**
   * Re-checks the chain from its first entry: each entry must follow the previous one (sequence and
   * hash link) and hash to its stored hash, and the last must be the head. An entry changed,
   * removed or moved directly in the database breaks one of these.
   */
  @SuppressWarnings("unchecked")
  public Verification verify() {
    UUID chain = readableChain();
    List<ChainBreak> breaks = new ArrayList<>();
    long expectedSeq = 1;
    String expectedPrev = ZERO_HASH;
    long checked = 0;
    while (true) {
      List<Object[]> rows =
          tem.globalSql(
                  """
                  SELECT seq, id, prev_hash, hash, audit_entry_hash(a) FROM audit_logs a
                   WHERE tenant_id = CAST(?1 AS uuid) AND seq >= ?2 ORDER BY seq LIMIT ?3""")
              .setParameter(1, chain.toString())
              .setParameter(2, expectedSeq)
              .setParameter(3, VERIFY_BATCH)
              .getResultList();
      for (Object[] r : rows) {
        long seq = ((Number) r[0]).longValue();
        UUID id = UUID.fromString(r[1].toString());
        String prev = r[2].toString();
        String hash = r[3].toString();
        String computed = r[4].toString();
        checked++;
        if (seq != expectedSeq) {
          breaks.add(
              new ChainBreak(
                  seq,
                  id,
                  "missing",
                  "Entries "
                      + expectedSeq
                      + (seq - 1 > expectedSeq ? " to " + (seq - 1) : "")
                      + " are missing before this one."));
        } else if (!prev.equals(expectedPrev)) {
          breaks.add(
              new ChainBreak(
                  seq,
                  id,
                  "unlinked",
                  "This entry does not follow the one before it: an earlier entry was changed,"
                      + " removed or moved."));
        }
        if (!computed.equals(hash)) {
          breaks.add(
              new ChainBreak(
                  seq, id, "altered", "This entry's content no longer matches its hash."));
        }
        expectedSeq = seq + 1;
        expectedPrev = hash;
      }
      if (rows.size() < VERIFY_BATCH || breaks.size() >= MAX_BREAKS) {
        break;
      }
    }
    long headSeq = 0;
    List<Object[]> head =
        tem.globalSql("SELECT seq, hash FROM audit_heads WHERE tenant_id = CAST(?1 AS uuid)")
            .setParameter(1, chain.toString())
            .getResultList();
    if (!head.isEmpty()) {
      headSeq = ((Number) head.get(0)[0]).longValue();
      String headHash = head.get(0)[1].toString();
      if (breaks.size() < MAX_BREAKS && headSeq != expectedSeq - 1) {
        breaks.add(
            new ChainBreak(
                expectedSeq,
                null,
                "missing",
                "The chain's head is entry "
                    + headSeq
                    + " but the last entry found is "
                    + (expectedSeq - 1)
                    + "."));
      } else if (breaks.size() < MAX_BREAKS && !headHash.equals(expectedPrev)) {
        breaks.add(
            new ChainBreak(
                headSeq, null, "unlinked", "The last entry is not the one the head records."));
      }
    }
    List<ChainBreak> reported = breaks.size() > MAX_BREAKS ? breaks.subList(0, MAX_BREAKS) : breaks;
    return new Verification(
        chain.equals(AuditTrail.PLATFORM) ? "platform" : "tenant",
        chain.equals(AuditTrail.PLATFORM) ? null : chain,
        breaks.isEmpty(),
        checked,
        headSeq,
        List.copyOf(reported));
  }

  /**
   * The chain the caller may read: their tenant's (with {@code audit:read}), or for a platform
   * account without a named tenant the platform's own.
   */
  private UUID readableChain() {
    // Only a platform account acts in no tenant.
    if (current.tenantId().isEmpty()) {
      readers.requirePlatformChain();
      return AuditTrail.PLATFORM;
    }
    readers.requireTenantChain();
    return current.tenant();
  }

  private static void condition(StringBuilder sql, List<Object> params, String clause, Object v) {
    if (v != null) {
      params.add(v);
      sql.append(" AND ").append(clause.replace("?", "?" + params.size()));
    }
  }

  private static AuditEntryView view(Object[] r) {
    return new AuditEntryView(
        uuid(r[0]),
        ((Number) r[1]).longValue(),
        (String) r[2],
        uuid(r[3]),
        (String) r[4],
        uuid(r[5]),
        uuid(r[6]),
        (String) r[7],
        (String) r[8],
        uuid(r[9]),
        json(r[10]),
        json(r[11]),
        (String) r[12],
        (String) r[13],
        ((Timestamp) r[14]).toInstant(),
        r[15].toString());
  }

  private static UUID uuid(Object v) {
    return v == null ? null : UUID.fromString(v.toString());
  }

  private static JsonObject json(Object v) {
    if (v == null) {
      return null;
    }
    try (JsonReader reader = Jsons.provider().createReader(new StringReader(v.toString()))) {
      return reader.readObject();
    }
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static String encode(long seq) {
    return Cursors.encode(seq);
  }

  private static Long decode(String cursor) {
    return Cursors.decode(cursor, Cursors.Keys::longValue);
  }
}
