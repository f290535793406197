package org.lectern.classroom;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.platform.Cursor;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Keyset-paged native lists of this package's tables, newest first by {@code (t.created_at, t.id)}
 * (or oldest first), with the access rules compiled into the query: one statement per page. When a
 * rule cannot be written in SQL, rows are read in batches and decided one by one, at most {@link
 * #MAX_SCAN} of them per page (a list so sparse that they hold less than a page ends there).
 */
final class Keyset {

  static final int MAX_SCAN = 1000;
  private static final int BATCH = 100;

  private Keyset() {}

  /** A query under construction: {@code ?} in each fragment is numbered as it is appended. */
  static final class Query {
    private final StringBuilder sql;
    private final String id;
    private final List<Object> params = new ArrayList<>();

    /** {@code head} selects {@code t.id, t.created_at} first and may use {@code ?1}, the tenant. */
    Query(String head) {
      this(head, "t.id");
    }

    /**
     * As {@link #Query(String)} for a table whose rows are keyed by {@code id} in the list; {@code
     * head} may use {@code ?2, ?3, ...} for {@code headParams}.
     */
    Query(String head, String id, Object... headParams) {
      sql = new StringBuilder(head);
      this.id = id;
      params.addAll(List.of(headParams));
    }

    Query and(String fragment, Object... values) {
      StringBuilder f = new StringBuilder();
      int v = 0;
      for (char ch : fragment.toCharArray()) {
        if (ch == '?') {
          params.add(values[v++]);
          f.append('?').append(params.size() + 1);
        } else {
          f.append(ch);
        }
      }
      sql.append(" AND ").append(f);
      return this;
    }

    /** Appends a compiled access rule: {@link SqlPredicate#TRUE} adds nothing. */
    Query and(SqlPredicate predicate) {
      if (predicate instanceof SqlPredicate.Sql rule) {
        sql.append(" AND (").append(rule.numbered(params.size() + 2)).append(")");
        params.addAll(rule.params());
      } else if (predicate.equals(SqlPredicate.FALSE)) {
        sql.append(" AND FALSE");
      }
      return this;
    }

    List<Object[]> page(TenantEntityManager tem, Cursor after, int rows, boolean newestFirst) {
      StringBuilder s = new StringBuilder(sql);
      List<Object> p = new ArrayList<>(params);
      if (after != null) {
        p.add(Timestamp.from(after.createdAt()));
        p.add(after.id());
        s.append(" AND (t.created_at, ")
            .append(id)
            .append(") ")
            .append(newestFirst ? "<" : ">")
            .append(" (?")
            .append(p.size())
            .append(", ?")
            .append(p.size() + 1)
            .append(")");
      }
      String order = newestFirst ? " DESC" : "";
      s.append(" ORDER BY t.created_at").append(order).append(", ").append(id).append(order);
      s.append(" LIMIT ").append(rows);
      var q = tem.sql(s.toString());
      for (int i = 0; i < p.size(); i++) {
        q.setParameter(i + 2, p.get(i));
      }
      List<Object[]> out = new ArrayList<>();
      for (Object row : q.getResultList()) {
        out.add((Object[]) row);
      }
      return out;
    }
  }

  /**
   * Rows of one page, read with one more than the page holds; {@code resume}, when not null, is
   * where the next page starts although this one is short (a row-by-row scan that reached {@link
   * #MAX_SCAN}).
   */
  record Rows(List<Object[]> rows, Cursor resume) {}

  /**
   * One page of rows: {@code query} holds the compiled rules (one statement), or, when {@code
   * compiled} is false, rows are read in batches and {@code keep} decides each.
   */
  static Rows rows(
      TenantEntityManager tem,
      Supplier<Query> query,
      boolean compiled,
      Predicate<Object[]> keep,
      String cursor,
      int limit,
      boolean newestFirst) {
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    if (compiled) {
      return new Rows(query.get().page(tem, after, limit + 1, newestFirst), null);
    }
    List<Object[]> kept = new ArrayList<>();
    int scanned = 0;
    while (kept.size() <= limit) {
      List<Object[]> batch = query.get().page(tem, after, BATCH, newestFirst);
      for (Object[] r : batch) {
        if (keep.test(r)) {
          kept.add(r);
          if (kept.size() > limit) {
            return new Rows(kept, null);
          }
        }
      }
      scanned += batch.size();
      if (batch.size() < BATCH) {
        return new Rows(kept, null);
      }
      Object[] last = batch.get(batch.size() - 1);
      after = new Cursor(instant(last[1]), (UUID) last[0]);
      if (scanned >= MAX_SCAN) {
        // Bounded work per request: a short page, and the next one starts after the rows scanned.
        return new Rows(kept, after);
      }
    }
    return new Rows(kept, null);
  }

  /** A page from rows read with {@code limit + 1}, each row starting with id and created_at. */
  static <T> Page<T> page(
      Rows rows, int limit, java.util.function.Function<List<Object[]>, List<T>> items) {
    if (rows.resume() != null) {
      return new Page<>(items.apply(rows.rows()), rows.resume().encode());
    }
    return Page.of(rows.rows(), limit, r -> new Cursor(instant(r[1]), (UUID) r[0]), items);
  }

  static Instant instant(Object value) {
    return SqlValues.instant(value);
  }
}
