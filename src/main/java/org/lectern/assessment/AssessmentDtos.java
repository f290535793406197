package org.lectern.assessment;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and answer bodies of the assessment endpoints. */
public final class AssessmentDtos {

  private AssessmentDtos() {}

  static final int MAX_OPTIONS = 20;

  // ---------------------------------------------------------------- the bank

  public record ExerciseRequest(
      @NotBlank @Size(max = 255) String title, @Size(max = 5000) String description) {
    @JsonbCreator
    public ExerciseRequest {}
  }

  public record ExercisePatch(
      @Size(min = 1, max = 255) String title, @Size(max = 5000) String description) {
    @JsonbCreator
    public ExercisePatch {}
  }

  public record ExerciseView(
      UUID id,
      String title,
      String description,
      String kind,
      UUID storyId,
      Integer storyVersion,
      UUID createdBy,
      Instant createdAt,
      List<QuestionView> questions) {}

  public record ChoiceRequest(@NotBlank @Size(max = 1000) String text, @NotNull Boolean correct) {
    @JsonbCreator
    public ChoiceRequest {}
  }

  public record BlankRequest(
      @NotNull @Size(min = 1, max = MAX_OPTIONS) List<@NotBlank @Size(max = 200) String> accepted) {
    @JsonbCreator
    public BlankRequest {}
  }

  public record PairRequest(
      @NotBlank @Size(max = 500) String left, @NotBlank @Size(max = 500) String right) {
    @JsonbCreator
    public PairRequest {}
  }

  /** How accepted answers compare: by default case and diacritics do not matter. */
  public record MatchingRequest(Boolean caseSensitive, Boolean diacriticsSensitive) {
    @JsonbCreator
    public MatchingRequest {}
  }

  /**
   * A question. By {@code type}: {@code mcq} takes {@code choices} (and {@code multiple}); {@code
   * fill_blank} takes {@code blanks}; {@code drag_drop} takes {@code mode} {@code ordering} with
   * {@code items} in their correct order, or {@code matching} with {@code pairs}; {@code
   * short_answer} takes {@code accepted} (possibly none: a teacher grades every answer).
   */
  public record QuestionRequest(
      UUID exerciseId,
      @NotNull @Pattern(regexp = "mcq|fill_blank|drag_drop|short_answer") String type,
      @NotBlank @Size(max = 5000) String stem,
      Boolean multiple,
      @Size(max = MAX_OPTIONS) @Valid List<@NotNull ChoiceRequest> choices,
      @Size(max = MAX_OPTIONS) @Valid List<@NotNull BlankRequest> blanks,
      @Pattern(regexp = "ordering|matching") String mode,
      @Size(max = MAX_OPTIONS) List<@NotBlank @Size(max = 500) String> items,
      @Size(max = MAX_OPTIONS) @Valid List<@NotNull PairRequest> pairs,
      @Size(max = MAX_OPTIONS) List<@NotBlank @Size(max = 200) String> accepted,
      @Valid MatchingRequest matching) {
    @JsonbCreator
    public QuestionRequest {}
  }

  /**
   * A question as the bank shows it to staff: what students see ({@code content}) and what grades
   * it ({@code answerKey}).
   */
  public record QuestionView(
      UUID id,
      UUID exerciseId,
      int position,
      String type,
      String stem,
      JsonObject content,
      JsonObject answerKey,
      long version,
      boolean draft) {}

  /**
   * A question an AI job wrote (short answer): it lands in the bank as a draft, which no quiz uses
   * until a teacher accepts it.
   */
  public record DraftQuestion(String stem, String answer) {}

  /** The exercise made for drafts, and its questions in order. */
  public record DraftExercise(UUID exerciseId, List<UUID> questionIds) {}

  // ---------------------------------------------------------------- quizzes

  public record QuizRequest(
      @NotNull UUID lessonId,
      @NotBlank @Size(max = 255) String title,
      @Size(max = 5000) String description,
      @Min(30) @Max(86_400) Integer timeLimitSeconds,
      @Min(1) @Max(100) Integer attemptsAllowed,
      Boolean shuffleQuestions,
      Boolean shuffleChoices,
      @Pattern(regexp = "after_submission|after_last_attempt|never") String showAnswers) {
    @JsonbCreator
    public QuizRequest {}
  }

  /** A partial update; {@code 0} clears the time limit or the attempt limit. */
  public record QuizPatch(
      @Size(min = 1, max = 255) String title,
      @Size(max = 5000) String description,
      @Min(0) @Max(86_400) Integer timeLimitSeconds,
      @Min(0) @Max(100) Integer attemptsAllowed,
      Boolean shuffleQuestions,
      Boolean shuffleChoices,
      @Pattern(regexp = "after_submission|after_last_attempt|never") String showAnswers) {
    @JsonbCreator
    public QuizPatch {}
  }

