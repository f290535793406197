package org.lectern.assessment;

/**
 * Facts about what students can do with a story besides reading it, for other capabilities (a
 * book's {@code hasQuiz} and {@code hasActivities}), as SQL that assessment keeps: another
 * capability puts these expressions into its own read, so a page of books with its facts is one
 * statement, and the tables stay assessment's (their names appear only here). No access decisions.
 */
public final class StoryActivities {

  private StoryActivities() {}

  /**
   * SQL, true when the lesson has a published quiz (quizzes belong to lessons).
   *
   * @param tenantId the outer query's expression for the school
   * @param lessonId the outer query's expression for the story's lesson (may be null: false)
   */
  public static String publishedQuizSql(String tenantId, String lessonId) {
    return "EXISTS (SELECT 1 FROM quizzes q WHERE q.tenant_id = "
        + tenantId
        + " AND q.lesson_id = "
        + lessonId
        + " AND q.status = 'published' AND q.deleted_at IS NULL)";
  }

  /** SQL, true when the question bank has an exercise made from the story (a cloze exercise). */
  public static String exercisesSql(String tenantId, String storyId) {
    return "EXISTS (SELECT 1 FROM exercises e WHERE e.tenant_id = "
        + tenantId
        + " AND e.story_id = "
        + storyId
        + " AND e.deleted_at IS NULL)";
  }
}
