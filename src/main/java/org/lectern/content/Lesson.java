package org.lectern.content;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.SoftDeletable;

/**
 * A lesson of a unit (schema-guide.md, "Hierarchical Content Structure"). Students read it once it
 * is published and they may read its course. Deleting is soft.
 */
@Entity
@Table(name = "lessons")
public class Lesson extends SoftDeletable {

  @Id private UUID id;

  @Column(name = "course_id", nullable = false)
  private UUID courseId;

  @Column(name = "unit_id", nullable = false)
  private UUID unitId;

  @Column(nullable = false)
  private String title;

  private String description;

  @Column(nullable = false)
  private int position;

  @Column(name = "estimated_minutes")
  private Integer estimatedMinutes;

  @Convert(converter = TextArrayConverter.class)
  @Column(nullable = false)
  private List<String> prerequisites = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Story.Status status;

  @Column(name = "published_at")
  private Instant publishedAt;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "approved_by")
  private UUID approvedBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Lesson() {}

  public Lesson(Unit unit, String title, int position, UUID author) {
    this.id = Ids.newId();
    this.courseId = unit.courseId();
    this.unitId = unit.id();
    this.title = title.strip();
    this.position = position;
    this.status = Story.Status.draft;
    this.createdBy = author;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** Applies the given fields; null leaves a field as it is. */
  public void edit(String title, String description, Integer estimatedMinutes) {
    if (title != null) {
      this.title = title.strip();
    }
    if (description != null) {
      this.description = description.isBlank() ? null : description.strip();
    }
    if (estimatedMinutes != null) {
      this.estimatedMinutes = estimatedMinutes;
    }
    touch();
  }

  /** Prerequisites are checked (same tenant, no cycle) by the service. */
  public void prerequisites(List<UUID> lessons) {
    this.prerequisites = new ArrayList<>(lessons.stream().map(UUID::toString).toList());
    touch();
  }

  /** Publishing stamps the time and who approved it (the publisher, or the approver). */
  public void publish(UUID approver) {
    status = Story.Status.published;
    publishedAt = Instant.now();
    approvedBy = approver;
    touch();
  }

  /** Back to draft or archived. */
  public void withdraw(Story.Status status) {
    this.status = status;
    touch();
  }

  void moveTo(UUID unitId, int position) {
    if (!unitId.equals(this.unitId) || position != this.position) {
      this.unitId = unitId;
      this.position = position;
      touch();
    }
  }

  @Override
  protected void changed(Instant at) {
    updatedAt = at;
  }

  private void touch() {
    updatedAt = Instant.now();
  }

  /**
   * What ABAC conditions see as {@code resource.*}: the lesson's own fields and its course's
   * status, audience and author ({@code courseStatus}, {@code courseAudience}, {@code
   * courseCreatedBy}).
   */
  public Map<String, Object> attributes(Course course) {
    Map<String, Object> a = new HashMap<>();
    a.put("id", id.toString());
    a.put("title", title);
    a.put("status", status.name());
    a.put("courseId", courseId.toString());
    a.put("unitId", unitId.toString());
    a.put("createdBy", createdBy.toString());
    a.put("estimatedMinutes", estimatedMinutes);
    a.put("courseStatus", course.status().name());
    a.put("courseAudience", course.audience().name());
    a.put("courseCreatedBy", course.createdBy().toString());
    return a;
  }

  public UUID id() {
    return id;
  }

  public UUID courseId() {
    return courseId;
  }

  public UUID unitId() {
    return unitId;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public int position() {
    return position;
  }

  public Integer estimatedMinutes() {
    return estimatedMinutes;
  }

  public List<UUID> prerequisites() {
    return prerequisites.stream().map(UUID::fromString).toList();
  }

  public Story.Status status() {
    return status;
  }

  public Instant publishedAt() {
    return publishedAt;
  }

  public UUID createdBy() {
    return createdBy;
  }

  public UUID approvedBy() {
    return approvedBy;
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
