package org.lectern.classroom;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.classroom.SubmissionState.Action;
import org.lectern.platform.JsonbConverter;
import org.lectern.platform.JsonbSettings;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantScoped;

/**
 * One student's work on one assignment (the seed's AssignmentSubmission): made when the assignment
 * is published, then moved through {@link SubmissionState} by its verbs. A verb that its state does
 * not allow is a 409 that names both, and changes nothing.
 */
@Entity
@Table(name = "submissions")
public class Submission extends TenantScoped {

  static final String RESOURCE = "submission";

  @Id private UUID id;

  @Column(name = "assignment_id", nullable = false)
  private UUID assignmentId;

  @Column(name = "classroom_id", nullable = false)
  private UUID classroomId;

  @Column(name = "student_id", nullable = false)
  private UUID studentId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private SubmissionState state;

  @Column(nullable = false)
  private boolean late;

  private String text;

  @Convert(converter = JsonbConverter.class)
  private String attachments = "[]";

  private BigDecimal grade;

  private String feedback;

  @Column(name = "turned_in_at")
  private Instant turnedInAt;

  @Column(name = "returned_at")
  private Instant returnedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Submission() {}

  /** The student starts working: {@code assigned} to {@code in_progress}. */
  public void start() {
    move(Action.START);
  }

  /**
   * The student hands in their work, late if after {@code dueAt}; {@code text} and {@code
   * attachments} replace what an earlier turn-in brought, when given.
   */
  public void turnIn(String text, List<Attachment> attachments, Instant at, boolean late) {
    move(Action.TURN_IN);
    if (text != null) {
      this.text = text.isBlank() ? null : text;
    }
    if (attachments != null) {
      this.attachments = JsonbSettings.jsonb().toJson(attachments);
    }
    this.turnedInAt = at;
    this.late = late;
  }

  /** The teacher hands the work back with a grade and feedback (each optional). */
  public void giveBack(BigDecimal grade, String feedback) {
    move(Action.RETURN);
    this.grade = grade;
    this.feedback = feedback == null || feedback.isBlank() ? null : feedback;
    this.returnedAt = Instant.now();
  }

  /** Back to work: the student may turn in again; the last grade stays until the next return. */
  public void reopen() {
    move(Action.REOPEN);
  }

  /** The student need not do this assignment. */
  public void excuse() {
    move(Action.EXCUSE);
  }

  private void move(Action action) {
    SubmissionState from = state;
    state =
        from.after(action)
            .orElseThrow(
                () ->
                    LecternException.conflict(
                        "submission.invalid-transition",
                        "A submission that is "
                            + from.name()
                            + " cannot be given the action "
                            + action.wire()
                            + "."));
    updatedAt = Instant.now();
  }

  /** What ABAC conditions see as {@code resource.*}. */
  public Map<String, Object> attributes() {
    Map<String, Object> a = new HashMap<>();
    a.put("id", id.toString());
    a.put("assignmentId", assignmentId.toString());
    a.put("classroomId", classroomId.toString());
    a.put("studentId", studentId.toString());
    a.put("state", state.name());
    a.put("late", late);
    return a;
  }

  public UUID id() {
    return id;
  }

  public UUID assignmentId() {
    return assignmentId;
  }

  public UUID classroomId() {
    return classroomId;
  }

  public UUID studentId() {
    return studentId;
  }

  public SubmissionState state() {
    return state;
  }

  public boolean late() {
    return late;
  }

  public String text() {
    return text;
  }

  public List<Attachment> attachments() {
    return List.of(JsonbSettings.jsonb().fromJson(attachments, Attachment[].class));
  }

  public BigDecimal grade() {
    return grade;
  }

  public String feedback() {
    return feedback;
  }

  public Instant turnedInAt() {
    return turnedInAt;
  }

  public Instant returnedAt() {
    return returnedAt;
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
