package org.lectern.access.condition;

/** The condition of a rule without conditions; exposed as {@link Condition#ALWAYS}. */
enum Always implements Condition {
  INSTANCE;

  @Override
  public boolean test(Attributes attributes) {
    return true;
  }

  @Override
  public String toString() {
    return "always";
  }
}
