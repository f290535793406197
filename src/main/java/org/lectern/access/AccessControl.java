package org.lectern.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.rbac.RoleManager;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlCompiler;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.audit.AuditReaders;
import org.lectern.context.Caller;
import org.lectern.context.RequestContext;
import org.lectern.platform.LecternException;

/**
 * The only place access decisions are made, by the shipped jCasbin model ({@code
 * policies/model.conf}) over the caller's RBAC grants in the tenant's domain together with the
 * tenant's ABAC rules: default deny, the highest-priority matching rule decides, deny beats allow
 * at equal priority. Single objects are decided by the tenant's {@link RuleIndex}, which evaluates
 * that model over only the rules naming the resource type and action (jCasbin would scan them all);
 * the tests hold the two to the same answers. Platform-level acts are decided by the same model
 * over the platform roles' grants ({@code policies/platform.csv}).
 *
 * <p>Resources call {@link #requireVisible} before anything else on an existing object (so what a
 * caller may not read is 404, never 403) and {@link #require} for the action itself.
 */
@ApplicationScoped
public class AccessControl implements AuditReaders {

  /** The domain of platform-level acts, which belong to no tenant. */
  private static final String PLATFORM_DOMAIN = "platform";

  @Inject RequestContext current;
  @Inject TenantEnforcers enforcers;
  @Inject @Any Instance<UserAttributeSource> userAttributes;
  @Inject CallerAttributes callerAttributes;

  /** Whether the caller may do {@code action} to a {@code resource} with these attributes. */
  public boolean can(String resource, String action, Map<String, ?> resourceAttributes) {
    CallerAttributes.Scope s = scope();
    return s.rules()
        .decide(
            s.subjects(),
            s.domain(),
            resource,
            action,
            new Attributes(s.user(), resourceAttributes));
  }

  /**
   * The rows of a list the caller may read, as a SQL predicate over the list query's columns: the
   * same rules as {@link #can} with {@code read}, partially evaluated for this caller, so the query
   * returns exactly the visible rows. Rules that cannot match the caller disappear, grants that
   * always allow become {@code TRUE}. {@link SqlPredicate.Uncompilable} when a rule that matters
   * reads an attribute {@code columns} has no column for (or compares in a way SQL cannot say
   * exactly); the list then decides row by row with {@link #can}.
   *
   * @param columns the column of each resource attribute the list query can see
   */
  public SqlPredicate readFilter(String resource, Function<String, Optional<SqlColumn>> columns) {
    return filter(resource, "read", columns);
  }

  /**
   * As {@link #readFilter}, for another action: the rows on which the caller may do {@code action},
   * as a SQL predicate (a list that shows more to who may change the rows).
   */
  public SqlPredicate filter(
      String resource, String action, Function<String, Optional<SqlColumn>> columns) {
    CallerAttributes.Scope s = scope();
    return filter(s.rules(), s.subject(), s.domain(), resource, action, s.user(), columns);
  }

  /**
   * The read decision of {@code subject} over {@code resource} rows in {@code domain}: the rules
   * that can apply to the subject, in evaluation order, each condition partially evaluated.
   */
  static SqlPredicate readFilter(
      TenantRules rules,
      String subject,
      String domain,
      String resource,
      Map<String, ?> user,
      Function<String, Optional<SqlColumn>> columns) {
    return filter(rules, subject, domain, resource, "read", user, columns);
  }

  static SqlPredicate filter(
      TenantRules rules,
      String subject,
      String domain,
      String resource,
      String action,
      Map<String, ?> user,
      Function<String, Optional<SqlColumn>> columns) {
    RoleManager roles = rules.enforcer().getRoleManager();
    List<SqlPredicate> conditions = new ArrayList<>();
    List<Boolean> allows = new ArrayList<>();
    for (Rule rule : rules.ordered()) {
      if ((rule.domain().equals("*") || rule.domain().equals(domain))
          && (rule.resource().equals("*") || rule.resource().equals(resource))
          && (rule.action().equals("*") || rule.action().equals(action))
          && (rule.subject().equals("*") || roles.hasLink(subject, rule.subject(), domain))) {
        conditions.add(SqlCompiler.compile(rules.conditionOf(rule), user, columns));
        allows.add(rule.allow());
      }
    }
    return SqlPredicate.firstMatch(conditions, allows);
  }

