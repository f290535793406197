package org.lectern.content;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of {@code /api/stories}. */
public final class StoryDtos {

  private StoryDtos() {}

  static final int MAX_CONTENT = 200_000;

  /** POST and PUT: the whole story. */
  public record StoryRequest(
      @NotBlank @Size(max = 255) String title,
      @NotBlank @Size(max = MAX_CONTENT) String content,
      Story.StoryType storyType,
      @NotNull Story.Difficulty difficulty,
      @Min(1) @Max(1440) Integer estimatedMinutes,
      @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4) BigDecimal chemRatio,
      Story.Status status) {
    @JsonbCreator
    public StoryRequest {}

    StoryDraft draft() {
      return new StoryDraft(
          title, content, storyType, difficulty, estimatedMinutes, chemRatio, null);
    }
  }

  /** PATCH: only the fields given change. */
  public record StoryPatch(
      @Size(max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
      @Size(max = MAX_CONTENT) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
          String content,
      Story.StoryType storyType,
      Story.Difficulty difficulty,
      @Min(1) @Max(1440) Integer estimatedMinutes,
      @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4) BigDecimal chemRatio,
      Story.Status status) {
    @JsonbCreator
    public StoryPatch {}

    StoryDraft draft() {
      return new StoryDraft(
          title, content, storyType, difficulty, estimatedMinutes, chemRatio, null);
    }
  }

  /** A story in full. */
  public record StoryView(
      UUID id,
      String title,
      String content,
      Story.StoryType storyType,
      Story.Difficulty difficulty,
      Integer estimatedMinutes,
      int wordCount,
      BigDecimal chemRatio,
      Story.Status status,
      UUID lessonId,
      UUID createdBy,
      Instant createdAt,
      Instant updatedAt,
      long version) {

    static StoryView of(Story s) {
      return new StoryView(
          s.id(),
          s.title(),
          s.content(),
          s.storyType(),
          s.difficulty(),
          s.estimatedMinutes(),
          s.wordCount(),
          s.chemRatio(),
          s.status(),
          s.lessonId(),
          s.createdBy(),
          s.createdAt(),
          s.updatedAt(),
          s.version());
    }
  }

  /** A story in a list: without its content, which can be large. */
  public record StorySummary(
      UUID id,
      String title,
      Story.StoryType storyType,
      Story.Difficulty difficulty,
      Integer estimatedMinutes,
      int wordCount,
      Story.Status status,
      UUID createdBy,
      Instant createdAt,
      long version) {

    static StorySummary of(Story s) {
      return new StorySummary(
          s.id(),
          s.title(),
          s.storyType(),
          s.difficulty(),
          s.estimatedMinutes(),
          s.wordCount(),
          s.status(),
          s.createdBy(),
          s.createdAt(),
          s.version());
    }
  }
}
