package org.lectern.access;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.rbac.RoleManager;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.Condition;

/**
 * One tenant's access rules at one policy version: the jCasbin enforcer that holds the role
 * assignments (and is the reference the tests hold decisions to), the same rules in evaluation
 * order with their parsed conditions, from which list filters are compiled to SQL, and the {@link
 * RuleIndex} that decides single objects. All come from one read of the rules, so they agree.
 *
 * @param ordered the rules as the enforcer evaluates them: ascending rank, the first match decides
 * @param conditions the parsed conditions of the ABAC rules, by ResourcePolicy id
 * @param index the rules by resource type and action, for decisions
 */
record TenantRules(
    SyncedEnforcer enforcer,
    List<Rule> ordered,
    Map<String, Condition> conditions,
    RuleIndex index) {

  /** jCasbin's default role manager follows role-to-role links this many levels deep. */
  private static final int MAX_HIERARCHY_LEVEL = 10;

  TenantRules(SyncedEnforcer enforcer, List<Rule> ordered, Map<String, Condition> conditions) {
    this(enforcer, ordered, conditions, new RuleIndex(ordered, conditions));
  }

  TenantRules {
    ordered = List.copyOf(ordered);
    conditions = Map.copyOf(conditions);
  }

  /** The condition a rule must meet: always, for a plain grant. */
  Condition conditionOf(Rule rule) {
    return rule.condition().isEmpty() ? Condition.ALWAYS : conditions.get(rule.condition());
  }

  /**
   * What a rule's subject may name to apply to {@code subject} in {@code domain}: the subject
   * itself and every role it has there, directly or through other roles, as the model's {@code
   * g(r.sub, p.sub, r.dom)} sees it. Worked out once per request, not once per decision.
   */
  Set<String> subjectsOf(String subject, String domain) {
    RoleManager roles = enforcer.getRoleManager();
    Set<String> subjects = new HashSet<>();
    subjects.add(subject);
    Deque<String> level = new ArrayDeque<>(List.of(subject));
    for (int depth = 0; depth < MAX_HIERARCHY_LEVEL && !level.isEmpty(); depth++) {
      Deque<String> next = new ArrayDeque<>();
      for (String name : level) {
        for (String role : roles.getRoles(name, domain)) {
          if (subjects.add(role)) {
            next.add(role);
          }
        }
      }
      level = next;
    }
    return Set.copyOf(subjects);
  }

  /**
   * The decision of the model for a caller whose {@link #subjectsOf subjects} are given: the first
   * rule in evaluation order that matches decides; none matching means deny.
   */
  boolean decide(
      Set<String> subjects, String domain, String resource, String action, Attributes attributes) {
    return index.decide(subjects, domain, resource, action, attributes);
  }
}
