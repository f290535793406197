package org.lectern.access.condition;

import java.util.Objects;

/**
 * Where a list query finds one resource attribute: a SQL expression over the query's tables, and
 * how its values compare. The attribute's in-memory value must be what the column holds, as {@link
 * Kind} says, so a rule means the same in SQL as in memory.
 *
 * @param sql the expression, such as {@code t.status}; never containing {@code ?}
 * @param kind how the in-memory attribute is typed
 * @param nullable whether the expression can be NULL (its attribute then is missing or null)
 */
public record SqlColumn(String sql, Kind kind, boolean nullable) {

  /** The in-memory type of the attribute the column stands for. */
  public enum Kind {
    /** A {@code String} (varchar/text, enum names included). */
    TEXT,
    /** A {@code String} holding a UUID in canonical lower-case form; the column is {@code uuid}. */
    UUID,
    /** A {@code Number} (integer or numeric column). */
    NUMBER,
    /** A {@code Boolean}. */
    BOOLEAN
  }

  public SqlColumn {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(kind, "kind");
    if (sql.indexOf('?') >= 0) {
      throw new IllegalArgumentException("a column expression takes no parameters: " + sql);
    }
  }

  public static SqlColumn required(String sql, Kind kind) {
    return new SqlColumn(sql, kind, false);
  }

  public static SqlColumn optional(String sql, Kind kind) {
    return new SqlColumn(sql, kind, true);
  }
}
