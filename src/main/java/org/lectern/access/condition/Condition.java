package org.lectern.access.condition;

/**
 * A parsed ResourcePolicy condition: a yes/no question about a user and a resource.
 *
 * <p>Conditions come only from {@link ConditionParser} (or {@link #ALWAYS}); the interface is
 * sealed so that every instance is one of the parser's immutable nodes and can be cached and shared
 * between threads without further thought. {@code toString()} renders the condition as a readable
 * expression for logs and audit records; it is not meant to be parsed back.
 */
public sealed interface Condition permits Always, AllOf, AnyOf, Not, Comparison {

  /** The condition of a rule that has none: true for every user and resource. */
  Condition ALWAYS = Always.INSTANCE;

  /** Same as {@link #ALWAYS}, for call sites that read better with a factory. */
  static Condition always() {
    return ALWAYS;
  }

  /**
   * Evaluates this condition. Never throws for any attribute values; a comparison that does not
   * make sense for the values at hand is simply false (see {@link ConditionParser} for the rules).
   *
   * @param attributes the user's and the resource's attributes; not null
   */
  boolean test(Attributes attributes);
}
