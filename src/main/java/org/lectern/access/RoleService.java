package org.lectern.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lectern.access.AccessDtos.Permission;
import org.lectern.access.AccessDtos.RoleView;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;
import org.lectern.tenancy.Tenants;

/**
 * Roles, their grants, and who holds them, in the current tenant. Every change bumps the tenant's
 * policy version in the same transaction, so it holds from the next request on.
 */
@ApplicationScoped
@Transactional
public class RoleService {

  /** The roles every tenant has. */
  public static final List<String> SYSTEM_ROLES = List.of("admin", "teacher", "student");

  @Inject TenantEntityManager tem;
  @Inject Tenants tenants;
  @Inject DefaultPolicies defaults;
  @Inject AccessControl access;

  /** Gives a new tenant its system roles and their default grants. Idempotent. */
  public void provisionDefaults() {
    Map<String, Role> byName = byName();
    for (String name : SYSTEM_ROLES) {
      if (!byName.containsKey(name)) {
        Role role = new Role(name, null, true);
        tem.get().persist(role);
        byName.put(name, role);
      }
    }
    tem.get().flush();
    for (DefaultPolicies.Grant g : defaults.tenantGrants()) {
      Role role = byName.get(g.role());
      if (role == null) {
        throw new IllegalStateException("policies/roles.csv names unknown role " + g.role());
      }
      insertGrant(role.id(), new Permission(g.resource(), g.action()));
    }
    bumpPolicyVersion();
  }

  public List<RoleView> list() {
    access.require("role", "read");
    List<Role> roles =
        tem.get().createQuery("SELECT r FROM Role r ORDER BY r.name", Role.class).getResultList();
    Map<UUID, List<Permission>> grants = grantsByRole();
    return roles.stream().map(r -> view(r, grants.getOrDefault(r.id(), List.of()))).toList();
  }

  public RoleView get(UUID id) {
    access.require("role", "read");
    return view(id);
  }

  private RoleView view(UUID id) {
    Role role = find(id);
    return view(role, grantsByRole().getOrDefault(role.id(), List.of()));
  }

  @Audited(action = AuditAction.CREATE, entity = "role")
  public RoleView create(AccessDtos.RoleRequest request) {
    access.require("role", "manage");
    return insert(request);
  }

  public boolean exists(String name) {
    return byName().containsKey(name);
  }

  /** Creates a role without an access check: manifests. */
  @Audited(action = AuditAction.CREATE, entity = "role")
  public RoleView createUnchecked(AccessDtos.RoleRequest request) {
    return insert(request);
  }

  private RoleView insert(AccessDtos.RoleRequest request) {
    if (byName().containsKey(request.name())) {
      throw LecternException.conflict(
          "role.name-taken", "A role named '" + request.name() + "' exists.");
    }
    Role role = new Role(request.name(), request.description(), false);
    tem.get().persist(role);
    tem.get().flush();
    replaceGrants(role, request.grants());
    return view(role.id());
  }

  @Audited(action = AuditAction.POLICY_CHANGED, entity = "role")
  public RoleView update(@EntityId UUID id, AccessDtos.RoleUpdate request, Long ifMatch) {
    access.require("role", "manage");
    Role role = find(id);
    ETags.requireMatch(ifMatch, role.version());
    role.describe(request.description());
    tem.get().flush();
    replaceGrants(role, request.grants());
    return view(role.id());
  }

  @Audited(action = AuditAction.DELETE, entity = "role")
  public void delete(@EntityId UUID id) {
    access.require("role", "manage");
    Role role = find(id);
    role.checkDeletable();
    tem.get().remove(role);
    bumpPolicyVersion();
  }

  /** Replaces a user's roles with these (by name); an unknown name is a 400 and changes nothing. */
  public void assignRoles(UUID userId, Collection<String> roleNames) {
    Map<String, Role> byName = byName();
    List<String> unknown = roleNames.stream().filter(n -> !byName.containsKey(n)).toList();
    if (!unknown.isEmpty()) {
      throw LecternException.invalid("roles", "unknown role(s): " + String.join(", ", unknown));
    }
    tem.sql("DELETE FROM user_roles WHERE tenant_id = ?1 AND user_id = ?2")
        .setParameter(2, userId)
        .executeUpdate();
    for (String name : new LinkedHashSet<>(roleNames)) {
      tem.sql("INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES (?1, ?2, ?3)")
          .setParameter(2, userId)
          .setParameter(3, byName.get(name).id())
          .executeUpdate();
    }
    bumpPolicyVersion();
  }

  /** Replaces a user's direct grants. */
  public void setUserPermissions(UUID userId, List<Permission> permissions) {
    checkKnown(permissions);
    tem.sql("DELETE FROM user_permissions WHERE tenant_id = ?1 AND user_id = ?2")
        .setParameter(2, userId)
        .executeUpdate();
    for (Permission p : new LinkedHashSet<>(permissions)) {
      tem.sql(
              "INSERT INTO user_permissions (tenant_id, user_id, resource, action) VALUES (?1, ?2, ?3, ?4)")
          .setParameter(2, userId)
          .setParameter(3, p.resource())
          .setParameter(4, p.action())
          .executeUpdate();
    }
    bumpPolicyVersion();
  }

