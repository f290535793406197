package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.ApprovalSubject;
import org.lectern.audit.AuditState;
import org.lectern.audit.AuditSubject;
import org.lectern.tenancy.TenantEntityManager;

/** Stories as the audit trail and the approval workflow see them. */
@ApplicationScoped
public class StorySubject implements AuditSubject, ApprovalSubject {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;

  @Override
  public String entityType() {
    return StoryService.RESOURCE;
  }

  /** Deleted stories included: a deletion is recorded as the change of {@code deletedAt}. */
  @Override
  public Optional<Map<String, Object>> snapshot(UUID id) {
    return Optional.ofNullable(tem.get().find(Story.class, id)).map(AuditState::of);
  }

  @Override
  public Optional<Target> target(UUID id) {
    return Optional.ofNullable(tem.get().find(Story.class, id))
        .filter(s -> !s.isDeleted())
        .filter(s -> access.can(StoryService.RESOURCE, "read", s.attributes()))
        .map(s -> new Target(s.attributes(), s.version(), s.createdBy()));
  }
}
