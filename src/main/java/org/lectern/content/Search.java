package org.lectern.content;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.lectern.platform.Cursors;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Ranked full-text search over a table's {@code search_vector} (GIN-indexed, built by the database
 * in each row's language). The query text is read with PostgreSQL's {@code websearch_to_tsquery}
 * (words, "quoted phrases", {@code or}, {@code -excluded}) once per text search configuration in
 * use among the tenant's rows, the alternatives joined with OR, so a word is stemmed as each
 * language would stem it. Results come best first ({@code ts_rank_cd}, then id) and page with a
 * (rank, id) cursor; rows the caller may not read are skipped as in {@link KeysetScan}.
 */
final class Search {

  private Search() {}

  /** Extra filters: SQL fragments on the searched table with one {@code ?} each. */
  static final class Conditions {
    private final List<String> fragments = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    void add(String fragment, Object value) {
      fragments.add(fragment);
      values.add(value);
    }

    /**
     * Appends {@code AND t.<fragment>} for each condition, numbering its {@code ?} after the
     * parameters already in {@code params} (the tenant is ?1), and adds its value to them.
     */
    void appendTo(StringBuilder sql, List<Object> params) {
      for (int i = 0; i < fragments.size(); i++) {
        params.add(values.get(i));
        sql.append(" AND t.").append(fragments.get(i).replace("?", "?" + (params.size() + 1)));
      }
    }
  }

  /**
   * Which rows the caller may see, as SQL: {@code joins} after the searched table {@code t}, and a
   * predicate with {@code ?} parameters. {@link #ALL} leaves it to the viewer.
   */
  record Visibility(String joins, String where, List<Object> params) {
    static final Visibility ALL = new Visibility("", "TRUE", List.of());
  }

  /** A row's place in the ranked order. */
  record Position(float rank, UUID id) {

    String encode() {
      return Cursors.encode(rank, id);
    }

    static Position decode(String cursor) {
      return Cursors.decode(cursor, k -> new Position(k.floatValue(), k.uuid()));
    }
  }

  /**
   * @param table {@code stories} or {@code lessons}
   * @param languagesSql the distinct language codes in use (tenant bound as ?1)
   * @param viewer given a batch of ids, turns each into its list item, or null when hidden
   */
  static <V> Page<V> page(
      TenantEntityManager tem,
      String table,
      String languagesSql,
      String text,
      Conditions conditions,
      String cursor,
      int limit,
      Function<List<UUID>, Function<UUID, V>> viewer) {
    return page(tem, table, languagesSql, text, conditions, Visibility.ALL, cursor, limit, viewer);
  }

  /**
   * @param visible the rows the caller may see; the viewer still may hide rows, and paging stays
   *     exact when it does
   */
  static <V> Page<V> page(
      TenantEntityManager tem,
      String table,
      String languagesSql,
      String text,
      Conditions conditions,
      Visibility visible,
      String cursor,
      int limit,
      Function<List<UUID>, Function<UUID, V>> viewer) {
    List<String> languages =
        tem.sql(languagesSql).getResultList().stream().map(String::valueOf).toList();
    if (languages.isEmpty()) {
      languages = List.of("simple");
    }
    StringBuilder query = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (String language : languages) {
      if (!query.isEmpty()) {
        query.append(" || ");
      }
      params.add(language);
      int lang = params.size() + 1;
      params.add(text);
      int q = params.size() + 1;
      query.append("websearch_to_tsquery(lectern_search_config(?").append(lang);
      query.append("), ?").append(q).append(")");
    }
    StringBuilder where =
        new StringBuilder("t.tenant_id = ?1 AND t.deleted_at IS NULL AND t.search_vector @@ q.q");
    for (int i = 0; i < conditions.fragments.size(); i++) {
      params.add(conditions.values.get(i));
      where
          .append(" AND t.")
          .append(conditions.fragments.get(i).replace("?", "?" + (params.size() + 1)));
    }
    where.append(" AND ");
    int next = 0;
    for (char ch : visible.where().toCharArray()) {
      if (ch == '?') {
        params.add(visible.params().get(next++));
        where.append('?').append(params.size() + 1);
      } else {
        where.append(ch);
      }
    }
    String base =
        "SELECT t.id, ts_rank_cd(t.search_vector, q.q)::real AS rank FROM "
            + table
            + " t"
            + visible.joins()
            + ", (SELECT "
            + query
            + " AS q) q WHERE "
            + where;
    int fixed = params.size();
    return KeysetScan.page(
        cursor,
        limit,
        Position::decode,
        (after, size) -> {
          String sql =
              "SELECT id, rank FROM ("
                  + base
                  + ") r"
                  + (after == null
                      ? ""
                      : " WHERE (rank, id) < (?"
                          + (fixed + 2)
                          + "::real, ?"
                          + (fixed + 3)
                          + "::uuid)")
                  + " ORDER BY rank DESC, id DESC LIMIT "
                  + size;
          Query sqlQuery = tem.sql(sql);
          for (int i = 0; i < fixed; i++) {
            sqlQuery.setParameter(i + 2, params.get(i));
          }
          if (after != null) {
            sqlQuery.setParameter(fixed + 2, after.rank()).setParameter(fixed + 3, after.id());
          }
          @SuppressWarnings("unchecked")
          List<Object[]> rows = sqlQuery.getResultList();
          return rows.stream()
              .map(r -> new Position(((Number) r[1]).floatValue(), (UUID) r[0]))
              .toList();
        },
        p -> p,
        Position::encode,
        positions ->
            viewer.apply(positions.stream().map(Position::id).toList()).compose(Position::id));
  }
}
