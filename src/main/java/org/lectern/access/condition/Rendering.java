package org.lectern.access.condition;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Renders conditions and literal values as readable text for logs (see {@code toString()}). */
final class Rendering {

  private Rendering() {}

  static String join(List<Condition> members, String separator) {
    return members.stream()
        .map(Condition::toString)
        .collect(Collectors.joining(separator, "(", ")"));
  }

  static String literal(Object value) {
    if (value instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (value instanceof Collection<?> values) {
      return values.stream().map(Rendering::literal).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }
}
