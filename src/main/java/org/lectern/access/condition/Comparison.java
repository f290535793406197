package org.lectern.access.condition;

import java.util.Objects;

/** One leaf of a condition: an attribute, an operator and the value it is compared with. */
record Comparison(FieldPath field, Operator operator, Operand value) implements Condition {

  Comparison {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public boolean test(Attributes attributes) {
    return operator.apply(attributes.lookup(field), value.resolve(attributes));
  }

  @Override
  public String toString() {
    return field + " " + operator.token() + " " + value;
  }
}
