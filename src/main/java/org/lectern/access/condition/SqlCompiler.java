package org.lectern.access.condition;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Partial evaluation of a condition for a list query: every {@code user.*} attribute is known, so
 * it becomes a value; every {@code resource.*} attribute becomes its column; what is left is a SQL
 * predicate that holds for exactly the rows for which {@link Condition#test} would be true (the
 * comparison semantics of {@link Values}, written in SQL). A comparison that cannot be written so
 * (an attribute without a column, a nested resource attribute, ordering text against a number, two
 * resource attributes compared) makes the whole condition {@link SqlPredicate.Uncompilable}.
 *
 * <p>Text is ordered with {@code COLLATE "C"}, code point order, as Java orders strings outside the
 * supplementary planes.
 */
public final class SqlCompiler {

  private SqlCompiler() {}

  /** One side of a comparison: a known value, a column, or something SQL cannot express. */
  private sealed interface Side {}

  private record Value(Object value) implements Side {}

  private record Column(SqlColumn column) implements Side {}

  private record Unknown(String reason) implements Side {}

  /**
   * @param condition a parsed ResourcePolicy condition
   * @param user the acting user's attributes, as {@code user.*} is read in memory
   * @param columns the column of a (top-level) resource attribute, if it has one
   */
  public static SqlPredicate compile(
      Condition condition, Map<String, ?> user, Function<String, Optional<SqlColumn>> columns) {
    if (condition instanceof AllOf all) {
      SqlPredicate p = SqlPredicate.TRUE;
      for (Condition c : all.members()) {
        p = SqlPredicate.and(p, compile(c, user, columns));
      }
      return p;
    }
    if (condition instanceof AnyOf any) {
      SqlPredicate p = SqlPredicate.FALSE;
      for (Condition c : any.members()) {
        p = SqlPredicate.or(p, compile(c, user, columns));
      }
      return p;
    }
    if (condition instanceof Not not) {
      return SqlPredicate.not(compile(not.negated(), user, columns));
    }
    if (condition instanceof Comparison c) {
      return comparison(c, user, columns);
    }
    return SqlPredicate.TRUE; // Always
  }

  private static SqlPredicate comparison(
      Comparison c, Map<String, ?> user, Function<String, Optional<SqlColumn>> columns) {
    Side left = side(c.field(), user, columns);
    Side right =
        c.value() instanceof Operand.Reference r
            ? side(r.path(), user, columns)
            : new Value(((Operand.Literal) c.value()).value());
    if (left instanceof Unknown u) {
      return new SqlPredicate.Uncompilable(u.reason());
    }
    if (right instanceof Unknown u) {
      return new SqlPredicate.Uncompilable(u.reason());
    }
    if (left instanceof Value l && right instanceof Value r) {
      return SqlPredicate.of(c.operator().apply(l.value(), r.value()));
    }
    if (left instanceof Column && right instanceof Column) {
      return new SqlPredicate.Uncompilable(c + ": compares two resource attributes");
    }
    boolean columnLeft = left instanceof Column;
    SqlColumn col = columnLeft ? ((Column) left).column() : ((Column) right).column();
    Object value = Values.plain(columnLeft ? ((Value) right).value() : ((Value) left).value());
    if (value instanceof Map<?, ?>) {
      return new SqlPredicate.Uncompilable(c + ": compares with a nested attribute");
    }
    return switch (c.operator()) {
      case EQ -> equal(col, value);
      case NE -> SqlPredicate.not(equal(col, value));
      case IN -> columnLeft ? member(col, value) : memberOf(value, col);
      case NIN -> SqlPredicate.not(columnLeft ? member(col, value) : memberOf(value, col));
      case GT -> order(col, columnLeft ? ">" : "<", value, c);
      case LT -> order(col, columnLeft ? "<" : ">", value, c);
      case CONTAINS -> columnLeft ? columnContains(col, value) : valueContains(value, col);
    };
  }

  private static Side side(
      FieldPath path, Map<String, ?> user, Function<String, Optional<SqlColumn>> columns) {
    if (path.root() == FieldPath.Root.USER) {
      return new Value(path.lookupIn(new Attributes(user, Map.of())));
    }
    if (path.segments().size() != 1) {
      return new Unknown(path + " is nested");
    }
    return columns
        .apply(path.segments().get(0))
        .<Side>map(Column::new)
        .orElseGet(() -> new Unknown(path + " has no column"));
  }

