package org.lectern.content;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
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
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Versioned;

/** Request and response bodies of {@code /api/stories}. */
public final class StoryDtos {

  private StoryDtos() {}

  static final int MAX_CONTENT = 200_000;
  static final int MAX_CHUNKS = 2_000;
  static final String NOT_BLANK = "(?s).*\\S.*";

  /** One chunk as a client writes it; type defaults to normal. */
  public record ChunkInput(
      @NotNull @Size(max = MAX_CONTENT) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String text,
      Chunks.Type type) {
    @JsonbCreator
    public ChunkInput {}

    Chunks.Piece piece() {
      return new Chunks.Piece(text, type);
    }
  }

  /**
   * POST and PUT: the whole story. The text is given either as {@code content} (split into chunks
   * on blank lines) or as {@code chunks}, not both. A PUT whose text differs from the latest
   * version's makes a new version.
   */
  public record StoryRequest(
      @NotBlank @Size(max = 255) String title,
      @Size(max = MAX_CONTENT) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String content,
      @Size(max = MAX_CHUNKS) List<@Valid @NotNull ChunkInput> chunks,
      Story.StoryType storyType,
      @NotNull Story.Difficulty difficulty,
      @Min(1) @Max(1440) Integer estimatedMinutes,
      @Pattern(
              regexp = CourseDtos.LANGUAGE,
              message = "must be a language code such as en or pt-BR")
          String language,
      UUID lessonId,
      JsonObject chemingScopes,
      Story.Status status) {
    @JsonbCreator
    public StoryRequest {}

    StoryDraft draft() {
      return new StoryDraft(title, storyType, difficulty, estimatedMinutes, language);
    }
  }

  /** PATCH: only the fields given change; {@code content} or {@code chunks} make a new version. */
  public record StoryPatch(
      @Size(max = 255) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
      @Size(max = MAX_CONTENT) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String content,
      @Size(max = MAX_CHUNKS) List<@Valid @NotNull ChunkInput> chunks,
      Story.StoryType storyType,
      Story.Difficulty difficulty,
      @Min(1) @Max(1440) Integer estimatedMinutes,
      @Pattern(
              regexp = CourseDtos.LANGUAGE,
              message = "must be a language code such as en or pt-BR")
          String language,
      UUID lessonId,
      JsonObject chemingScopes,
      Story.Status status) {
    @JsonbCreator
    public StoryPatch {}

    StoryDraft draft() {
      return new StoryDraft(title, storyType, difficulty, estimatedMinutes, language);
    }
  }

  /** PUT {@code /chunks}: the whole chunk list of a new version. */
  public record ChunksRequest(
      @NotNull @Size(min = 1, max = MAX_CHUNKS) List<@Valid @NotNull ChunkInput> chunks,
      JsonObject chemingScopes) {
    @JsonbCreator
    public ChunksRequest {}
  }

  /** PATCH {@code /chunks/{order}}: one chunk's text or type, in a new version. */
  public record ChunkEdit(
      @Size(max = MAX_CONTENT) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String text,
      Chunks.Type type) {
    @JsonbCreator
    public ChunkEdit {}
  }

  /** One cloze setting. */
  public record ClozeSetting(
      @NotNull ClozeConfig.PartOfSpeech partOfSpeech,
      @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4)
          BigDecimal ratio) {
    @JsonbCreator
    public ClozeSetting {}
  }

  /** PUT {@code /versions/{n}/cloze}: the version's settings, replacing the old ones. */
  public record ClozeRequest(@NotNull @Size(max = 20) List<@Valid @NotNull ClozeSetting> settings) {
    @JsonbCreator
    public ClozeRequest {}
  }

  /** PUT {@code /tags}: the story's tags by name, replacing the old ones. */
  public record TagsRequest(
      @NotNull @Size(max = 30) List<@NotNull @Size(min = 1, max = 50) String> tags) {
    @JsonbCreator
    public TagsRequest {}
  }

  /** A chunk of a version. */
  public record ChunkView(int order, String text, Chunks.Type type, int wordCount) {
    static ChunkView of(StoryChunk c) {
      return new ChunkView(c.order(), c.text(), c.type(), c.wordCount());
    }
  }

  /**
   * A story in full, with the text of one version: by default the published one for readers, the
   * latest for who may edit it. {@code latestVersion} is shown to editors only.
   */
  public record StoryView(
      UUID id,
      String title,
      Story.StoryType storyType,
      Story.Difficulty difficulty,
      String language,
      Integer estimatedMinutes,
      int wordCount,
      BigDecimal chemRatio,
      Story.Status status,
      UUID lessonId,
      UUID courseId,
      List<String> tags,
      int shownVersion,
      Integer latestVersion,
      Integer publishedVersion,
      String content,
      List<ChunkView> chunks,
      JsonObject chemingScopes,
      UUID createdBy,
      Instant createdAt,
      Instant updatedAt,
      long version)
      implements Versioned {}

  /** A story in a list: without its text, which can be large. */
  public record StorySummary(
      UUID id,
      String title,
      Story.StoryType storyType,
      Story.Difficulty difficulty,
      String language,
      Integer estimatedMinutes,
      int wordCount,
      BigDecimal chemRatio,
      Story.Status status,
      UUID lessonId,
      UUID courseId,
      List<String> tags,
      UUID createdBy,
      Instant createdAt,
      long version) {

    static StorySummary of(Story s, List<String> tags) {
      return new StorySummary(
          s.id(),
          s.title(),
          s.storyType(),
          s.difficulty(),
          s.language(),
          s.estimatedMinutes(),
          s.wordCount(),
          s.chemRatio(),
          s.status(),
          s.lessonId(),
          s.courseId(),
          tags,
          s.createdBy(),
          s.createdAt(),
          s.version());
    }
  }

  /** A version in the version list: without its text. */
  public record VersionSummary(
      int number,
      int wordCount,
      BigDecimal chemingRatio,
      boolean isApproved,
      boolean isPublished,
      Integer basedOn,
      UUID createdBy,
      Instant createdAt) {

    static VersionSummary of(StoryVersion v) {
      return new VersionSummary(
          v.number(),
          v.wordCount(),
          v.chemingRatio(),
          v.isApproved(),
          v.isPublished(),
          v.basedOn(),
          v.createdBy(),
          v.createdAt());
    }
  }

  /** A version in full. */
  public record VersionView(
      int number,
      int wordCount,
      BigDecimal chemingRatio,
      JsonObject chemingScopes,
      boolean isApproved,
      boolean isPublished,
      Integer basedOn,
      UUID createdBy,
      Instant createdAt,
      String content,
      List<ChunkView> chunks,
      List<ClozeSetting> cloze) {}

  /** One step of a diff between two versions' chunks. */
  public record DiffLine(
      String op, Integer fromOrder, Integer toOrder, String text, Chunks.Type type) {}

  /** What changed from one version to another, chunk by chunk. */
  public record DiffView(
      int from, int to, int added, int removed, int unchanged, List<DiffLine> chunks) {}
}
