package org.lectern.access.condition;

import java.util.List;

/** True when every member is true; evaluates left to right and stops at the first false. */
record AllOf(List<Condition> members) implements Condition {

  AllOf {
    members = List.copyOf(members);
  }

  @Override
  public boolean test(Attributes attributes) {
    // Indexed loop: no iterator per evaluation.
    for (int i = 0, n = members.size(); i < n; i++) {
      if (!members.get(i).test(attributes)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return Rendering.join(members, " and ");
  }
}
