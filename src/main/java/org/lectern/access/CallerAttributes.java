package org.lectern.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.lectern.context.Caller;

/**
 * What access decisions need to know about the caller, worked out once per request instead of once
 * per decision (a list of fifty stories asks about each of them): the tenant's rules, the caller's
 * subject and roles, and what ABAC conditions read as {@code user.*}. Worked out again when a
 * {@code runAs} scope changes the caller, the tenant or its rules' version.
 */
@RequestScoped
class CallerAttributes {

  /**
   * @param rules the tenant's rules at the request's policy version
   * @param subject what the model calls {@code r.sub}: the user id, or a platform role
   * @param domain the tenant id as the model's domain
   * @param user what conditions read as {@code user.*}; unmodifiable
   * @param subjects the subject and every role it has in the domain
   */
  record Scope(
      TenantRules rules,
      String subject,
      String domain,
      Map<String, Object> user,
      Set<String> subjects) {}

  private Caller caller;
  private UUID tenantId;
  private long policyVersion;
  private Scope scope;

  Scope of(Caller caller, UUID tenantId, long policyVersion, Supplier<Scope> build) {
    if (scope == null
        || caller != this.caller
        || !tenantId.equals(this.tenantId)
        || policyVersion != this.policyVersion) {
      scope = build.get();
      this.caller = caller;
      this.tenantId = tenantId;
      this.policyVersion = policyVersion;
    }
    return scope;
  }
}
