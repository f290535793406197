package org.lectern.access.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The comparison semantics documented on {@link ConditionParser}, in one place so that every
 * operator agrees on what "equal" and "greater" mean. Never throws: what cannot be compared is
 * simply not equal and not ordered.
 */
final class Values {

  /** Result of {@link #order} when two values have no order (mixed types, null, NaN). */
  private static final int UNORDERED = Integer.MIN_VALUE;

  private Values() {}

  static boolean equal(Object left, Object right) {
    Object a = plain(left);
    Object b = plain(right);
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x) {
      return b instanceof Number y && compareNumbers(x, y) == 0;
    }
    if (a instanceof String || a instanceof Boolean) {
      return a.equals(b);
    }
    if (a instanceof Collection<?> x) {
      return b instanceof Collection<?> y && sameMembers(x, y);
    }
    return false; // maps: compare their attributes instead
  }

  static boolean greaterThan(Object left, Object right) {
    int order = order(left, right);
    return order != UNORDERED && order > 0;
  }

  static boolean lessThan(Object left, Object right) {
    int order = order(left, right);
    return order != UNORDERED && order < 0;
  }

  /** {@code left} (or, for a collection, any of its members) is one of {@code right}'s members. */
  static boolean in(Object left, Object right) {
    Object a = plain(left);
    Object b = plain(right);
    if (a instanceof Collection<?> members) {
      for (Object member : members) {
        if (isMember(member, b)) {
          return true;
        }
      }
      return false;
    }
    return isMember(a, b);
  }

  /** A collection holds the value (all of them, for a collection); a string holds a substring. */
  static boolean contains(Object left, Object right) {
    Object a = plain(left);
    Object b = plain(right);
    if (a instanceof Collection<?> members) {
      if (b instanceof Collection<?> wanted) {
        for (Object value : wanted) {
          if (!isMember(value, members)) {
            return false;
          }
        }
        return true;
      }
      return isMember(b, members);
    }
    if (a instanceof String text && b instanceof String part) {
      return text.contains(part);
    }
    return false;
  }

  /** A value that is not a collection counts as a one-element collection. */
  private static boolean isMember(Object value, Object collection) {
    if (collection instanceof Collection<?> members) {
      for (Object member : members) {
        if (equal(value, member)) {
          return true;
        }
      }
      return false;
    }
    return equal(value, collection);
  }

  /** Same size and every member of each is in the other; order does not matter. */
  private static boolean sameMembers(Collection<?> x, Collection<?> y) {
    if (x.size() != y.size()) {
      return false;
    }
    for (Object member : x) {
      if (!isMember(member, y)) {
        return false;
      }
    }
    for (Object member : y) {
      if (!isMember(member, x)) {
        return false;
      }
    }
    return true;
  }

  /** Sign of left - right, or {@link #UNORDERED}. */
  private static int order(Object left, Object right) {
    Object a = plain(left);
    Object b = plain(right);
    if (a instanceof Number x) {
      if (b instanceof Number y) {
        return compareNumbers(x, y);
      }
      BigDecimal y = b instanceof String text ? parseNumber(text) : null;
      return y == null ? UNORDERED : compareNumbers(x, y);
    }
    if (a instanceof String text) {
      if (b instanceof String other) {
        return Integer.signum(text.compareTo(other));
      }
      BigDecimal x = b instanceof Number ? parseNumber(text) : null;
      return x == null ? UNORDERED : compareNumbers(x, (Number) b);
    }
    return UNORDERED;
  }

  /** Numeric comparison across Number types (1 equals 1.0), or {@link #UNORDERED} for NaN. */
  private static int compareNumbers(Number x, Number y) {
    if (isIntegral(x) && isIntegral(y)) {
      return Long.compare(x.longValue(), y.longValue()); // the common case, without allocation
    }
    if (isNonFinite(x) || isNonFinite(y)) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (Double.isNaN(dx) || Double.isNaN(dy)) {
        return UNORDERED;
      }
      // An infinity against any finite number, however large its BigDecimal, decides by its sign.
      return isNonFinite(x) && isNonFinite(y)
          ? Double.compare(dx, dy)
          : isNonFinite(x) ? (dx > 0 ? 1 : -1) : (dy > 0 ? -1 : 1);
    }
    BigDecimal bx = toBigDecimal(x);
    BigDecimal by = toBigDecimal(y);
    if (bx == null || by == null) {
      return UNORDERED;
    }
    return Integer.signum(bx.compareTo(by));
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer
        || n instanceof Long
        || n instanceof Short
        || n instanceof Byte
        || n instanceof AtomicInteger
        || n instanceof AtomicLong;
  }

  static boolean isNonFinite(Number n) {
    return (n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue());
  }

  /** The exact decimal value of a finite number, or null for one that has none. */
  static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (isIntegral(n)) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof Double d) {
      return BigDecimal.valueOf(d); // via Double.toString: 0.1 is 0.1, as written in JSON
    }
    if (n instanceof Float f) {
      return new BigDecimal(Float.toString(f)); // 0.1f is 0.1, not 0.100000001490116...
    }
    BigDecimal parsed = parseNumber(n.toString());
    if (parsed != null) {
      return parsed;
    }
    double d = n.doubleValue();
    return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
  }

  /**
   * A string written like a number ({@code -12}, {@code 3.5}, {@code 1e3}; optional leading sign,
   * no spaces), or null. Checked by hand so that ordinary text costs no exception.
   */
  static BigDecimal parseNumber(String text) {
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return null;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException exponentOutOfRange) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Brings an attribute value to the types the rules are written for: enums become their name,
   * object arrays a list, and any other type (UUID, dates, ...) the text of its {@code toString()}.
   */
  static Object plain(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Collection
        || value instanceof Map) {
      return value;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Object[] array) {
      return Arrays.asList(array);
    }
    return value.toString();
  }
}
