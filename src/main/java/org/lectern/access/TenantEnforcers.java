package org.lectern.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.model.Model;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lectern.access.condition.Condition;
import org.lectern.access.condition.ConditionParser;
import org.lectern.tenancy.TenantEntityManager;

/**
 * One thread-safe jCasbin enforcer per tenant, holding that tenant's rules only, so a decision
 * never scans another school's grants and costs the same with ten tenants or ten thousand.
 *
 * <p>Every change to a tenant's roles, grants, role assignments or policies bumps {@code
 * tenants.policy_version} in the same transaction. Enforcers are cached by tenant and version, so a
 * request that sees a newer version builds the new enforcer and the change holds from the next
 * request on, on every node; the old one ages out of the cache.
 */
@ApplicationScoped
public class TenantEnforcers {

  private static final Logger LOG = Logger.getLogger(TenantEnforcers.class.getName());

  @Inject TenantEntityManager tem;
  @Inject DefaultPolicies defaults;

  /** Enforcers of the most recently active tenants; others are rebuilt on their next request. */
  @Inject
  @ConfigProperty(name = "lectern.access.cached-tenants", defaultValue = "2000")
  int cachedTenants;

  private EnforcerCache<TenantRules> cache;
  private SyncedEnforcer platform;

  @PostConstruct
  void init() {
    cache = new EnforcerCache<>(cachedTenants, this::build);
    List<Rule> rules = new ArrayList<>();
    for (DefaultPolicies.Grant g : defaults.platformGrants()) {
      rules.add(Rule.grant(g.role(), "*", g.resource(), g.action()));
    }
    platform = compile(defaults.model(), rules, List.of(), Map.of());
  }

  /** A tenant's rules at {@code version}, built once however many ask at once. */
  TenantRules forTenant(UUID tenantId, long version) {
    return cache.get(tenantId, version);
  }

  /** The platform roles' grants alone, for platform-level acts outside any tenant. */
  SyncedEnforcer platform() {
    return platform;
  }

  /**
   * Reads the tenant's rules as this transaction sees them. {@code version} names what was read;
   * the rows are those of the current tenant, which is the one asked for.
   */
  private TenantRules build(UUID tenantId, long version) {
    long started = System.nanoTime();
    EntityManager em = tem.get();
    String dom = tenantId.toString();
    List<Rule> rules = new ArrayList<>();
    for (DefaultPolicies.Grant g : defaults.platformGrants()) {
      rules.add(Rule.grant(g.role(), "*", g.resource(), g.action()));
    }
    for (Object[] row :
        rows(
            """
        SELECT r.name, rp.resource, rp.action FROM role_permissions rp
        JOIN roles r ON r.tenant_id = rp.tenant_id AND r.id = rp.role_id
        WHERE rp.tenant_id = ?1""")) {
      rules.add(Rule.grant((String) row[0], dom, (String) row[1], (String) row[2]));
    }
    for (Object[] row :
        rows("SELECT user_id, resource, action FROM user_permissions WHERE tenant_id = ?1")) {
      rules.add(Rule.grant(row[0].toString(), dom, (String) row[1], (String) row[2]));
    }
    Map<String, Condition> conditions = new HashMap<>();
    List<ResourcePolicy> policies =
        em.createQuery("SELECT p FROM ResourcePolicy p WHERE p.active = true", ResourcePolicy.class)
            .getResultList();
    for (ResourcePolicy p : policies) {
      String key = p.id().toString();
      conditions.put(key, ConditionParser.parse(p.conditions(), p.resource()));
      for (String action : p.actions()) {
        rules.add(
            new Rule(
                p.priority(),
                "*",
                dom,
                p.resource(),
                action,
                key,
                p.effect() == ResourcePolicy.Effect.allow));
      }
    }
    List<List<String>> groupings = new ArrayList<>();
    for (Object[] row :
        rows(
            """
        SELECT ur.user_id, r.name FROM user_roles ur
        JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
        WHERE ur.tenant_id = ?1""")) {
      groupings.add(List.of(row[0].toString(), (String) row[1], dom));
    }
    SyncedEnforcer enforcer = compile(defaults.model(), rules, groupings, conditions);
    long micros = (System.nanoTime() - started) / 1000;
    LOG.fine(
        () ->
            "Built access rules of tenant "
                + tenantId
                + " at version "
                + version
                + ": "
                + rules.size()
                + " rules, "
                + groupings.size()
                + " role assignments in "
                + micros
                + " us");
    return new TenantRules(enforcer, ordered(rules), conditions);
  }

  /** The rules in the order the enforcer evaluates them, each once. */
  static List<Rule> ordered(List<Rule> rules) {
    List<Rule> ordered = new ArrayList<>(new LinkedHashSet<>(rules));
    ordered.sort(Comparator.comparingInt(Rule::rank));
    return ordered;
  }

  /**
   * A ready enforcer from the model text, the rules (any order), the user-to-role assignments
   * ({@code user, role, tenant}) and the parsed conditions the ABAC rules name.
   */
  static SyncedEnforcer compile(
      String model,
      List<Rule> rules,
      List<List<String>> groupings,
      Map<String, Condition> conditions) {
    List<Rule> ordered = new ArrayList<>(rules);
    ordered.sort(Comparator.comparingInt(Rule::rank));
    LinkedHashSet<List<String>> policyLines = new LinkedHashSet<>();
    ordered.forEach(r -> policyLines.add(r.toPolicy()));
    SyncedEnforcer enforcer = new SyncedEnforcer(Model.newModelFromString(model));
    enforcer.addFunction("abac", new AbacFunction(conditions));
    if (!policyLines.isEmpty()) {
      enforcer.addNamedPolicies("p", new ArrayList<>(policyLines));
    }
    if (!groupings.isEmpty()) {
      enforcer.addNamedGroupingPolicies("g", new ArrayList<>(new LinkedHashSet<>(groupings)));
    }
    return enforcer;
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql) {
    return tem.sql(sql).getResultList();
  }
}
