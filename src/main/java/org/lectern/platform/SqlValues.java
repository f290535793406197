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
   * Instants (or dates) as an array literal of quoted ISO-8601 texts, for {@code timestamptz[]} or
   * {@code date[]}. Their texts contain no quotes or backslashes.
   */
  public static String quotedArray(Collection<?> values) {
    StringBuilder sb = new StringBuilder("{");
    for (Iterator<?> it = values.iterator(); it.hasNext(); ) {
      sb.append('"').append(it.next()).append('"');
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
