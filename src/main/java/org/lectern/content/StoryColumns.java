package org.lectern.content;

import java.util.Map;
import java.util.Optional;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlColumn.Kind;

/**
 * Where a story list query finds each attribute of {@link Story#attributes}: the story as {@code
 * t}, its lesson as {@code l} and the lesson's course as {@code c} (both LEFT JOINed, so a story
 * outside any lesson has NULL there, as its attributes have none). {@code createdAt} has no column:
 * in memory it is ISO text, which does not order like a timestamp, so a rule on it is decided row
 * by row.
 */
final class StoryColumns {

  private StoryColumns() {}

  /** The joins the columns need, after {@code FROM stories t}. */
  static final String JOINS =
      " LEFT JOIN lessons l ON l.tenant_id = t.tenant_id AND l.id = t.lesson_id"
          + " LEFT JOIN courses c ON c.tenant_id = l.tenant_id AND c.id = l.course_id";

  /** A story in a deleted lesson or course is hidden, whatever the rules say. */
  static final String NOT_HIDDEN =
      " AND (t.lesson_id IS NULL OR (l.deleted_at IS NULL AND c.deleted_at IS NULL))";

  private static final Map<String, SqlColumn> COLUMNS =
      Map.ofEntries(
          Map.entry("id", SqlColumn.required("t.id", Kind.UUID)),
          Map.entry("title", SqlColumn.required("t.title", Kind.TEXT)),
          Map.entry("status", SqlColumn.required("t.status", Kind.TEXT)),
          Map.entry("storyType", SqlColumn.required("t.story_type", Kind.TEXT)),
          Map.entry("difficulty", SqlColumn.required("t.difficulty", Kind.TEXT)),
          Map.entry("language", SqlColumn.required("t.language", Kind.TEXT)),
          Map.entry("createdBy", SqlColumn.required("t.created_by", Kind.UUID)),
          Map.entry("wordCount", SqlColumn.required("t.word_count", Kind.NUMBER)),
          Map.entry("estimatedMinutes", SqlColumn.optional("t.estimated_minutes", Kind.NUMBER)),
          Map.entry("chemRatio", SqlColumn.optional("t.chem_ratio", Kind.NUMBER)),
          Map.entry("lessonId", SqlColumn.optional("t.lesson_id", Kind.UUID)),
          Map.entry("courseId", SqlColumn.optional("t.course_id", Kind.UUID)),
          Map.entry("lessonStatus", SqlColumn.optional("l.status", Kind.TEXT)),
          Map.entry("courseStatus", SqlColumn.optional("c.status", Kind.TEXT)),
          Map.entry("courseAudience", SqlColumn.optional("c.audience", Kind.TEXT)),
          Map.entry("courseCreatedBy", SqlColumn.optional("c.created_by", Kind.UUID)));

  static Optional<SqlColumn> column(String attribute) {
    return Optional.ofNullable(COLUMNS.get(attribute));
  }
}
