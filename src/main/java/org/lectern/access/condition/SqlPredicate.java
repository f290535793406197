package org.lectern.access.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition, or a whole read decision, as a SQL predicate over a resource's columns: what is left
 * of it once everything about the user is known (partial evaluation). It is either a constant, SQL
 * text with positional {@code ?} parameters, or uncompilable (the caller then decides row by row in
 * memory, with the same rules).
 *
 * <p>Every SQL predicate made here is two-valued: it is never NULL for any row, so {@code NOT}
 * means exactly "the condition does not hold", as it does in memory.
 */
public sealed interface SqlPredicate {

  SqlPredicate TRUE = new Constant(true);
  SqlPredicate FALSE = new Constant(false);

  /** Holds for every row, or for none. */
  record Constant(boolean value) implements SqlPredicate {}

  /** SQL text with one {@code ?} per parameter, in order. */
  record Sql(String text, List<Object> params) implements SqlPredicate {
    public Sql {
      params = List.copyOf(params);
    }

    /**
     * The text with its parameters numbered {@code ?first}, {@code ?first+1}, ... for a native
     * query whose earlier parameters take the numbers below {@code first}.
     */
    public String numbered(int first) {
      StringBuilder out = new StringBuilder(text.length() + 8);
      int n = first;
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch == '?') {
          out.append('?').append(n++);
        } else {
          out.append(ch);
        }
      }
      return out.toString();
    }
  }

  /** Cannot be said in SQL (yet); {@code reason} names the part, for the log. */
  record Uncompilable(String reason) implements SqlPredicate {}

  static SqlPredicate of(boolean value) {
    return value ? TRUE : FALSE;
  }

  static SqlPredicate and(SqlPredicate a, SqlPredicate b) {
    if (a instanceof Constant c) {
      return c.value() ? b : FALSE;
    }
    if (b instanceof Constant c) {
      return c.value() ? a : FALSE;
    }
    if (a instanceof Uncompilable) {
      return a;
    }
    if (b instanceof Uncompilable) {
      return b;
    }
    return join((Sql) a, " AND ", (Sql) b);
  }

  static SqlPredicate or(SqlPredicate a, SqlPredicate b) {
    if (a instanceof Constant c) {
      return c.value() ? TRUE : b;
    }
    if (b instanceof Constant c) {
      return c.value() ? TRUE : a;
    }
    if (a instanceof Uncompilable) {
      return a;
    }
    if (b instanceof Uncompilable) {
      return b;
    }
    return join((Sql) a, " OR ", (Sql) b);
  }

  static SqlPredicate not(SqlPredicate a) {
    if (a instanceof Constant c) {
      return of(!c.value());
    }
    if (a instanceof Sql s) {
      return new Sql("NOT " + s.text(), s.params());
    }
    return a;
  }

  private static Sql join(Sql a, String op, Sql b) {
    List<Object> params = new ArrayList<>(a.params());
    params.addAll(b.params());
    return new Sql("(" + a.text() + op + b.text() + ")", params);
  }

  /**
   * The decision of an ordered list of rules: the first rule whose condition holds decides, by its
   * effect; when none holds, deny. With conditions already partially evaluated, that is folded from
   * the last rule up: {@code c ? allow : rest} is {@code c OR rest} for an allow and {@code NOT c
   * AND rest} for a deny.
   */
  static SqlPredicate firstMatch(List<SqlPredicate> conditions, List<Boolean> allows) {
    SqlPredicate rest = FALSE;
    for (int i = conditions.size() - 1; i >= 0; i--) {
      SqlPredicate c = conditions.get(i);
      rest = allows.get(i) ? or(c, rest) : and(not(c), rest);
    }
    return rest;
  }
}
