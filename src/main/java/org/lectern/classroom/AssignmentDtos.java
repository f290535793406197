package org.lectern.classroom;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
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

/** Request and response bodies of {@code /api/assignments} and {@code /api/submissions}. */
public final class AssignmentDtos {

  private AssignmentDtos() {}

  /** What an assignment points at. */
  public record Target(@NotNull Assignment.TargetType type, @NotNull UUID id) {
    @JsonbCreator
    public Target {}
  }

  /**
   * POST: a draft assignment for a classroom; {@code studentIds} chooses students of it (absent:
   * the whole class).
   */
  public record AssignmentRequest(
      @NotNull UUID classroomId,
      @NotBlank @Size(max = 255) String title,
      @Size(max = 10000) String instructions,
      @NotNull @Valid Target target,
      Instant opensAt,
      Instant dueAt,
      @Min(0) @Max(1000) Integer points,
      @Size(min = 1, max = 500) List<@NotNull UUID> studentIds) {
    @JsonbCreator
    public AssignmentRequest {}
  }

  /** PATCH: only the fields given change; the target and students only while a draft. */
  public record AssignmentPatch(
      @Size(max = 255) @Pattern(regexp = ClassroomDtos.NOT_BLANK, message = "must not be blank")
          String title,
      @Size(max = 10000) String instructions,
      @Valid Target target,
      Instant opensAt,
      Instant dueAt,
      @Min(0) @Max(1000) Integer points,
      @Size(max = 500) List<@NotNull UUID> studentIds) {
    @JsonbCreator
    public AssignmentPatch {}
  }

  /** The target as the caller sees it: its title when they may read it. */
  public record TargetView(Assignment.TargetType type, UUID id, String title) {}

  /** The caller's own submission for an assignment, in brief. */
  public record MySubmission(UUID id, SubmissionState state, boolean late, BigDecimal grade) {}

  /**
   * An assignment. {@code studentIds} is null for whole-class work and for students; {@code
   * submission} is the caller's own, null for who has none (teachers).
   */
  public record AssignmentView(
      UUID id,
      UUID classroomId,
      String title,
      String instructions,
      TargetView target,
      Instant opensAt,
      Instant dueAt,
      Integer points,
      Assignment.Status status,
      String audience,
      List<UUID> studentIds,
      Instant publishedAt,
      UUID createdBy,
      Instant createdAt,
      Instant updatedAt,
      long version,
      MySubmission submission)
      implements Versioned {}

  /** POST turn-in: the work, each part optional; given parts replace an earlier turn-in's. */
  public record TurnInRequest(
      @Size(max = 10) List<@NotNull @Valid Attachment> attachments,
      @Size(max = 20000) String text) {
    @JsonbCreator
    public TurnInRequest {}
  }

  /** POST return: a grade (up to the assignment's points) and feedback, each optional. */
  public record ReturnRequest(
      @DecimalMin("0") @Digits(integer = 4, fraction = 2) BigDecimal grade,
      @Size(max = 5000) String feedback) {
    @JsonbCreator
    public ReturnRequest {}
  }

  /** A submission. */
  public record SubmissionView(
      UUID id,
      UUID assignmentId,
      UUID classroomId,
      UUID studentId,
      SubmissionState state,
      boolean late,
      String text,
      List<Attachment> attachments,
      BigDecimal grade,
      String feedback,
      Instant turnedInAt,
      Instant returnedAt,
      Instant updatedAt,
      long version)
      implements Versioned {

    static SubmissionView of(Submission s) {
      return new SubmissionView(
          s.id(),
          s.assignmentId(),
          s.classroomId(),
          s.studentId(),
          s.state(),
          s.late(),
          s.text(),
          s.attachments(),
          s.grade(),
          s.feedback(),
          s.turnedInAt(),
          s.returnedAt(),
          s.updatedAt(),
          s.version());
    }
  }
}
