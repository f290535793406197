package org.lectern.learning;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Request and answer bodies of the vocabulary endpoints. */
public final class VocabularyDtos {

  private VocabularyDtos() {}

  static final String WORD_PATTERN = "^\\S(.*\\S)?$";

  /** {@code POST /api/stories/{id}/vocabulary}. */
  public record StoryWordRequest(
      @NotNull
          @Size(min = 1, max = 100)
          @Pattern(regexp = WORD_PATTERN, message = "must not start or end with spaces")
          String word,
      @NotNull @Size(min = 1, max = 1000) String definition,
      @Size(max = 32) String partOfSpeech,
      @Size(max = 1000) String example) {
    @JsonbCreator
    public StoryWordRequest {}
  }

  public record StoryWordView(
      UUID id,
      UUID storyId,
      String word,
      String definition,
      String partOfSpeech,
      String example,
      Instant createdAt,
      boolean draft) {
    static StoryWordView of(StoryWord w) {
      return new StoryWordView(
          w.id(),
          w.storyId(),
          w.word(),
          w.definition(),
          w.partOfSpeech(),
          w.example(),
          w.createdAt(),
          w.isDraft());
    }
  }

  /** A word an AI job chose for a story: it joins the story's list as a draft. */
  public record DraftWord(String word, String definition, String partOfSpeech, String example) {}

  /** {@code POST /api/vocabulary}: a word from a story's list, or the student's own. */
  public record CollectRequest(
      @NotNull
          @Size(min = 1, max = 100)
          @Pattern(regexp = WORD_PATTERN, message = "must not start or end with spaces")
          String word,
      UUID storyId,
      @Size(min = 1, max = 1000) String definition) {
    @JsonbCreator
    public CollectRequest {}
  }

  /**
   * {@code POST /api/vocabulary/{id}/reviews}: the client's id for this review (a retry with it
   * counts once) and either an SM-2 grade 0-5 or a rating {@code again|hard|good|easy}.
   */
  public record ReviewRequest(
      @NotNull UUID reviewId,
      @Min(0) @Max(5) Integer grade,
      @Pattern(regexp = "again|hard|good|easy", message = "must be again, hard, good or easy")
          String rating) {
    @JsonbCreator
    public ReviewRequest {}
  }

  public record WordView(
      UUID id,
      String word,
      String definition,
      UUID storyId,
      int mastery,
      int repetitions,
      int intervalDays,
      BigDecimal ease,
      int reviews,
      Instant dueAt,
      Instant lastReviewedAt,
      Instant createdAt) {
    static WordView of(VocabularyWord w) {
      return new WordView(
          w.id(),
          w.word(),
          w.definition(),
          w.storyId(),
          w.mastery(),
          w.repetitions(),
          w.intervalDays(),
          w.ease(),
          w.reviews(),
          w.dueAt(),
          w.lastReviewedAt(),
          w.createdAt());
    }
  }
}
