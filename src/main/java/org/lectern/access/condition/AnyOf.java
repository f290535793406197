package org.lectern.access.condition;

import java.util.List;

/** True when at least one member is true; evaluates left to right and stops at the first true. */
record AnyOf(List<Condition> members) implements Condition {

  AnyOf {
    members = List.copyOf(members);
  }

  @Override
  public boolean test(Attributes attributes) {
    for (int i = 0, n = members.size(); i < n; i++) {
      if (members.get(i).test(attributes)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return Rendering.join(members, " or ");
  }
}
