package org.lectern.classroom;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Versioned;

/** Request and response bodies of {@code /api/classrooms}. */
public final class ClassroomDtos {

  private ClassroomDtos() {}

  static final String NOT_BLANK = "(?s).*\\S.*";

  /** POST: a new classroom, taught by its creator. */
  public record ClassroomRequest(
      @NotBlank @Size(max = 255) String name,
      @Size(max = 100) String subject,
      @Size(max = 32) String gradeLevel,
      @Size(max = 100) String term,
      @Size(max = 5000) String description) {
    @JsonbCreator
    public ClassroomRequest {}
  }

  /** PATCH: only the fields given change; blank clears an optional text. */
  public record ClassroomPatch(
      @Size(max = 255) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String name,
      @Size(max = 100) String subject,
      @Size(max = 32) String gradeLevel,
      @Size(max = 100) String term,
      @Size(max = 5000) String description,
      Boolean archived) {
    @JsonbCreator
    public ClassroomPatch {}
  }

  /** PUT: the classroom's teachers, all of them. */
  public record TeachersRequest(@NotNull @Size(min = 1, max = 20) List<@NotNull UUID> userIds) {
    @JsonbCreator
    public TeachersRequest {}
  }

  /** POST join: the code as the student typed it (spaces, dashes and case do not matter). */
  public record JoinRequest(@NotBlank @Size(max = 16) String classCode) {
    @JsonbCreator
    public JoinRequest {}
  }

  /** POST a student. */
  public record StudentRequest(@NotNull UUID userId) {
    @JsonbCreator
    public StudentRequest {}
  }

  /**
   * A classroom. {@code classCode} is shown to who manages the classroom only (null for its
   * students).
   */
  public record ClassroomView(
      UUID id,
      String name,
      String subject,
      String gradeLevel,
      String term,
      String description,
      boolean archived,
      String classCode,
      List<UUID> teacherIds,
      UUID createdBy,
      Instant createdAt,
      Instant updatedAt,
      long version)
      implements Versioned {}

  /** A student of a classroom. */
  public record StudentView(
      UUID classroomId,
      UUID userId,
      String email,
      String displayName,
      String joinedVia,
      UUID enrolledBy,
      Instant at) {}

  /** One published assignment as a column of the overview. */
  public record OverviewAssignment(
      UUID id, String title, Instant dueAt, Integer points, long overdue) {}

  /** One student's cell for one assignment; {@code state} null when they have no submission. */
  public record OverviewCell(
      UUID assignmentId,
      UUID submissionId,
      SubmissionState state,
      boolean late,
      boolean overdue,
      java.math.BigDecimal grade) {}

  /** One student's row: a cell per assignment, in the order of {@code assignments}. */
  public record OverviewRow(
      UUID studentId, String email, String displayName, long overdue, List<OverviewCell> cells) {}

  /** Students × published assignments, with the overdue counts. */
  public record Overview(
      UUID classroomId,
      Instant at,
      List<OverviewAssignment> assignments,
      List<OverviewRow> students,
      long overdue) {}
}