  /**
   * The tenant's rules and what they need to know about the caller, worked out once per request and
   * scope: the subject, its roles, and what conditions read as {@code user.*} (the caller, what
   * other capabilities add, roles).
   */
  private CallerAttributes.Scope scope() {
    UUID tenantId = current.tenant();
    Caller caller = current.caller();
    long version = current.policyVersion();
    return callerAttributes.of(caller, tenantId, version, () -> scope(caller, tenantId, version));
  }

  private CallerAttributes.Scope scope(Caller caller, UUID tenantId, long version) {
    TenantRules rules = enforcers.forTenant(tenantId, version);
    String domain = tenantId.toString();
    String subject = subject(caller);
    Map<String, Object> user = new HashMap<>(caller.attributes());
    if (!caller.isPlatform()) {
      for (UserAttributeSource source : userAttributes) {
        user.putAll(source.attributesOf(caller.id()));
      }
    }
    user.put(
        "roles",
        caller.isPlatform() ? caller.platformRoles() : rolesOf(rules.enforcer(), subject, domain));
    return new CallerAttributes.Scope(
        rules,
        subject,
        domain,
        Collections.unmodifiableMap(user),
        rules.subjectsOf(subject, domain));
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
    Caller caller = current.caller();
    SyncedEnforcer platform = enforcers.platform();
    boolean allowed =
        caller.isPlatform()
            && caller.platformRoles().stream()
                .anyMatch(
                    role ->
                        platform.enforce(
                            role,
                            PLATFORM_DOMAIN,
                            resource,
                            action,
                            new Attributes(caller.attributes(), Map.of())));
    if (!allowed) {
      throw LecternException.forbidden(
          "This needs a platform role that may " + action + " " + resource + ".");
    }
  }

  /**
   * 403 for platform accounts: the school's own material and requests are made by the school's own
   * people, so that every author and requester is someone the school manages. {@code detail} says
   * what is refused.
   */
  public void requireSchoolMember(String detail) {
    if (current.caller().isPlatform()) {
      throw LecternException.forbidden(detail);
    }
  }

  @Override
  public void requireTenantChain() {
    require("audit", "read");
  }

  @Override
  public void requirePlatformChain() {
    requirePlatform("audit", "read");
  }

  /**
   * Whether the school user {@code userId} holds {@code role} in the current tenant (directly or
   * through a role that inherits it): who may be made a classroom's teacher.
   */
  public boolean hasRole(UUID userId, String role) {
    UUID tenantId = current.tenant();
    SyncedEnforcer enforcer = enforcers.forTenant(tenantId, current.policyVersion()).enforcer();
    return enforcer.getRoleManager().hasLink(userId.toString(), role, tenantId.toString());
  }

  /** The caller's roles in the current tenant (for tokens and {@code /api/me}). */
  public List<String> rolesOfCaller() {
    UUID tenantId = current.tenant();
    Caller caller = current.caller();
    if (caller.isPlatform()) {
      return caller.platformRoles();
    }
    return rolesOf(scope().rules().enforcer(), subject(caller), tenantId.toString());
  }

  private static String subject(Caller caller) {
    if (caller.isPlatform()) {
      return caller.platformRoles().contains("super_admin") ? "super_admin" : "system_admin";
    }
    return caller.id().toString();
  }

  private static List<String> rolesOf(SyncedEnforcer enforcer, String subject, String domain) {
    return List.copyOf(enforcer.getRolesForUserInDomain(subject, domain));
  }
}
