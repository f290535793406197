package org.lectern.publishing;

import org.lectern.assessment.StoryActivities;
import org.lectern.content.StoryFacts;
import org.lectern.learning.StoryWordFacts;
import org.lectern.media.AudioFacts;

/**
 * A book's facts-derived fields, read with the book in the same statement: the story's size from
 * content, its lesson's published quiz and the exercises made from it from assessment, its word
 * list from learning, its published audio from media, each as SQL its owner keeps ({@link
 * StoryFacts#lateralSql}, {@link StoryActivities}, {@link StoryWordFacts}, {@link AudioFacts}).
 * Nothing is copied into the book, so no change elsewhere can leave a flag stale, and no client can
 * set one.
 */
final class BookFacts {

  /** Words read a minute, for {@code readingTime} when the story gives no estimate. */
  static final int WORDS_PER_MINUTE = 150;

  /** The join that brings the story's row to the book {@code t}, as {@code f}. */
  static final String JOIN =
      " LEFT JOIN LATERAL (" + StoryFacts.lateralSql("t.tenant_id", "t.story_id") + ") f ON true";

  /** The facts' columns, in the order {@link #of} reads them. */
  static final String COLUMNS =
      "f.word_count, f.estimated_minutes, "
          + StoryActivities.publishedQuizSql("t.tenant_id", "f.lesson_id")
          + " AS has_quiz, "
          + StoryWordFacts.wordsSql("t.tenant_id", "t.story_id")
          + " AS has_vocabulary, "
          + AudioFacts.publishedAudioSql("t.tenant_id", "t.story_id")
          + " AS has_audio, "
          + StoryActivities.exercisesSql("t.tenant_id", "t.story_id")
          + " AS has_activities";

  /** How many columns {@link #COLUMNS} has. */
  static final int WIDTH = 6;

  private BookFacts() {}

  /** The facts of one story. */
  record Facts(
      int wordCount,
      int readingTime,
      boolean hasQuiz,
      boolean hasVocabulary,
      boolean hasAudio,
      boolean hasActivities) {

    boolean isInteractive() {
      return hasQuiz || hasActivities;
    }
  }

  /** The facts in a row from {@code r[at]} on ({@link #COLUMNS}); a gone story has none. */
  static Facts of(Object[] r, int at) {
    int wordCount = r[at] == null ? 0 : ((Number) r[at]).intValue();
    Integer estimated = r[at + 1] == null ? null : ((Number) r[at + 1]).intValue();
    return new Facts(
        wordCount,
        readingTime(wordCount, estimated),
        Boolean.TRUE.equals(r[at + 2]),
        Boolean.TRUE.equals(r[at + 3]),
        Boolean.TRUE.equals(r[at + 4]),
        Boolean.TRUE.equals(r[at + 5]));
  }

  /**
   * Minutes to read: the story's own estimate, else its words at {@value #WORDS_PER_MINUTE} a
   * minute, rounded up (0 for no words).
   */
  static int readingTime(int wordCount, Integer estimatedMinutes) {
    if (estimatedMinutes != null) {
      return estimatedMinutes;
    }
    return (wordCount + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
  }
}
