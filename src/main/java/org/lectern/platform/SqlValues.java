package org.lectern.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Iterator;

/**
 * Values crossing native SQL: PostgreSQL array literals, so that a batch of rows is one bound
 * parameter per column ({@code unnest(CAST(?3 AS int[]), ...)}) instead of a statement per row, and
 * timestamps as the driver returns them. Uuid arrays are {@link Ids#sqlArray}.
 */
public final class SqlValues {

  private SqlValues() {}

  /** Numbers (or anything whose text is a valid unquoted element) as an array literal. */
  public static String array(Collection<?> values) {
    StringBuilder sb = new StringBuilder("{");
    for (Iterator<?> it = values.iterator(); it.hasNext(); ) {
      sb.append(it.next());
      if (it.hasNext()) {
        sb.append(',');
      }
    }
    return sb.append('}').toString();
  }

  /**
   * Values as an array literal of quoted texts, for {@code text[]}, {@code timestamptz[]} (ISO-8601
   * instants) or {@code date[]}: quotes and backslashes escaped, a null element written as {@code
   * NULL}.
   */
  public static String quotedArray(Collection<?> values) {
    StringBuilder sb = new StringBuilder("{");
    for (Iterator<?> it = values.iterator(); it.hasNext(); ) {
      Object v = it.next();
      if (v == null) {
        sb.append("NULL");
      } else {
        sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
      if (it.hasNext()) {
        sb.append(',');
      }
    }
    return sb.append('}').toString();
  }

  /** A timestamp column's value from a native query, as an Instant (null stays null). */
  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    return (Instant) value;
  }
}
