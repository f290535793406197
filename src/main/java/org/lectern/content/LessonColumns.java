package org.lectern.content;

import java.util.Map;
import java.util.Optional;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlColumn.Kind;

/**
 * Where a lesson list query finds each attribute of {@link Lesson#attributes}: the lesson as {@code
 * t}, its course as {@code c}. A lesson of a deleted course is hidden, whatever the rules say.
 */
final class LessonColumns {

  private LessonColumns() {}

  static final String FROM =
      "lessons t JOIN courses c ON c.tenant_id = t.tenant_id AND c.id = t.course_id";

  static final String WHERE = "AND t.deleted_at IS NULL AND c.deleted_at IS NULL";

  private static final Map<String, SqlColumn> COLUMNS =
      Map.of(
          "id", SqlColumn.required("t.id", Kind.UUID),
          "title", SqlColumn.required("t.title", Kind.TEXT),
          "status", SqlColumn.required("t.status", Kind.TEXT),
          "courseId", SqlColumn.required("t.course_id", Kind.UUID),
          "unitId", SqlColumn.required("t.unit_id", Kind.UUID),
          "createdBy", SqlColumn.required("t.created_by", Kind.UUID),
          "estimatedMinutes", SqlColumn.optional("t.estimated_minutes", Kind.NUMBER),
          "courseStatus", SqlColumn.required("c.status", Kind.TEXT),
          "courseAudience", SqlColumn.required("c.audience", Kind.TEXT),
          "courseCreatedBy", SqlColumn.required("c.created_by", Kind.UUID));

  static Optional<SqlColumn> column(String attribute) {
    return Optional.ofNullable(COLUMNS.get(attribute));
  }
}
