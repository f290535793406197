package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lectern.ai.AiDtos.QuotaView;
import org.lectern.context.RequestContext;
import org.lectern.identity.TimeZones;
import org.lectern.platform.RateLimited;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.TenantEntityManager;
import org.lectern.tenancy.Tenants;

/**
 * Each school's AI jobs per calendar month, in the school's time zone (its {@code timeZone}, UTC
 * unless the school named one). The limit is the school's own ({@code ai_settings}, set with {@code
 * PUT /api/ai-content/quota}) or else the platform default {@code lectern.ai.monthly-jobs} (env
 * {@code LECTERN_AI_MONTHLY_JOBS}, 100). A job is counted when it is requested, by one conditional
 * upsert in the request's transaction, so racing requests never pass the limit together and a
 * request that fails later counts nothing.
 */
@ApplicationScoped
public class AiQuotas {

  static final int DEFAULT_MONTHLY_JOBS = 100;

  private final int platformDefault =
      ConfigProvider.getConfig()
          .getOptionalValue("lectern.ai.monthly-jobs", Integer.class)
          .orElse(DEFAULT_MONTHLY_JOBS);

  @Inject TenantEntityManager tem;
  @Inject Tenants tenants;
  @Inject RequestContext context;

  /** A month of the school's calendar: its first day and when the next one starts. */
  record Month(LocalDate first, ZoneId zone, Instant resetsAt) {
    static Month of(Instant at, ZoneId zone) {
      LocalDate first = at.atZone(zone).toLocalDate().withDayOfMonth(1);
      return new Month(first, zone, first.plusMonths(1).atStartOfDay(zone).toInstant());
    }
  }

  /** 429 {@code ai.quota-exceeded} with {@code Retry-After} and the moment the month ends. */
  static final class Exceeded extends RateLimited {
    private final Instant resetsAt;

    Exceeded(int limit, Month month) {
      super(
          "ai.quota-exceeded",
          "The school has used its "
              + limit
              + " AI jobs of this month; the quota resets at "
              + month.resetsAt()
              + ".",
          limit,
          Math.max(1, month.resetsAt().getEpochSecond() - Instant.now().getEpochSecond()));
      this.resetsAt = month.resetsAt();
    }

    @Override
    public Map<String, String> members() {
      return Map.of("resetsAt", resetsAt.toString());
    }
  }

  /** Counts one job against this month's quota, or refuses it with 429. One statement. */
  @Transactional(Transactional.TxType.MANDATORY)
  void take() {
    Month month = month(Instant.now());
    @SuppressWarnings("unchecked")
    List<Object> counted =
        tem.sql(
                "INSERT INTO ai_usage AS u (tenant_id, month, jobs)"
                    + " SELECT ?1, CAST(?2 AS date), 1 WHERE "
                    + LIMIT
                    + " > 0"
                    + " ON CONFLICT (tenant_id, month) DO UPDATE SET jobs = u.jobs + 1"
                    + " WHERE u.jobs < "
                    + LIMIT
                    + " RETURNING u.jobs")
            .setParameter(2, month.first().toString())
            .setParameter(3, platformDefault)
            .getResultList();
    if (counted.isEmpty()) {
      throw new Exceeded(limit(), month);
    }
  }

  /** A job cancelled before it ran gives its unit back to the month it was counted in. */
  @Transactional(Transactional.TxType.MANDATORY)
  void giveBack(Instant requestedAt) {
    tem.sql(
            "UPDATE ai_usage SET jobs = jobs - 1 WHERE tenant_id = ?1 AND month = CAST(?2 AS date)"
                + " AND jobs > 0")
        .setParameter(2, month(requestedAt).first().toString())
        .executeUpdate();
  }

  /** This month's use. */
  @Transactional(Transactional.TxType.SUPPORTS)
  QuotaView view() {
    Month month = month(Instant.now());
    Object[] row =
        (Object[])
            tem.sql(
                    "SELECT (SELECT monthly_jobs FROM ai_settings WHERE tenant_id = ?1),"
                        + " coalesce((SELECT jobs FROM ai_usage WHERE tenant_id = ?1"
                        + " AND month = CAST(?2 AS date)), 0)")
                .setParameter(2, month.first().toString())
                .getSingleResult();
    int limit = row[0] == null ? platformDefault : ((Number) row[0]).intValue();
    int used = ((Number) row[1]).intValue();
    return new QuotaView(
        month.first(),
        month.zone().getId(),
        limit,
        used,
        Math.max(0, limit - used),
        row[0] == null ? "platform" : "school",
        month.resetsAt());
  }

  /** Sets the school's own quota, or (null) returns it to the platform default. */
  @Transactional(Transactional.TxType.MANDATORY)
  void set(Integer monthlyJobs) {
    if (monthlyJobs == null) {
      tem.sql("DELETE FROM ai_settings WHERE tenant_id = ?1").executeUpdate();
      return;
    }
    tem.sql(
            "INSERT INTO ai_settings (tenant_id, monthly_jobs, updated_by) VALUES"
                + " (?1, ?2, CAST(?3 AS uuid)) ON CONFLICT (tenant_id) DO UPDATE SET"
                + " monthly_jobs = EXCLUDED.monthly_jobs, updated_by = EXCLUDED.updated_by,"
                + " updated_at = now()")
        .setParameter(2, monthlyJobs)
        .setParameter(3, context.caller().id().toString())
        .executeUpdate();
  }

  /** The school's limit: its own, else the platform's ({@code ?3}). */
  private static final String LIMIT =
      "coalesce((SELECT monthly_jobs FROM ai_settings WHERE tenant_id = ?1), ?3)";

  private int limit() {
    Object own =
        tem
            .sql("SELECT monthly_jobs FROM ai_settings WHERE tenant_id = ?1")
            .getResultList()
            .stream()
            .findFirst()
            .orElse(null);
    return own == null ? platformDefault : ((Number) own).intValue();
  }

  private Month month(Instant at) {
    return Month.of(at, zone());
  }

  private ZoneId zone() {
    return TimeZones.zone(tenants.byId(context.tenant()).map(Tenant::timeZone).orElse(null));
  }
}
