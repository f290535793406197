package org.lectern.access.condition;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A ResourcePolicy's conditions cannot be understood. Carries every problem found in the document,
 * not only the first, so that an admin can fix a rule in one round trip; the API maps the {@link
 * #violations()} to the {@code errors} of its problem+json answer.
 */
public final class ConditionSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * One problem in the conditions document.
   *
   * @param path where: a JSON pointer into the conditions document, such as {@code /1/operator} or
   *     {@code /and/0/field}; the empty string is the document itself
   * @param message what is wrong and how to fix it, as a sentence for a school admin
   */
  public record Violation(String path, String message) implements Serializable {

    public Violation {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return path.isEmpty() ? message : path + ": " + message;
    }
  }

  private final List<Violation> violations;

  /**
   * @param violations at least one
   */
  public ConditionSyntaxException(List<Violation> violations) {
    super(summary(violations));
    this.violations = List.copyOf(violations);
  }

  /** Every problem found, in the order the parser met them; never empty. */
  public List<Violation> violations() {
    return violations;
  }

  private static String summary(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a syntax exception needs at least one violation");
    }
    return "The conditions are not valid: "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
