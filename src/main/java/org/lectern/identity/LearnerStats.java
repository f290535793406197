package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;
import org.lectern.tenancy.Tenants;

/**
 * The learner fields of {@code users} (the seed's total_reading_time, books_completed, streaks and
 * last_active_at), as the learning record keeps them: it computes them, this writes them, since the
 * users table is identity's. Callers own the transaction.
 */
@ApplicationScoped
public class LearnerStats {

  /** What one batch of reading changes: sums added, streaks and activity replaced. */
  public record Change(
      long secondsAdded,
      int booksCompletedAdded,
      int currentStreak,
      int longestStreak,
      Instant streakLapsesAt,
      Instant lastReadAt) {}

  /** A learner as teacher views show them. */
  public record Shown(
      UUID id,
      String displayName,
      long totalReadingTime,
      int booksCompleted,
      int currentStreak,
      int longestStreak,
      Instant lastActiveAt) {}

  @Inject TenantEntityManager tem;

  /**
   * Locks the learner's row until the transaction ends, so one learner's record is written by one
   * transaction at a time (streaks read what the previous one wrote), and answers the zone their
   * days are counted in: their own, else the school's. Empty when no such user is in the school.
   * One statement.
   */
  public Optional<ZoneId> lockLearner(UUID userId) {
    return zone(userId, " FOR UPDATE OF u");
  }

  /** The zone a user's days are counted in, without locking; empty when no such user. */
  public Optional<ZoneId> zoneOf(UUID userId) {
    return zone(userId, "");
  }

  private Optional<ZoneId> zone(UUID userId, String lock) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                Tenants.stateWith(
                        ", coalesce(u.time_zone, t.time_zone)",
                        " JOIN users u ON u.tenant_id = t.id AND u.id = CAST(?2 AS uuid)")
                    + lock)
            .setParameter(2, userId.toString())
            .getResultList();
    return rows.stream().findFirst().map(r -> TimeZones.zone((String) r[Tenants.STATE_COLUMNS]));
  }

  /** Applies a batch's change to the learner's fields. One statement. */
  public void record(UUID userId, Change c) {
    tem.sql(
            "UPDATE users SET total_reading_time = total_reading_time + ?3,"
                + " books_completed = books_completed + ?4,"
                + " current_streak = ?5, longest_streak = ?6,"
                + " streak_lapses_at = CAST(?7 AS timestamptz),"
                + " last_active_at = greatest(last_active_at, CAST(?8 AS timestamptz))"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, userId.toString())
        .setParameter(3, c.secondsAdded())
        .setParameter(4, c.booksCompletedAdded())
        .setParameter(5, c.currentStreak())
        .setParameter(6, c.longestStreak())
        .setParameter(7, c.streakLapsesAt() == null ? null : c.streakLapsesAt().toString())
        .setParameter(8, c.lastReadAt() == null ? null : c.lastReadAt().toString())
        .executeUpdate();
  }

  /** These users of the school as teacher views show them, by id. One statement. */
  public Map<UUID, Shown> shown(Collection<UUID> userIds) {
    Map<UUID, Shown> out = new HashMap<>();
    if (userIds.isEmpty()) {
      return out;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT id, display_name, total_reading_time, books_completed,"
                    + " CASE WHEN streak_lapses_at > now() THEN current_streak ELSE 0 END,"
                    + " longest_streak, last_active_at"
                    + " FROM users WHERE tenant_id = ?1 AND id = ANY (CAST(?2 AS uuid[]))")
            .setParameter(2, Ids.sqlArray(userIds))
            .getResultList();
    for (Object[] r : rows) {
      UUID id = (UUID) r[0];
      out.put(
          id,
          new Shown(
              id,
              (String) r[1],
              ((Number) r[2]).longValue(),
              ((Number) r[3]).intValue(),
              ((Number) r[4]).intValue(),
              ((Number) r[5]).intValue(),
              SqlValues.instant(r[6])));
    }
    return out;
  }
}
