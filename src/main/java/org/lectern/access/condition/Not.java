package org.lectern.access.condition;

import java.util.Objects;

/** True when the negated condition is false. */
record Not(Condition negated) implements Condition {

  Not {
    Objects.requireNonNull(negated, "negated");
  }

  @Override
  public boolean test(Attributes attributes) {
    return !negated.test(attributes);
  }

  @Override
  public String toString() {
    return "not (" + negated + ")";
  }
}
