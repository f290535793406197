package org.lectern.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Stored first answers of idempotent POSTs (table {@code idempotency_keys}). */
@ApplicationScoped
public class IdempotencyStore {

  /** The first answer to a request. */
  public record Stored(
      String requestHash,
      int status,
      String location,
      String etag,
      String contentType,
      String body) {}

  @PersistenceContext(unitName = "lectern")
  EntityManager em;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Stored> find(UUID caller, String key) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        sql("""
                SELECT request_hash, status, location, etag, content_type, body FROM idempotency_keys
                WHERE caller_id = ?1 AND idem_key = ?2 AND created_at > now() - interval '24 hours'""")
            .setParameter(1, caller)
            .setParameter(2, key)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Stored(
                    ((String) r[0]).trim(),
                    ((Number) r[1]).intValue(),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5]));
  }

  /**
   * Keeps the first answer. A concurrent twin that finished first wins; an expired record is
   * replaced. Now and then old records are purged.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void save(UUID caller, String key, Stored s) {
    sql("""
        INSERT INTO idempotency_keys
            (caller_id, idem_key, request_hash, status, location, etag, content_type, body)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (caller_id, idem_key) DO UPDATE SET
            request_hash = EXCLUDED.request_hash, status = EXCLUDED.status,
            location = EXCLUDED.location, etag = EXCLUDED.etag,
            content_type = EXCLUDED.content_type, body = EXCLUDED.body, created_at = now()
        WHERE idempotency_keys.created_at < now() - interval '24 hours'""")
        .setParameter(1, caller)
        .setParameter(2, key)
        .setParameter(3, s.requestHash())
        .setParameter(4, s.status())
        .setParameter(5, s.location())
        .setParameter(6, s.etag())
        .setParameter(7, s.contentType())
        .setParameter(8, s.body())
        .executeUpdate();
    if (ThreadLocalRandom.current().nextInt(100) == 0) {
      sql("DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'")
          .executeUpdate();
    }
  }

  private Query sql(String statement) {
    // A global table (keyed by caller), so EclipseLink's tenant filter does not apply to it.
    return em.createNativeQuery(statement).setHint("eclipselink.jdbc.allow-native-sql-query", true);
  }
}
