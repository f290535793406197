package org.lectern.content;

import java.util.Map;
import java.util.Optional;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlColumn.Kind;

/**
 * Where a course list query ({@code courses t}) finds each attribute of {@link Course#attributes};
 * {@code createdAt} has none (see {@link StoryColumns}).
 */
final class CourseColumns {

  private CourseColumns() {}

  private static final Map<String, SqlColumn> COLUMNS =
      Map.of(
          "id", SqlColumn.required("t.id", Kind.UUID),
          "title", SqlColumn.required("t.title", Kind.TEXT),
          "status", SqlColumn.required("t.status", Kind.TEXT),
          "audience", SqlColumn.required("t.audience", Kind.TEXT),
          "level", SqlColumn.required("t.level", Kind.TEXT),
          "difficulty", SqlColumn.required("t.difficulty", Kind.TEXT),
          "language", SqlColumn.required("t.language", Kind.TEXT),
          "createdBy", SqlColumn.required("t.created_by", Kind.UUID));

  static Optional<SqlColumn> column(String attribute) {
    return Optional.ofNullable(COLUMNS.get(attribute));
  }
}
