package org.lectern.content;

import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.platform.Cursor;
import org.lectern.tenancy.TenantEntityManager;

/**
 * One page of a newest-first list, as the keys of the rows the caller may read: the access rules,
 * compiled to SQL ({@code AccessControl.readFilter}), are part of the query, so the page is full
 * and nothing is hidden after reading.
 */
final class VisibleRows {

  private VisibleRows() {}

  /** A row's id and its position in the list. */
  record Key(UUID id, Instant createdAt) {
    Cursor cursor() {
      return new Cursor(createdAt, id);
    }
  }

  /** A row as read: its key, and the further columns asked for (from index 2 on). */
  record Row(Key key, Object[] columns) {
    Object get(int i) {
      return columns[i];
    }
  }

  /**
   * Up to {@code limit + 1} keys (the extra one only says that more follow), for {@link
   * org.lectern.platform.Page#of}.
   *
   * @param from the table as {@code t} and any joins the columns of {@code visible} need
   * @param where what else a row must meet, after the tenant (such as {@code AND t.deleted_at IS
   *     NULL})
   * @param visible the compiled read rules: {@link SqlPredicate.Sql} or {@code TRUE}
   */
  static List<Key> page(
      TenantEntityManager tem,
      String from,
      String where,
      Search.Conditions conditions,
      SqlPredicate visible,
      Cursor after,
      int limit) {
    return rows(tem, "", from, where, conditions, visible, after, limit).stream()
        .map(Row::key)
        .toList();
  }

  /**
   * As {@link #page}, with more columns read in the same statement: {@code select} lists them after
   * {@code t.id, t.created_at} (with its leading comma), so a list needs no second query.
   */
  static List<Row> rows(
      TenantEntityManager tem,
      String select,
      String from,
      String where,
      Search.Conditions conditions,
      SqlPredicate visible,
      Cursor after,
      int limit) {
    if (visible.equals(SqlPredicate.FALSE)) {
      return List.of();
    }
    StringBuilder sql =
        new StringBuilder("SELECT t.id, t.created_at")
            .append(select)
            .append(" FROM ")
            .append(from)
            .append(" WHERE t.tenant_id = ?1 ")
            .append(where);
    List<Object> params = new ArrayList<>();
    conditions.appendTo(sql, params);
    if (visible instanceof SqlPredicate.Sql rule) {
      sql.append(" AND ").append(rule.numbered(params.size() + 2));
      params.addAll(rule.params());
    }
    if (after != null) {
      params.add(Timestamp.from(after.createdAt()));
      params.add(after.id());
      sql.append(" AND (t.created_at, t.id) < (?")
          .append(params.size())
          .append(", ?")
          .append(params.size() + 1)
          .append(")");
    }
    sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT ").append(limit + 1);
    Query q = tem.sql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 2, params.get(i));
    }
    List<Row> rows = new ArrayList<>();
    for (Object row : q.getResultList()) {
      Object[] r = (Object[]) row;
      rows.add(new Row(new Key((UUID) r[0], instant(r[1])), r));
    }
    return rows;
  }

  /** The entities of these keys, in the keys' order (one query). */
  static <T> List<T> load(
      TenantEntityManager tem, List<Key> keys, Class<T> type, Function<T, UUID> id) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Map<UUID, T> byId = new HashMap<>();
    tem.get()
        .createQuery("SELECT e FROM " + type.getSimpleName() + " e WHERE e.id IN :ids", type)
        .setParameter("ids", keys.stream().map(Key::id).toList())
        .getResultList()
        .forEach(e -> byId.put(id.apply(e), e));
    return keys.stream().map(k -> byId.get(k.id())).filter(Objects::nonNull).toList();
  }

  static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    return (Instant) value;
  }
}
