package org.lectern.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantScoped;

/** A unit of a course: a titled, ordered group of lessons. */
@Entity
@Table(name = "units")
public class Unit extends TenantScoped {

  @Id private UUID id;

  @Column(name = "course_id", nullable = false)
  private UUID courseId;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private int position;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Unit() {}

  public Unit(UUID courseId, String title, int position) {
    this.id = Ids.newId();
    this.courseId = courseId;
    this.title = title.strip();
    this.position = position;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  public void rename(String title) {
    this.title = title.strip();
    updatedAt = Instant.now();
  }

  void position(int position) {
    if (this.position != position) {
      this.position = position;
      updatedAt = Instant.now();
    }
  }

  public UUID id() {
    return id;
  }

  public UUID courseId() {
    return courseId;
  }

  public String title() {
    return title;
  }

  public int position() {
    return position;
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
