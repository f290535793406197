package org.lectern.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.lectern.access.condition.Attributes;
import org.lectern.identity.Caller;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantContext;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The only place access decisions are made. jCasbin evaluates the caller's RBAC grants in the
 * tenant's domain together with the tenant's ABAC rules: default deny, the highest-priority
 * matching rule decides, deny beats allow at equal priority.
 *
 * <p>Resources call {@link #requireVisible} before anything else on an existing object (so what a
 * caller may not read is 404, never 403) and {@link #require} for the action itself.
 */
@ApplicationScoped
public class AccessControl {

  @Inject TenantContext tenant;
  @Inject Caller caller;
  @Inject TenantEnforcers enforcers;
  @Inject TenantEntityManager tem;
  @Inject DefaultPolicies defaults;
  @Inject @Any Instance<UserAttributeSource> userAttributes;

  /** Whether the caller may do {@code action} to a {@code resource} with these attributes. */
  public boolean can(String resource, String action, Map<String, ?> resourceAttributes) {
    UUID tenantId = tenant.require();
    SyncedEnforcer enforcer = enforcers.forTenant(tenantId, policyVersion(tenantId));
    String domain = tenantId.toString();
    String subject = subject();
    Map<String, Object> user = new HashMap<>(caller.attributes());
    if (!caller.isPlatform()) {
      for (UserAttributeSource source : userAttributes) {
        user.putAll(source.attributesOf(caller.id()));
      }
    }
    user.put(
        "roles", caller.isPlatform() ? caller.platformRoles() : rolesOf(enforcer, subject, domain));
    return enforcer.enforce(
        subject, domain, resource, action, new Attributes(user, resourceAttributes));
  }

  /** 403 unless allowed. */
  public void require(String resource, String action, Map<String, ?> resourceAttributes) {
    if (!can(resource, action, resourceAttributes)) {
      throw LecternException.forbidden("You may not " + action + " this " + resource + ".");
    }
  }

  public void require(String resource, String action) {
    require(resource, action, Map.of());
  }

  /** 404 unless the caller may read the object: what one cannot see must not be probeable. */
  public void requireVisible(String resource, Map<String, ?> resourceAttributes) {
    if (!can(resource, "read", resourceAttributes)) {
      throw LecternException.notFound(resource);
    }
  }

  /**
   * Platform-level acts (provisioning, suspending tenants) by the platform roles' grants in {@code
   * policies/platform.csv}: super_admin may do everything, system_admin may read.
   */
  public void requirePlatform(String resource, String action) {
    boolean allowed =
        caller.isPlatform()
            && defaults.platformGrants().stream()
                .anyMatch(
                    g ->
                        caller.platformRoles().contains(g.role())
                            && (g.resource().equals("*") || g.resource().equals(resource))
                            && (g.action().equals("*") || g.action().equals(action)));
    if (!allowed) {
      throw LecternException.forbidden(
          "This needs a platform role that may " + action + " " + resource + ".");
    }
  }

  /** The caller's roles in the current tenant (for tokens and {@code /api/me}). */
  public List<String> rolesOfCaller() {
    UUID tenantId = tenant.require();
    SyncedEnforcer enforcer = enforcers.forTenant(tenantId, policyVersion(tenantId));
    return caller.isPlatform()
        ? caller.platformRoles()
        : rolesOf(enforcer, subject(), tenantId.toString());
  }

  private String subject() {
    if (caller.isPlatform()) {
      return caller.platformRoles().contains("super_admin") ? "super_admin" : "system_admin";
    }
    return caller.id().toString();
  }

  private static List<String> rolesOf(SyncedEnforcer enforcer, String subject, String domain) {
    return List.copyOf(enforcer.getRolesForUserInDomain(subject, domain));
  }

  private long policyVersion(UUID tenantId) {
    return tenant
        .policyVersion()
        .orElseGet(
            () -> {
              Object v =
                  tem.sql("SELECT policy_version FROM tenants WHERE id = ?1").getSingleResult();
              long version = ((Number) v).longValue();
              tenant.policyVersion(version);
              return version;
            });
  }
}
