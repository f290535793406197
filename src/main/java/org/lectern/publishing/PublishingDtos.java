package org.lectern.publishing;

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
import org.lectern.platform.Versioned;

/** Request and answer bodies of {@code /api/books} and {@code /api/publishing}. */
public final class PublishingDtos {

  private PublishingDtos() {}

  static final String NOT_BLANK = "(?s).*\\S.*";

  /** Plain text: no control characters but tab and line breaks (as the book clubs take it). */
  static final String PLAIN_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*";

  static final String PLAIN_TEXT_MESSAGE =
      "must be plain text: no control characters but tab and line breaks";

  /** A grade level or curriculum tag: short, no spaces at its ends, no commas or quotes. */
  static final String LABEL = "[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,39}";

  /**
   * {@code POST /api/books}: a book of one of the writer's stories. Without {@code title} it takes
   * the story's.
   */
  public record BookRequest(
      @NotNull UUID storyId,
      @Size(min = 1, max = 255)
          @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String title,
      @Size(max = 2000) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String description,
      @Pattern(regexp = "[0-9X-]{10,20}", message = "must be an ISBN: 10 to 20 digits, X or -")
          String isbn,
      @Size(max = 13) List<@NotNull @Pattern(regexp = LABEL) String> gradeLevel,
      @Size(max = 20) List<@NotNull @Pattern(regexp = LABEL) String> curriculum,
      Book.AccessType accessType) {
    @JsonbCreator
    public BookRequest {}
  }

  /**
   * {@code PATCH /api/books/{id}}: only the fields given change; an empty description or ISBN
   * clears it.
   */
  public record BookPatch(
      @Size(min = 1, max = 255)
          @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String title,
      @Size(max = 2000) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String description,
      @Pattern(
              regexp = "([0-9X-]{10,20})?",
              message = "must be an ISBN: 10 to 20 digits, X or -; or empty to clear it")
          String isbn,
      @Size(max = 13) List<@NotNull @Pattern(regexp = LABEL) String> gradeLevel,
      @Size(max = 20) List<@NotNull @Pattern(regexp = LABEL) String> curriculum,
      Book.AccessType accessType) {
    @JsonbCreator
    public BookPatch {}
  }

  /**
   * A book with its catalogue fields. The flags, {@code wordCount} and {@code readingTime} are
   * facts of its story (its lesson's published quiz, its word list, its published audio, exercises
   * made from it, the version readers get), never set by clients.
   */
  public record BookView(
      UUID id,
      UUID storyId,
      String title,
      String description,
      String isbn,
      String publishingStatus,
      Instant publishedAt,
      List<String> gradeLevel,
      List<String> curriculum,
      String accessType,
      int wordCount,
      int readingTime,
      boolean hasQuiz,
      boolean hasVocabulary,
      boolean hasAudio,
      boolean hasActivities,
      boolean isInteractive,
      long viewCount,
      long readCount,
      BigDecimal avgRating,
      int totalRatings,
      UUID createdBy,
      Instant createdAt,
      Instant updatedAt,
      long version)
      implements Versioned {}

  /** {@code PUT /api/books/{id}/rating}: the caller's rating, replacing an earlier one. */
  public record RatingRequest(@NotNull @Min(1) @Max(5) Integer rating) {
    @JsonbCreator
    public RatingRequest {}
  }

  /** The caller's rating and the book's totals after it. */
  public record RatingView(UUID bookId, int rating, BigDecimal avgRating, int totalRatings) {}

  /** {@code POST /api/publishing/submissions}: submit a book to the workflow (stage draft). */
  public record SubmissionRequest(@NotNull UUID bookId) {
    @JsonbCreator
    public SubmissionRequest {}
  }

  /** {@code POST /api/publishing/submissions/{id}/transitions}: move to {@code to}. */
  public record TransitionRequest(
      @NotNull Stage to,
      @Size(max = 2000) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String comment) {
    @JsonbCreator
    public TransitionRequest {}
  }

  /** A submission, its stage and the stages the caller could move it to from there. */
  public record SubmissionView(
      UUID id,
      UUID bookId,
      String bookTitle,
      Stage stage,
      List<Stage> allowed,
      UUID submittedBy,
      Instant submittedAt,
      String lastComment,
      Instant createdAt,
      Instant updatedAt,
      long version)
      implements Versioned {}

  /** One move in a submission's history. */
  public record HistoryView(
      UUID id,
      Stage fromStage,
      Stage toStage,
      String comment,
      UUID actorId,
      UUID requestedBy,
      Instant at) {
    static HistoryView of(SubmissionMove m) {
      return new HistoryView(
          m.id(), m.fromStage(), m.toStage(), m.comment(), m.actorId(), m.requestedBy(), m.at());
    }
  }
}