  @SuppressWarnings("unchecked")
  public List<Permission> userPermissions(UUID userId) {
    List<Object[]> rows =
        tem.sql(
                "SELECT resource, action FROM user_permissions WHERE tenant_id = ?1 AND user_id = ?2 ORDER BY 1, 2")
            .setParameter(2, userId)
            .getResultList();
    return rows.stream().map(r -> new Permission((String) r[0], (String) r[1])).toList();
  }

  /** Role names per user, for many users in one query (lists of users). */
  @SuppressWarnings("unchecked")
  public Map<UUID, List<String>> roleNames(Collection<UUID> userIds) {
    Map<UUID, List<String>> out = new LinkedHashMap<>();
    if (userIds.isEmpty()) {
      return out;
    }
    List<Object[]> rows =
        tem.sql(
                """
                SELECT ur.user_id, r.name FROM user_roles ur
                JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
                WHERE ur.tenant_id = ?1 AND ur.user_id = ANY (CAST(?2 AS uuid[]))
                ORDER BY r.name""")
            .setParameter(2, Ids.sqlArray(userIds))
            .getResultList();
    for (Object[] row : rows) {
      out.computeIfAbsent(UUID.fromString(row[0].toString()), k -> new ArrayList<>())
          .add((String) row[1]);
    }
    return out;
  }

  public List<String> roleNames(UUID userId) {
    return roleNames(List.of(userId)).getOrDefault(userId, List.of());
  }

  /** Marks the tenant's access rules as changed; see {@link TenantEnforcers}. */
  public void bumpPolicyVersion() {
    tenants.bumpPolicyVersion();
  }

  private void replaceGrants(Role role, List<Permission> grants) {
    checkKnown(grants);
    tem.sql("DELETE FROM role_permissions WHERE tenant_id = ?1 AND role_id = ?2")
        .setParameter(2, role.id())
        .executeUpdate();
    for (Permission p : new LinkedHashSet<>(grants)) {
      insertGrant(role.id(), p);
    }
    bumpPolicyVersion();
  }

  private void insertGrant(UUID roleId, Permission p) {
    tem.sql(
            """
            INSERT INTO role_permissions (tenant_id, role_id, resource, action) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT DO NOTHING""")
        .setParameter(2, roleId)
        .setParameter(3, p.resource())
        .setParameter(4, p.action())
        .executeUpdate();
  }

  /** Grants must name a permission of the catalogue, so a typo cannot create a dead grant. */
  @SuppressWarnings("unchecked")
  private void checkKnown(List<Permission> permissions) {
    List<Object[]> rows = tem.globalSql("SELECT resource, action FROM permissions").getResultList();
    Set<Permission> known = new LinkedHashSet<>();
    rows.forEach(r -> known.add(new Permission((String) r[0], (String) r[1])));
    List<LecternException.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < permissions.size(); i++) {
      if (!known.contains(permissions.get(i))) {
        errors.add(
            new LecternException.FieldError(
                "grants[" + i + "]",
                "unknown permission "
                    + permissions.get(i).resource()
                    + ":"
                    + permissions.get(i).action()));
      }
    }
    if (!errors.isEmpty()) {
      throw LecternException.invalid(
          "role.unknown-permission", "Some grants name no known permission.", errors);
    }
  }

  private Role find(UUID id) {
    Role role = tem.get().find(Role.class, id);
    if (role == null) {
      throw LecternException.notFound("role");
    }
    return role;
  }

  private Map<String, Role> byName() {
    Map<String, Role> out = new LinkedHashMap<>();
    tem.get()
        .createQuery("SELECT r FROM Role r", Role.class)
        .getResultList()
        .forEach(r -> out.put(r.name(), r));
    return out;
  }

  /** A role's grants as "resource:action", for the audit trail. */
  List<String> grantNames(UUID roleId) {
    return grantsByRole().getOrDefault(roleId, List.of()).stream()
        .map(p -> p.resource() + ":" + p.action())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private Map<UUID, List<Permission>> grantsByRole() {
    List<Object[]> rows =
        tem.sql(
                "SELECT role_id, resource, action FROM role_permissions WHERE tenant_id = ?1 ORDER BY 2, 3")
            .getResultList();
    Map<UUID, List<Permission>> out = new LinkedHashMap<>();
    for (Object[] r : rows) {
      out.computeIfAbsent(UUID.fromString(r[0].toString()), k -> new ArrayList<>())
          .add(new Permission((String) r[1], (String) r[2]));
    }
    return out;
  }

  private static RoleView view(Role r, List<Permission> grants) {
    return new RoleView(r.id(), r.name(), r.description(), r.isSystem(), grants, r.version());
  }
}
