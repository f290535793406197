package org.lectern.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.audit.AuditState;
import org.lectern.audit.AuditSubject;
import org.lectern.audit.EntityAudit;
import org.lectern.tenancy.TenantEntityManager;

/** Roles (with their grants) and ABAC policies as the audit trail records them. */
public final class AccessAudit {

  private AccessAudit() {}

  /** A role and its grants. */
  @ApplicationScoped
  public static class Roles implements AuditSubject {

    @Inject TenantEntityManager tem;
    @Inject RoleService roles;

    @Override
    public String entityType() {
      return "role";
    }

    @Override
    public Optional<Map<String, Object>> snapshot(UUID id) {
      return Optional.ofNullable(tem.get().find(Role.class, id))
          .map(
              role -> {
                Map<String, Object> state = AuditState.of(role);
                state.put("grants", roles.grantNames(id));
                return state;
              });
    }
  }

  /** An ABAC ResourcePolicy rule. */
  @ApplicationScoped
  public static class Policies extends EntityAudit {
    public Policies() {
      super("policy", ResourcePolicy.class);
    }
  }
}
