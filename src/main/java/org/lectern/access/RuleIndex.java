package org.lectern.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.Condition;

/**
 * A tenant's rules indexed by resource type and action, so a decision looks only at the rules that
 * can apply to it, in the order jCasbin's model evaluates them ({@code policies/model.conf}): the
 * first rule whose subject, domain, resource, action and condition match decides, and when none
 * does the answer is deny. Immutable once built; decisions take no lock and allocate nothing.
 *
 * <p>Each (resource, action) pair that some rule names has its own list of candidate rules: those
 * naming that resource or {@code *}, and that action or {@code *}, in rank order. A resource or
 * action that no rule names falls into the {@code *} lists, which hold the wildcard rules alone.
 */
final class RuleIndex {

  private static final String ANY = "*";

  /**
   * A candidate rule, flattened so a decision reads one object per rule: the domain and subject it
   * names (null for {@code *}), the condition it must meet (null: a condition that is missing,
   * which never holds), and its effect.
   */
  private record Entry(String domain, String subject, Condition condition, boolean allow) {

    static Entry of(Rule r, Map<String, Condition> conditions) {
      return new Entry(
          r.domain().equals(ANY) ? null : r.domain(),
          r.subject().equals(ANY) ? null : r.subject(),
          r.condition().isEmpty() ? Condition.ALWAYS : conditions.get(r.condition()),
          r.allow());
    }
  }

  private static final Entry[] NONE = new Entry[0];

  /** resource (or {@code *} for every other) to action (or {@code *}) to the candidates. */
  private final Map<String, Map<String, Entry[]>> byResource;

  /**
   * @param ordered the rules in evaluation order (ascending rank), each once
   * @param conditions the parsed conditions of the ABAC rules, by ResourcePolicy id
   */
  RuleIndex(List<Rule> ordered, Map<String, Condition> conditions) {
    Set<String> resources = new LinkedHashSet<>();
    Set<String> actions = new LinkedHashSet<>();
    resources.add(ANY);
    actions.add(ANY);
    for (Rule r : ordered) {
      resources.add(r.resource());
      actions.add(r.action());
    }
    Map<String, Map<String, Entry[]>> index = new HashMap<>();
    for (String resource : resources) {
      Map<String, Entry[]> byAction = new HashMap<>();
      for (String action : actions) {
        List<Entry> candidates = new ArrayList<>();
        for (Rule r : ordered) {
          if ((r.resource().equals(ANY) || r.resource().equals(resource))
              && (r.action().equals(ANY) || r.action().equals(action))) {
            candidates.add(Entry.of(r, conditions));
          }
        }
        byAction.put(action, candidates.isEmpty() ? NONE : candidates.toArray(NONE));
      }
      index.put(resource, Map.copyOf(byAction));
    }
    this.byResource = Map.copyOf(index);
  }

  /**
   * Whether {@code subjects} (the caller's subject and every role it has in {@code domain}) may do
   * {@code action} to a {@code resource} with these attributes.
   */
  boolean decide(
      Set<String> subjects, String domain, String resource, String action, Attributes attributes) {
    Map<String, Entry[]> byAction = byResource.get(resource);
    if (byAction == null) {
      byAction = byResource.get(ANY);
    }
    Entry[] candidates = byAction.get(action);
    if (candidates == null) {
      candidates = byAction.get(ANY);
    }
    for (Entry e : candidates) {
      if ((e.domain() == null || e.domain().equals(domain))
          && (e.subject() == null || subjects.contains(e.subject()))
          && e.condition() != null
          && e.condition().test(attributes)) {
        return e.allow();
      }
    }
    return false;
  }
}
