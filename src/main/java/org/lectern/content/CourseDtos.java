package org.lectern.content;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Versioned;

/**
 * Request and response bodies of {@code /api/courses}, {@code /api/units}, {@code /api/lessons}.
 */
public final class CourseDtos {

  private CourseDtos() {}

  static final String LANGUAGE = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
  static final String NOT_BLANK = "(?s).*\\S.*";

  /** POST: a new course, as a draft. */
  public record CourseRequest(
      @NotBlank @Size(max = 255) String title,
      @Size(max = 5000) String description,
      @NotNull Course.Level level,
      @NotNull Story.Difficulty difficulty,
      @Pattern(regexp = LANGUAGE, message = "must be a language code such as en or pt-BR")
          String language,
      Course.Audience audience) {
    @JsonbCreator
    public CourseRequest {}
  }

  /** PATCH: only the fields given change; {@code status} needs the publishing right. */
  public record CoursePatch(
      @Size(max = 255) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
      @Size(max = 5000) String description,
      Course.Level level,
      Story.Difficulty difficulty,
      @Pattern(regexp = LANGUAGE, message = "must be a language code such as en or pt-BR")
          String language,
      Course.Audience audience,
      Story.Status status) {
    @JsonbCreator
    public CoursePatch {}
  }

  /** A course in a list. */
  public record CourseSummary(
      UUID id,
      String title,
      Course.Level level,
      Story.Difficulty difficulty,
      String language,
      Story.Status status,
      Course.Audience audience,
      UUID createdBy,
      Instant createdAt,
      long version) {

    static CourseSummary of(Course c) {
      return new CourseSummary(
          c.id(),
          c.title(),
          c.level(),
          c.difficulty(),
          c.language(),
          c.status(),
          c.audience(),
          c.createdBy(),
          c.createdAt(),
          c.version());
    }
  }

  /** A course with its units and, in each, the lessons the caller may read. */
  public record CourseView(
      UUID id,
      String title,
      String description,
      Course.Level level,
      Story.Difficulty difficulty,
      String language,
      Story.Status status,
      Course.Audience audience,
      UUID createdBy,
      Instant createdAt,
      Instant updatedAt,
      long version,
      List<UnitView> units)
      implements Versioned {

    static CourseView of(Course c, List<UnitView> units) {
      return new CourseView(
          c.id(),
          c.title(),
          c.description(),
          c.level(),
          c.difficulty(),
          c.language(),
          c.status(),
          c.audience(),
          c.createdBy(),
          c.createdAt(),
          c.updatedAt(),
          c.version(),
          units);
    }
  }

  /** POST a unit; {@code position} (1-based) defaults to the end. */
  public record UnitRequest(@NotBlank @Size(max = 255) String title, @Min(1) Integer position) {
    @JsonbCreator
    public UnitRequest {}
  }

  /** PATCH a unit: rename it, or move it. */
  public record UnitPatch(
      @Size(max = 255) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
      @Min(1) Integer position) {
    @JsonbCreator
    public UnitPatch {}
  }

  /** A unit with its lessons (summaries). */
  public record UnitView(
      UUID id, UUID courseId, String title, int position, long version, List<LessonSummary> lessons)
      implements Versioned {

    static UnitView of(Unit u, List<LessonSummary> lessons) {
      return new UnitView(u.id(), u.courseId(), u.title(), u.position(), u.version(), lessons);
    }
  }

  /** PUT a new order: every id once. */
  public record OrderRequest(@NotNull @Size(max = 1000) List<UUID> ids) {
    @JsonbCreator
    public OrderRequest {}
  }

  /** POST a lesson into a unit; {@code position} (1-based) defaults to the end. */
  public record LessonRequest(
      @NotBlank @Size(max = 255) String title,
      @Size(max = 5000) String description,
      @Min(1) @Max(1440) Integer estimatedMinutes,
      @Size(max = 50) List<UUID> prerequisites,
      @Min(1) Integer position) {
    @JsonbCreator
    public LessonRequest {}
  }

  /**
   * PATCH a lesson. {@code unitId} moves it to another unit of the same course ({@code position}
   * there, or the end). {@code status} draft or archived withdraws it; publishing is {@code POST
   * /api/lessons/{id}/publish}.
   */
  public record LessonPatch(
      @Size(max = 255) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
      @Size(max = 5000) String description,
      @Min(1) @Max(1440) Integer estimatedMinutes,
      @Size(max = 50) List<UUID> prerequisites,
      UUID unitId,
      @Min(1) Integer position,
      Story.Status status) {
    @JsonbCreator
    public LessonPatch {}
  }

  /** A lesson in a list or a course outline: without its description. */
  public record LessonSummary(
      UUID id,
      UUID courseId,
      UUID unitId,
      String title,
      int position,
      Integer estimatedMinutes,
      Story.Status status,
      Instant publishedAt,
      long version) {

    static LessonSummary of(Lesson l) {
      return new LessonSummary(
          l.id(),
          l.courseId(),
          l.unitId(),
          l.title(),
          l.position(),
          l.estimatedMinutes(),
          l.status(),
          l.publishedAt(),
          l.version());
    }
  }

  /** A lesson in full, with the stories of it the caller may read. */
  public record LessonView(
      UUID id,
      UUID courseId,
      UUID unitId,
      String title,
      String description,
      int position,
      Integer estimatedMinutes,
      List<UUID> prerequisites,
      Story.Status status,
      Instant publishedAt,
      UUID createdBy,
      UUID approvedBy,
      Instant createdAt,
      Instant updatedAt,
      long version,
      List<StoryDtos.StorySummary> stories)
      implements Versioned {

    static LessonView of(Lesson l, List<StoryDtos.StorySummary> stories) {
      return new LessonView(
          l.id(),
          l.courseId(),
          l.unitId(),
          l.title(),
          l.description(),
          l.position(),
          l.estimatedMinutes(),
          l.prerequisites(),
          l.status(),
          l.publishedAt(),
          l.createdBy(),
          l.approvedBy(),
          l.createdAt(),
          l.updatedAt(),
          l.version(),
          stories);
    }
  }

  /** POST an enrollment. */
  public record EnrollmentRequest(@NotNull UUID userId) {
    @JsonbCreator
    public EnrollmentRequest {}
  }

  /** A student in a course. */
  public record EnrollmentView(
      UUID courseId, UUID userId, String email, String displayName, UUID enrolledBy, Instant at) {}
}
