package org.lectern.classroom;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.lectern.tenancy.SoftDeletable;

/**
 * A classroom (the seed's ClassRoom): a teacher's class with its co-teachers, students and class
 * code. Archiving hides it from its students and refuses new work in it; deleting is soft. Rows are
 * inserted by {@link ClassroomService}, which retries under the unique index of active class codes.
 */
@Entity
@Table(name = "classrooms")
public class Classroom extends SoftDeletable {

  static final String RESOURCE = "classroom";

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  private String subject;

  @Column(name = "grade_level")
  private String gradeLevel;

  private String term;

  private String description;

  @Column(name = "class_code", nullable = false)
  private String classCode;

  @Column(name = "archived_at")
  private Instant archivedAt;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Classroom() {}

  /** Applies the given fields; null leaves a field as it is, blank clears an optional one. */
  public void edit(
      String name, String subject, String gradeLevel, String term, String description) {
    if (name != null) {
      this.name = name.strip();
    }
    this.subject = optional(subject, this.subject);
    this.gradeLevel = optional(gradeLevel, this.gradeLevel);
    this.term = optional(term, this.term);
    this.description = optional(description, this.description);
    updatedAt = Instant.now();
  }

  private static String optional(String given, String current) {
    if (given == null) {
      return current;
    }
    return given.isBlank() ? null : given.strip();
  }

  /** Hides the classroom from its students and frees its code; archiving twice changes nothing. */
  public void archive() {
    if (archivedAt == null) {
      archivedAt = Instant.now();
      updatedAt = archivedAt;
    }
  }

  @Override
  protected void changed(Instant at) {
    updatedAt = at;
  }

  /** What ABAC conditions see as {@code resource.*}. */
  public Map<String, Object> attributes() {
    return attributes(id, archivedAt != null, createdBy);
  }

  static Map<String, Object> attributes(UUID id, boolean archived, UUID createdBy) {
    Map<String, Object> a = new HashMap<>();
    a.put("id", id.toString());
    a.put("archived", archived);
    a.put("createdBy", createdBy.toString());
    return a;
  }

  public UUID id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String subject() {
    return subject;
  }

  public String gradeLevel() {
    return gradeLevel;
  }

  public String term() {
    return term;
  }

  public String description() {
    return description;
  }

  public String classCode() {
    return classCode;
  }

  public boolean isArchived() {
    return archivedAt != null;
  }

  public Instant archivedAt() {
    return archivedAt;
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
