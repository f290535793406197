package org.lectern.access.condition;

import java.util.Objects;

/** The right-hand side of a comparison: a fixed value, or another attribute read at test time. */
sealed interface Operand {

  Object resolve(Attributes attributes);

  /**
   * A value written in the rule: {@code String}, {@code BigDecimal}, {@code Boolean}, {@code null}
   * or an unmodifiable {@code List} of those.
   */
  record Literal(Object value) implements Operand {

    @Override
    public Object resolve(Attributes attributes) {
      return value;
    }

    @Override
    public String toString() {
      return Rendering.literal(value);
    }
  }

  /** A dynamic reference such as {@code user.readingLevel}, resolved on every evaluation. */
  record Reference(FieldPath path) implements Operand {

    public Reference {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Object resolve(Attributes attributes) {
      return attributes.lookup(path);
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }
}
