package org.lectern.access.condition;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The comparison operators of the seed's {@code PolicyCondition}; semantics live in {@link Values}.
 */
enum Operator {
  EQ("eq"),
  NE("ne"),
  IN("in"),
  NIN("nin"),
  GT("gt"),
  LT("lt"),
  CONTAINS("contains");

  /** "eq, ne, in, nin, gt, lt, contains", for messages to admins. */
  static final String TOKENS =
      Arrays.stream(values()).map(Operator::token).collect(Collectors.joining(", "));

  private final String token;

  Operator(String token) {
    this.token = token;
  }

  String token() {
    return token;
  }

  static Optional<Operator> fromToken(String token) {
    for (Operator operator : values()) {
      if (operator.token.equals(token)) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }

  boolean apply(Object left, Object right) {
    switch (this) {
      case EQ:
        return Values.equal(left, right);
      case NE:
        return !Values.equal(left, right);
      case IN:
        return Values.in(left, right);
      case NIN:
        return !Values.in(left, right);
      case GT:
        return Values.greaterThan(left, right);
      case LT:
        return Values.lessThan(left, right);
      case CONTAINS:
        return Values.contains(left, right);
      default:
        throw new AssertionError(this);
    }
  }
}
