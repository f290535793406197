package org.lectern.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lectern.assessment.StoryActivities;
import org.lectern.content.StoryFacts;
import org.lectern.learning.StoryWordFacts;
import org.lectern.media.AudioFacts;

/**
 * A book's facts-derived fields, computed when books are read, through the services that own the
 * facts (the story's size in content, its lesson's published quiz and exercises made from it in
 * assessment, its word list in learning, its published audio in media): four statements for a whole
 * page of books, however many. Nothing is copied into the book, so no change elsewhere can leave a
 * flag stale, and no client can set one.
 */
@ApplicationScoped
class BookFacts {

  /** Words read a minute, for {@code readingTime} when the story gives no estimate. */
  static final int WORDS_PER_MINUTE = 150;

  @Inject StoryFacts stories;
  @Inject StoryActivities activities;
  @Inject StoryWordFacts words;
  @Inject AudioFacts audio;

  /** The facts of one story. */
  record Facts(
      int wordCount,
      int readingTime,
      boolean hasQuiz,
      boolean hasVocabulary,
      boolean hasAudio,
      boolean hasActivities) {

    static final Facts NONE = new Facts(0, 0, false, false, false, false);

    boolean isInteractive() {
      return hasQuiz || hasActivities;
    }
  }

  /** The facts of each of these stories, by story id; four statements (none for no stories). */
  Map<UUID, Facts> of(Collection<UUID> storyIds) {
    Map<UUID, Facts> out = new HashMap<>();
    if (storyIds.isEmpty()) {
      return out;
    }
    Map<UUID, StoryFacts.Facts> story = stories.of(storyIds);
    Map<UUID, UUID> lessons = new HashMap<>();
    story.values().forEach(f -> lessons.put(f.storyId(), f.lessonId()));
    Map<UUID, StoryActivities.Activities> acts = activities.of(lessons);
    Set<UUID> withWords = words.storiesWithWords(storyIds);
    Set<UUID> withAudio = audio.storiesWithPublishedAudio(storyIds);
    for (UUID id : storyIds) {
      StoryFacts.Facts f = story.get(id);
      StoryActivities.Activities a =
          acts.getOrDefault(id, new StoryActivities.Activities(false, false));
      int wordCount = f == null ? 0 : f.wordCount();
      out.put(
          id,
          new Facts(
              wordCount,
              readingTime(wordCount, f == null ? null : f.estimatedMinutes()),
              a.quiz(),
              withWords.contains(id),
              withAudio.contains(id),
              a.exercises()));
    }
    return out;
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
