package org.lectern.assessment;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.content.ClozeConfig.PartOfSpeech;

/** Request and answer bodies of {@code POST /api/stories/{id}/versions/{n}/cloze-exercise}. */
public final class ClozeDtos {

  private ClozeDtos() {}

  /** The largest seed: 2^53 - 1, so that it survives a JavaScript client unchanged. */
  static final long MAX_SEED = 9_007_199_254_740_991L;

  static final String TRIMMED = "^\\S(.*\\S)?$";

  /**
   * The seed that makes the exercise reproducible, an optional title, and optionally the words to
   * blank (which replace the tagger and the version's cloze settings).
   */
  public record ClozeExerciseRequest(
      @NotNull @Min(0) @Max(MAX_SEED) Long seed,
      @Size(min = 1, max = 255)
          @Pattern(regexp = TRIMMED, message = "must not start or end with spaces")
          String title,
      @Size(max = 200)
          List<
                  @NotNull @Size(min = 1, max = 100)
                  @Pattern(regexp = TRIMMED, message = "must not start or end with spaces") String>
              words) {
    @JsonbCreator
    public ClozeExerciseRequest {}
  }

  /** For one part of speech: its ratio, how many words it had, how many were blanked. */
  public record BlankCount(PartOfSpeech partOfSpeech, BigDecimal ratio, int words, int blanks) {
    static BlankCount of(ClozeBlanks.Count c) {
      return new BlankCount(c.partOfSpeech(), c.ratio(), c.words(), c.blanks());
    }
  }

  /**
   * A fill-in-the-blank question of the exercise, with its answer key: {@code content} is what a
   * student sees besides the stem ({@code {"blanks": n}}), {@code answerKey} what grades it.
   */
  public record ClozeQuestionView(
      UUID id,
      int position,
      String type,
      int chunk,
      String stem,
      JsonObject content,
      JsonObject answerKey) {}

  /**
   * The exercise made: where from, how ({@code tagger} is {@code opennlp-<lang>} or {@code
   * teacher-marked}; {@code note} says what a client should know about it), and its questions.
   */
  public record ClozeExerciseView(
      UUID id,
      String title,
      String description,
      String kind,
      UUID storyId,
      int storyVersion,
      long seed,
      String tagger,
      String note,
      List<BlankCount> partsOfSpeech,
      int blanks,
      List<ClozeQuestionView> questions,
      UUID createdBy,
      Instant createdAt) {}
}
