package org.lectern.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.audit.AuditState;
import org.lectern.audit.AuditSubject;
import org.lectern.tenancy.TenantEntityManager;

/** Approvals as the audit trail records them. */
@ApplicationScoped
public class ApprovalAudit implements AuditSubject {

  @Inject TenantEntityManager tem;

  @Override
  public String entityType() {
    return "approval";
  }

  @Override
  public Optional<Map<String, Object>> snapshot(UUID id) {
    return Optional.ofNullable(tem.get().find(Approval.class, id)).map(AuditState::of);
  }
}
