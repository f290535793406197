package org.lectern.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.audit.AuditState;
import org.lectern.audit.AuditSubject;
import org.lectern.tenancy.Tenants;

/** Tenants as the platform's audit chain records them. */
@ApplicationScoped
public class TenantAudit implements AuditSubject {

  @Inject Tenants tenants;

  @Override
  public String entityType() {
    return "tenant";
  }

  @Override
  public Optional<Map<String, Object>> snapshot(UUID id) {
    return tenants.byId(id).map(AuditState::of);
  }
}
