package org.lectern.classroom;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.SoftDeletable;

/**
 * Work a teacher assigns to a classroom, or to chosen students of it: a story, lesson or course to
 * do between {@code opensAt} and {@code dueAt}. A draft is seen by the classroom's teachers only;
 * publishing it makes one {@link Submission} per student. Deleting is soft.
 */
@Entity
@Table(name = "assignments")
public class Assignment extends SoftDeletable {

  static final String RESOURCE = "assignment";

  /** What kind of material an assignment points at; quizzes come from assessment. */
  public enum TargetType {
    story,
    lesson,
    course,
    quiz
  }

  public enum Status {
    draft,
    published
  }

  /** Who must do it: every student of the classroom (late joiners included). */
  static final String CLASS = "class";

  /** Who must do it: the chosen students only. */
  static final String STUDENTS = "students";

  @Id private UUID id;

  @Column(name = "classroom_id", nullable = false)
  private UUID classroomId;

  @Column(nullable = false)
  private String title;

  private String instructions;

  @Enumerated(EnumType.STRING)
  @Column(name = "target_type", nullable = false)
  private TargetType targetType;

  @Column(name = "target_id", nullable = false)
  private UUID targetId;

  @Column(name = "opens_at")
  private Instant opensAt;

  @Column(name = "due_at")
  private Instant dueAt;

  private Integer points;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(nullable = false)
  private String audience;

  @Column(name = "published_at")
  private Instant publishedAt;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Assignment() {}

  public Assignment(
      UUID classroomId,
      String title,
      TargetType targetType,
      UUID targetId,
      boolean chosenStudents,
      UUID author) {
    this.id = Ids.newId();
    this.classroomId = classroomId;
    this.title = title.strip();
    this.targetType = targetType;
    this.targetId = targetId;
    this.audience = chosenStudents ? STUDENTS : CLASS;
    this.status = Status.draft;
    this.createdBy = author;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** Applies the given fields; null leaves a field as it is. */
  public void edit(String title, String instructions, Integer points) {
    if (title != null) {
      this.title = title.strip();
    }
    if (instructions != null) {
      this.instructions = instructions.isBlank() ? null : instructions.strip();
    }
    if (points != null) {
      this.points = points;
    }
    updatedAt = Instant.now();
  }

  /** Moves the window; a due time must come after the opening time (400 otherwise). */
  public void schedule(Instant opensAt, Instant dueAt) {
    Instant opens = opensAt != null ? opensAt : this.opensAt;
    Instant due = dueAt != null ? dueAt : this.dueAt;
    if (opens != null && due != null && !due.isAfter(opens)) {
      throw LecternException.invalid("dueAt", "must be after opensAt");
    }
    this.opensAt = opens;
    this.dueAt = due;
    updatedAt = Instant.now();
  }

  /** Changes what is to be done or who must do it: only while a draft. */
  public void retarget(TargetType type, UUID id, Boolean chosenStudents) {
    requireDraft();
    if (type != null) {
      this.targetType = type;
      this.targetId = id;
    }
    if (chosenStudents != null) {
      this.audience = chosenStudents ? STUDENTS : CLASS;
    }
    updatedAt = Instant.now();
  }

  void requireDraft() {
    if (status != Status.draft) {
      throw LecternException.conflict(
          "assignment.published",
          "This assignment is published: its target and students can no longer change.");
    }
  }

  /** Publishes a draft (409 {@code assignment.published} if it already is). */
  public void publish() {
    requireDraft();
    status = Status.published;
    publishedAt = Instant.now();
    updatedAt = publishedAt;
  }

  /** Whether a turn-in now would be late. */
  public boolean isLate(Instant at) {
    return dueAt != null && at.isAfter(dueAt);
  }

  /** Whether students may work on it at {@code at}. */
  public boolean isOpen(Instant at) {
    return opensAt == null || !at.isBefore(opensAt);
  }

  @Override
  protected void changed(Instant at) {
    updatedAt = at;
  }

  /** What ABAC conditions see as {@code resource.*}. */
  public Map<String, Object> attributes() {
    return attributes(id, classroomId, status, createdBy);
  }

  static Map<String, Object> attributes(UUID id, UUID classroomId, Status status, UUID createdBy) {
    Map<String, Object> a = new HashMap<>();
    if (id != null) {
      a.put("id", id.toString());
    }
    a.put("classroomId", classroomId.toString());
    a.put("status", status.name());
    if (createdBy != null) {
      a.put("createdBy", createdBy.toString());
    }
    return a;
  }

  public UUID id() {
    return id;
  }

  public UUID classroomId() {
    return classroomId;
  }

  public String title() {
    return title;
  }

  public String instructions() {
    return instructions;
  }

  public TargetType targetType() {
    return targetType;
  }

  public UUID targetId() {
    return targetId;
  }

  public Instant opensAt() {
    return opensAt;
  }

  public Instant dueAt() {
    return dueAt;
  }

  public Integer points() {
    return points;
  }

  public Status status() {
    return status;
  }

  /** {@value #CLASS} or {@value #STUDENTS}. */
  public String audience() {
    return audience;
  }

  public boolean forChosenStudents() {
    return STUDENTS.equals(audience);
  }

  public Instant publishedAt() {
    return publishedAt;
  }

  public UUID createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }
}
