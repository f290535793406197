package org.lectern.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters of the rate limits, in table {@code rate_limits}, so that every node counts the same
 * attempts: each check or count is one statement (an upsert that answers the new state). Keys are
 * chosen by the callers and name the tenant where it matters; the table itself is platform-wide.
 *
 * <p>Writes that record a failure run in a transaction of their own: the sign-in that failed rolls
 * its own transaction back, and the count must stay.
 */
@ApplicationScoped
public class RateLimits {

  /**
   * A key's state: how many in its window, seconds until the window is forgotten, and seconds until
   * its block ends (0: not blocked).
   */
  public record Counter(String key, int count, long resetSeconds, long blockedSeconds) {

    public boolean blocked() {
      return blockedSeconds > 0;
    }
  }

  /** One key's requests counted on one node since its last sync, in a window of fixed bounds. */
  public record Delta(String key, int count, long windowStartEpoch, long windowEndEpoch) {}

  private static final String STATE =
      "count, ceil(extract(epoch FROM expires_at - now()))::int,"
          + " coalesce(ceil(extract(epoch FROM blocked_until - now())), 0)::int";

  @PersistenceContext(unitName = "lectern")
  EntityManager em;

  /** The live (not yet expired) counters among {@code keys} (at most four), by key. */
  @Transactional
  public Map<String, Counter> current(String... keys) {
    if (keys.length == 0 || keys.length > 4) {
      throw new IllegalArgumentException("one to four keys");
    }
    StringBuilder in = new StringBuilder();
    for (int i = 1; i <= keys.length; i++) {
      in.append(i == 1 ? "?" : ", ?").append(i);
    }
    Query q =
        sql(
            "SELECT key, "
                + STATE
                + " FROM rate_limits WHERE key IN ("
                + in
                + ") AND expires_at > now()");
    for (int i = 0; i < keys.length; i++) {
      q.setParameter(i + 1, keys[i]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    Map<String, Counter> out = new HashMap<>();
    for (Object[] r : rows) {
      Counter c = counter((String) r[0], r, 1);
      out.put(c.key(), c);
    }
    return out;
  }

  /**
   * Counts one more failure for {@code key} and blocks it with a delay that doubles with every
   * failure from the {@code free}-th on ({@code firstDelaySeconds}, twice that, four times ... up
   * to {@code maxDelaySeconds}). The count is forgotten after {@code quietSeconds} without a
   * failure (at least the longest delay, so a block never outlives its row).
   */
  private Counter delay(
      String key, int free, long firstDelaySeconds, long maxDelaySeconds, long quietSeconds) {
    Object[] r =
        (Object[])
            sql("""
                INSERT INTO rate_limits AS r (key, window_start, count, blocked_until, expires_at)
                VALUES (?1, now(), 1, NULL, now() + make_interval(secs => ?2))
                ON CONFLICT (key) DO UPDATE SET
                    window_start = CASE WHEN r.expires_at <= now() THEN now() ELSE r.window_start END,
                    count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
                    blocked_until = CASE WHEN r.expires_at > now() AND r.count + 1 >= ?3
                        THEN now() + make_interval(secs => least(?4, ?5 * power(2, r.count + 1 - ?3)))
                        END,
                    expires_at = EXCLUDED.expires_at
                RETURNING\s"""
                    + STATE)
                .setParameter(1, key)
                .setParameter(2, Math.max(quietSeconds, maxDelaySeconds))
                .setParameter(3, Math.max(2, free))
                .setParameter(4, maxDelaySeconds)
                .setParameter(5, firstDelaySeconds)
                .getSingleResult();
    return counter(key, r, 0);
  }

  /**
   * One failure, counted in one transaction of its own: against {@code delayedKey} with a delay
   * that doubles with every failure from the {@code free}-th on ({@code firstDelaySeconds}, twice
   * that ... up to {@code maxDelaySeconds}; forgotten after {@code quietSeconds} without one), and
   * against each of {@code windows} in its fixed window.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void fail(
      String delayedKey,
      int free,
      long firstDelaySeconds,
      long maxDelaySeconds,
      long quietSeconds,
      Window... windows) {
    delay(delayedKey, free, firstDelaySeconds, maxDelaySeconds, quietSeconds);
    for (Window w : windows) {
      window(w.key(), w.seconds());
    }
  }

  /** A key counted in a fixed window of {@code seconds} that starts with its first count. */
  public record Window(String key, long seconds) {}

  /**
   * Marks {@code key} as present for {@code seconds} from now (a fact to remember, such as an
   * address an account has signed in from), in one statement.
   */
  @Transactional
  public void remember(String key, long seconds) {
    sql("""
            INSERT INTO rate_limits AS r (key, window_start, count, expires_at)
            VALUES (?1, now(), 1, now() + make_interval(secs => ?2))
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at""")
        .setParameter(1, key)
        .setParameter(2, seconds)
        .executeUpdate();
  }

  /**
   * Counts one more for {@code key} in a window of {@code windowSeconds} that starts with its first
   * count; a count after the window has ended starts the next one.
   */
  private Counter window(String key, long windowSeconds) {
    Object[] r =
        (Object[])
            sql("""
                INSERT INTO rate_limits AS r (key, window_start, count, expires_at)
                VALUES (?1, now(), 1, now() + make_interval(secs => ?2))
                ON CONFLICT (key) DO UPDATE SET
                    window_start = CASE WHEN r.expires_at <= now()
                        THEN EXCLUDED.window_start ELSE r.window_start END,
                    count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
                    expires_at = CASE WHEN r.expires_at <= now()
                        THEN EXCLUDED.expires_at ELSE r.expires_at END
                RETURNING\s"""
                    + STATE)
                .setParameter(1, key)
                .setParameter(2, windowSeconds)
                .getSingleResult();
    return counter(key, r, 0);
  }

  /** Forgets {@code key}: a sign-in that succeeded clears its failures. */
  @Transactional
  public void forget(String key) {
    sql("DELETE FROM rate_limits WHERE key = ?1").setParameter(1, key).executeUpdate();
  }

  /**
   * Adds what one node counted since its last sync, all keys in one statement, and answers each
   * key's total over every node. The keys name their window (it is in the key), so a sum never
   * crosses windows.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Map<String, Integer> addAll(List<Delta> deltas) {
    if (deltas.isEmpty()) {
      return Map.of();
    }
    JsonArrayBuilder json = Json.createArrayBuilder();
    for (Delta d : deltas) {
      json.add(
          Json.createObjectBuilder()
              .add("k", d.key())
              .add("n", d.count())
              .add("s", d.windowStartEpoch())
              .add("e", d.windowEndEpoch()));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        sql("""
                INSERT INTO rate_limits AS r (key, window_start, count, expires_at)
                SELECT x.k, to_timestamp(x.s), x.n, to_timestamp(x.e)
                FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS x(k text, n int, s bigint, e bigint)
                ON CONFLICT (key) DO UPDATE SET count = r.count + EXCLUDED.count
                RETURNING key, count""")
            .setParameter(1, json.build().toString())
            .getResultList();
    Map<String, Integer> totals = new HashMap<>();
    for (Object[] r : rows) {
      totals.put((String) r[0], ((Number) r[1]).intValue());
    }
    return totals;
  }

  /**
   * Deletes the rows that have meant nothing for a minute (expired windows, ended blocks); each
   * node calls it once a minute, which keeps the table near one minute's worth of keys.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int purge() {
    return sql("DELETE FROM rate_limits WHERE expires_at < now() - interval '1 minute'")
        .executeUpdate();
  }

  private static Counter counter(String key, Object[] r, int offset) {
    return new Counter(
        key,
        ((Number) r[offset]).intValue(),
        Math.max(0, ((Number) r[offset + 1]).longValue()),
        Math.max(0, ((Number) r[offset + 2]).longValue()));
  }

  private Query sql(String statement) {
    // A platform table (keys name their tenant), so EclipseLink's tenant filter does not apply.
    return em.createNativeQuery(statement).setHint("eclipselink.jdbc.allow-native-sql-query", true);
  }
}
