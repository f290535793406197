package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Ids;

/**
 * The worker's only statements across schools, each a call of a database function that runs as the
 * tables' owner and does one fixed thing (migration V55, like {@code audit_append}): claim due jobs
 * for this node, and renew this node's leases. Everything else the worker does runs in one school,
 * bound like a request.
 */
@ApplicationScoped
class JobClaims {

  /** A job this node now holds: its school, id, and which attempt this is. */
  record Claim(UUID tenantId, UUID jobId, UUID requestedBy, int attempt, int maxAttempts) {}

  @PersistenceContext(unitName = "lectern")
  EntityManager em;

  /** Claims up to {@code limit} due jobs (queued, or running with an expired lease). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  List<Claim> claim(String node, int limit, int leaseSeconds) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT tenant_id, id, requested_by, attempts, max_attempts"
                    + " FROM ai_claim_jobs(?1, ?2, ?3)")
            .setHint(NATIVE, true)
            .setParameter(1, node)
            .setParameter(2, limit)
            .setParameter(3, leaseSeconds)
            .getResultList();
    List<Claim> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(
          new Claim(
              (UUID) r[0],
              (UUID) r[1],
              (UUID) r[2],
              ((Number) r[3]).intValue(),
              ((Number) r[4]).intValue()));
    }
    return out;
  }

  /** Renews this node's leases on the jobs it is still working on. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  int renew(String node, Collection<UUID> jobIds, int leaseSeconds) {
    if (jobIds.isEmpty()) {
      return 0;
    }
    Object n =
        em.createNativeQuery("SELECT ai_renew_leases(?1, CAST(?2 AS uuid[]), ?3)")
            .setHint(NATIVE, true)
            .setParameter(1, node)
            .setParameter(2, Ids.sqlArray(jobIds))
            .setParameter(3, leaseSeconds)
            .getSingleResult();
    return ((Number) n).intValue();
  }

  private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
}