  /** {@code Values.equal(column, value)}. */
  private static SqlPredicate equal(SqlColumn col, Object value) {
    if (value == null) {
      return col.nullable() ? new SqlPredicate.Sql(col.sql() + " IS NULL", List.of()) : falsity();
    }
    return switch (col.kind()) {
      case TEXT -> value instanceof String s ? compare(col, col.sql(), "=", s) : falsity();
      case UUID -> canonicalUuid(value).map(u -> compare(col, col.sql(), "=", u)).orElse(falsity());
      case NUMBER ->
          value instanceof Number n && finite(n) != null
              ? compare(col, col.sql(), "=", finite(n))
              : falsity();
      case BOOLEAN -> value instanceof Boolean b ? compare(col, col.sql(), "=", b) : falsity();
    };
  }

  /** {@code Values.in(column, value)}: the column's value is the value, or one of its members. */
  private static SqlPredicate member(SqlColumn col, Object value) {
    if (value instanceof Collection<?> members) {
      SqlPredicate p = SqlPredicate.FALSE;
      for (Object m : members) {
        p = SqlPredicate.or(p, equal(col, Values.plain(m)));
      }
      return p;
    }
    return equal(col, value);
  }

  /** {@code Values.in(value, column)}: the value, or one of its members, is the column's value. */
  private static SqlPredicate memberOf(Object value, SqlColumn col) {
    return member(col, value);
  }

  /** {@code Values.contains(column, value)}: a text column holds the text. */
  private static SqlPredicate columnContains(SqlColumn col, Object value) {
    if (!(value instanceof String part)) {
      return falsity();
    }
    return switch (col.kind()) {
      case TEXT -> guarded(col, "strpos(" + col.sql() + ", ?) > 0", part);
      case UUID -> guarded(col, "strpos(" + col.sql() + "::text, ?) > 0", part);
      case NUMBER, BOOLEAN -> falsity();
    };
  }

  /** {@code Values.contains(value, column)}: a list has the column's value, or text holds it. */
  private static SqlPredicate valueContains(Object value, SqlColumn col) {
    if (value instanceof Collection<?>) {
      return member(col, value);
    }
    if (!(value instanceof String text)) {
      return falsity();
    }
    return switch (col.kind()) {
      case TEXT -> guarded(col, "strpos(?, " + col.sql() + ") > 0", text);
      case UUID -> guarded(col, "strpos(?, " + col.sql() + "::text) > 0", text);
      case NUMBER, BOOLEAN -> falsity();
    };
  }

  /** {@code column <op> value} by {@code Values.order}: numbers by value, text by code point. */
  private static SqlPredicate order(SqlColumn col, String op, Object value, Comparison c) {
    switch (col.kind()) {
      case NUMBER -> {
        BigDecimal bound =
            value instanceof Number n
                ? finite(n)
                : value instanceof String s ? Values.parseNumber(s) : null;
        if (value instanceof Number n && Values.isNonFinite(n)) {
          return new SqlPredicate.Uncompilable(c + ": orders by an infinite number");
        }
        return bound == null ? falsity() : compare(col, col.sql(), op, bound);
      }
      case TEXT, UUID -> {
        if (value instanceof Number) {
          return new SqlPredicate.Uncompilable(c + ": orders text against a number");
        }
        String expr = (col.kind() == SqlColumn.Kind.UUID ? col.sql() + "::text" : col.sql());
        return value instanceof String s ? compare(col, expr + " COLLATE \"C\"", op, s) : falsity();
      }
      default -> {
        return falsity();
      }
    }
  }

  private static SqlPredicate compare(SqlColumn col, String expr, String op, Object param) {
    return guarded(col, expr + " " + op + " ?", param);
  }

  /** A test with one parameter; a NULL column makes it false, never NULL. */
  private static SqlPredicate guarded(SqlColumn col, String test, Object param) {
    String text = col.nullable() ? "(" + col.sql() + " IS NOT NULL AND " + test + ")" : test;
    return new SqlPredicate.Sql(text, List.of(param));
  }

  private static SqlPredicate falsity() {
    return SqlPredicate.FALSE;
  }

  /** The exact value of a finite number, or null (NaN and infinities equal no column value). */
  private static BigDecimal finite(Number n) {
    return Values.isNonFinite(n) ? null : Values.toBigDecimal(n);
  }

  /**
   * A UUID column's value is the canonical (lower-case) text of its UUID in memory, so only such
   * text can equal it.
   */
  private static Optional<UUID> canonicalUuid(Object value) {
    if (!(value instanceof String s) || s.length() != 36) {
      return Optional.empty();
    }
    try {
      UUID u = UUID.fromString(s);
      return u.toString().equals(s) ? Optional.of(u) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
