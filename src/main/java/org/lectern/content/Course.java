package org.lectern.content;

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
import org.lectern.tenancy.SoftDeletable;

/**
 * A course (schema-guide.md, "Hierarchical Content Structure"): ordered units of ordered lessons.
 * Students read a published course when they are enrolled in it, or when its audience is the whole
 * school. Deleting is soft.
 */
@Entity
@Table(name = "courses")
public class Course extends SoftDeletable {

  /** CEFR level of the language a course teaches. */
  public enum Level {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2
  }

  /** Who may read a published course besides its editors. */
  public enum Audience {
    /** Students enrolled in it. */
    enrolled,
    /** Every student of the school. */
    school
  }

  @Id private UUID id;

  @Column(nullable = false)
  private String title;

  private String description;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Level level;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Story.Difficulty difficulty;

  @Column(nullable = false)
  private String language;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Story.Status status;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Audience audience;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Course() {}

  public Course(String title, Level level, Story.Difficulty difficulty, UUID author) {
    this.id = Ids.newId();
    this.title = title.strip();
    this.level = level;
    this.difficulty = difficulty;
    this.language = "en";
    this.status = Story.Status.draft;
    this.audience = Audience.enrolled;
    this.createdBy = author;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** Applies the given fields; null leaves a field as it is. */
  public void edit(
      String title,
      String description,
      Level level,
      Story.Difficulty difficulty,
      String language,
      Audience audience) {
    if (title != null) {
      this.title = title.strip();
    }
    if (description != null) {
      this.description = description.isBlank() ? null : description.strip();
    }
    if (level != null) {
      this.level = level;
    }
    if (difficulty != null) {
      this.difficulty = difficulty;
    }
    if (language != null) {
      this.language = language;
    }
    if (audience != null) {
      this.audience = audience;
    }
    touch();
  }

  public void changeStatus(Story.Status status) {
    this.status = status;
    touch();
  }

  @Override
  protected void changed(Instant at) {
    updatedAt = at;
  }

  /** A change to the course's structure (its units) is a change of the course. */
  public void touch() {
    updatedAt = Instant.now();
  }

  /** What ABAC conditions see as {@code resource.*}. */
  public Map<String, Object> attributes() {
    Map<String, Object> a = new HashMap<>();
    a.put("id", id.toString());
    a.put("title", title);
    a.put("status", status.name());
    a.put("audience", audience.name());
    a.put("level", level.name());
    a.put("difficulty", difficulty.name());
    a.put("language", language);
    a.put("createdBy", createdBy.toString());
    a.put("createdAt", createdAt.toString());
    return a;
  }

  public UUID id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public Level level() {
    return level;
  }

  public Story.Difficulty difficulty() {
    return difficulty;
  }

  public String language() {
    return language;
  }

  public Story.Status status() {
    return status;
  }

  public Audience audience() {
    return audience;
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
