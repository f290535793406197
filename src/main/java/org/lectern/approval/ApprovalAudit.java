package org.lectern.approval;

import jakarta.enterprise.context.ApplicationScoped;
import org.lectern.audit.EntityAudit;

/** Approvals as the audit trail records them. */
@ApplicationScoped
public class ApprovalAudit extends EntityAudit {

  public ApprovalAudit() {
    super("approval", Approval.class);
  }
}
