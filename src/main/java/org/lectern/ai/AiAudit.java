package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.audit.AuditSubject;
import org.lectern.tenancy.TenantEntityManager;

/** AI jobs and the school's AI quota as the audit trail sees them. */
public final class AiAudit {

  private AiAudit() {}

  /** A job: requested, run to success or failure, cancelled, approved or discarded. */
  @ApplicationScoped
  public static class Jobs implements AuditSubject {
    @Inject AiJobs jobs;

    @Override
    public String entityType() {
      return AiJobs.JOB;
    }

    @Override
    public Optional<Map<String, Object>> snapshot(UUID id) {
      return jobs.find(id).map(JobRows::auditState);
    }
  }

  /** The school's own monthly quota. */
  @ApplicationScoped
  public static class Quota implements AuditSubject {
    @Inject TenantEntityManager tem;

    @Override
    public String entityType() {
      return "ai-quota";
    }

    @Override
    public Optional<Map<String, Object>> snapshot(UUID id) {
      return tem
          .sql("SELECT monthly_jobs FROM ai_settings WHERE tenant_id = ?1")
          .getResultList()
          .stream()
          .findFirst()
          .map(n -> Map.of("monthlyJobs", (Object) ((Number) n).intValue()));
    }
  }
}
