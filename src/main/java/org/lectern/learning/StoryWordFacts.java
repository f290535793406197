package org.lectern.learning;

/**
 * Facts about stories' word lists for other capabilities (a book's {@code hasVocabulary}), as SQL
 * that learning keeps: another capability puts the expression into its own read, and the table
 * stays learning's.
 */
public final class StoryWordFacts {

  private StoryWordFacts() {}

  /**
   * SQL, true when the story has at least one word a teacher defined or accepted (drafts an AI job
   * proposed do not count until accepted).
   *
   * @param tenantId the outer query's expression for the school
   * @param storyId the outer query's expression for the story
   */
  public static String wordsSql(String tenantId, String storyId) {
    return "EXISTS (SELECT 1 FROM story_vocabulary w WHERE w.tenant_id = "
        + tenantId
        + " AND w.story_id = "
        + storyId
        + " AND NOT w.draft)";
  }
}