  public record QuizQuestionRequest(
      @NotNull UUID questionId,
      @NotNull @DecimalMin("0.01") @DecimalMax("1000") BigDecimal points) {
    @JsonbCreator
    public QuizQuestionRequest {}
  }

  public record QuizQuestionsRequest(
      @NotNull @Size(min = 1, max = 100) @Valid List<@NotNull QuizQuestionRequest> questions) {
    @JsonbCreator
    public QuizQuestionsRequest {}
  }

  /** A quiz question as staff see it: the question with its key, and its points. */
  public record QuizItem(int position, BigDecimal points, QuestionView question) {}

  /** A quiz; {@code questions} only for who may edit it (students see them in an attempt). */
  public record QuizView(
      UUID id,
      UUID lessonId,
      String title,
      String description,
      String status,
      Integer timeLimitSeconds,
      Integer attemptsAllowed,
      boolean shuffleQuestions,
      boolean shuffleChoices,
      String showAnswers,
      int questionCount,
      BigDecimal totalPoints,
      Instant publishedAt,
      UUID createdBy,
      Instant createdAt,
      long version,
      List<QuizItem> questions)
      implements org.lectern.platform.Versioned {}

  // ---------------------------------------------------------------- attempts

  /**
   * An answer; the field that fits the question's type: {@code choiceIds} (mcq), {@code blanks}
   * (fill_blank, in blank order), {@code order} (drag_drop ordering: item ids), {@code matches}
   * (drag_drop matching: left id to right id), {@code text} (short_answer).
   */
  public record AnswerRequest(
      @Size(max = MAX_OPTIONS) List<@NotNull UUID> choiceIds,
      @Size(max = MAX_OPTIONS) List<@NotNull @Size(max = 200) String> blanks,
      @Size(max = MAX_OPTIONS) List<@NotNull UUID> order,
      @Size(max = MAX_OPTIONS)
          Map<@NotNull @Size(max = 36) String, @NotNull @Size(max = 36) String> matches,
      @Size(max = 5000) String text) {
    @JsonbCreator
    public AnswerRequest {}
  }

  /** A teacher's grade for one answer: a share of its points, 0 to 1, and feedback. */
  public record GradeRequest(
      @NotNull UUID questionId,
      @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal credit,
      @Size(max = 2000) String feedback) {
    @JsonbCreator
    public GradeRequest {}
  }

  public record GradesRequest(
      @NotNull @Size(min = 1, max = 100) @Valid List<@NotNull GradeRequest> grades) {
    @JsonbCreator
    public GradesRequest {}
  }

  /**
   * One question of an attempt as its student sees it: no key and no correctness until the quiz
   * shows them ({@code answerKey}, {@code credit} and {@code points} stay null before).
   */
  public record AttemptQuestion(
      UUID questionId,
      int position,
      String type,
      String stem,
      JsonObject content,
      BigDecimal maxPoints,
      JsonObject answer,
      BigDecimal credit,
      BigDecimal points,
      String feedback,
      JsonObject answerKey) {}

  public record AttemptView(
      UUID id,
      UUID quizId,
      UUID userId,
      int number,
      String status,
      Instant startedAt,
      Instant deadlineAt,
      Instant submittedAt,
      BigDecimal score,
      BigDecimal pointsEarned,
      BigDecimal pointsPossible,
      Integer timeSpentSec,
      boolean answersShown,
      List<AttemptQuestion> questions) {}

  // ---------------------------------------------------------------- results

  public record StudentResult(
      UUID userId,
      String displayName,
      int attempts,
      BigDecimal bestScore,
      BigDecimal lastScore,
      Instant lastAttemptedAt) {}

  public record ItemStatistics(
      UUID questionId,
      int position,
      String type,
      int responses,
      BigDecimal difficulty,
      BigDecimal discrimination) {}

  /**
   * {@code distribution}: students by best score in ten bands, 0-9.99 ... 90-100. Item statistics
   * are over each student's latest graded attempt: difficulty is the mean credit (the share
   * correct), discrimination the point-biserial correlation of the item's credit with the attempt's
   * score (null with fewer than two students or no spread).
   */
  public record QuizResults(
      UUID quizId,
      int students,
      BigDecimal averageScore,
      List<Integer> distribution,
      List<StudentResult> results,
      List<ItemStatistics> items) {}
}
