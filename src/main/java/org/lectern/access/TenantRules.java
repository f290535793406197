package org.lectern.access;

import java.util.List;
import java.util.Map;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.lectern.access.condition.Condition;

/**
 * One tenant's access rules at one policy version: the jCasbin enforcer that decides single
 * objects, and the same rules in evaluation order with their parsed conditions, from which list
 * filters are compiled to SQL. Both come from one read of the rules, so they always agree.
 *
 * @param ordered the rules as the enforcer evaluates them: ascending rank, the first match decides
 * @param conditions the parsed conditions of the ABAC rules, by ResourcePolicy id
 */
record TenantRules(SyncedEnforcer enforcer, List<Rule> ordered, Map<String, Condition> conditions) {

  TenantRules {
    ordered = List.copyOf(ordered);
    conditions = Map.copyOf(conditions);
  }

  /** The condition a rule must meet: always, for a plain grant. */
  Condition conditionOf(Rule rule) {
    return rule.condition().isEmpty() ? Condition.ALWAYS : conditions.get(rule.condition());
  }
}
