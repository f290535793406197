package org.lectern.publishing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlColumn.Kind;

/**
 * A book as access rules see it ({@code resource.*}), in memory and as columns of the book list
 * query (the book as {@code t}), so a rule means the same in both. {@code accessType} is what
 * schools write rules on: {@code {"field": "resource.accessType", "operator": "eq", "value":
 * "premium"}}.
 */
final class BookColumns {

  private BookColumns() {}

  private static final Map<String, SqlColumn> COLUMNS =
      Map.ofEntries(
          Map.entry("id", SqlColumn.required("t.id", Kind.UUID)),
          Map.entry("storyId", SqlColumn.required("t.story_id", Kind.UUID)),
          Map.entry("title", SqlColumn.required("t.title", Kind.TEXT)),
          Map.entry("status", SqlColumn.required("t.publishing_status", Kind.TEXT)),
          Map.entry("accessType", SqlColumn.required("t.access_type", Kind.TEXT)),
          Map.entry("language", SqlColumn.required("t.language", Kind.TEXT)),
          Map.entry("createdBy", SqlColumn.required("t.created_by", Kind.UUID)));

  static Optional<SqlColumn> column(String attribute) {
    return Optional.ofNullable(COLUMNS.get(attribute));
  }

  /** The attributes of a book row, as {@link #column} maps them. */
  static Map<String, Object> attributes(BookRow b) {
    Map<String, Object> a = new HashMap<>();
    a.put("id", b.id().toString());
    a.put("storyId", b.storyId().toString());
    a.put("title", b.title());
    a.put("status", b.publishingStatus());
    a.put("accessType", b.accessType());
    a.put("language", b.language());
    a.put("createdBy", b.createdBy().toString());
    return a;
  }
}
