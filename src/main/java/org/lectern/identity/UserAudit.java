package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.RoleService;
import org.lectern.audit.AuditState;
import org.lectern.audit.AuditSubject;

/**
 * Users as the audit trail records them: the profile (password masked), roles and direct grants.
 */
@ApplicationScoped
public class UserAudit implements AuditSubject {

  @Inject Accounts accounts;
  @Inject RoleService roles;

  @Override
  public String entityType() {
    return "user";
  }

  @Override
  public Optional<Map<String, Object>> snapshot(UUID id) {
    return accounts
        .user(id)
        .map(
            user -> {
              Map<String, Object> state = AuditState.of(user);
              state.put("roles", roles.roleNames(id));
              state.put(
                  "permissions",
                  roles.userPermissions(id).stream()
                      .map(p -> p.resource() + ":" + p.action())
                      .toList());
              return state;
            });
  }
}
