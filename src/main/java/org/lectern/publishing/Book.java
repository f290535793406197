package org.lectern.publishing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A book (the seed's Book): the catalogue entry over one story, whose text, versions, chunks and
 * audio stay the story's. Its {@code publishingStatus} follows its submission through the workflow.
 * Counters and ratings are never written through this entity: they move by atomic UPDATEs in {@link
 * Books}, so none is lost under concurrent requests, and books are read with SQL, not through it.
 */
@Entity
@Table(name = "books")
public class Book extends TenantScoped {

  static final String RESOURCE = "book";

  /** Who may read what: ABAC rules read these as {@code resource.accessType}. */
  public enum AccessType {
    free,
    premium,
    restricted
  }

  /** Where the book stands, following its latest submission ({@link Stage#bookStatus}). */
  public enum Status {
    draft,
    in_review,
    published,
    rejected,
    archived
  }

  @Id private UUID id;

  @Column(name = "story_id", nullable = false)
  private UUID storyId;

  @Column(nullable = false)
  private String title;

  private String description;

  private String isbn;

  @Column(name = "publishing_status", nullable = false)
  private String publishingStatus;

  @Column(name = "published_at")
  private Instant publishedAt;

  @Convert(converter = TextArrayConverter.class)
  @Column(name = "grade_level", nullable = false)
  private List<String> gradeLevel = new ArrayList<>();

  @Convert(converter = TextArrayConverter.class)
  @Column(nullable = false)
  private List<String> curriculum = new ArrayList<>();

  @Column(name = "access_type", nullable = false)
  private String accessType;

  @Column(nullable = false)
  private String language;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Book() {}

  Book(
      UUID storyId,
      String title,
      String description,
      String isbn,
      List<String> gradeLevel,
      List<String> curriculum,
      AccessType accessType,
      String language,
      UUID createdBy) {
    this.id = Ids.newId();
    this.storyId = storyId;
    this.title = title.strip();
    this.description = description == null || description.isBlank() ? null : description;
    this.isbn = isbn;
    this.gradeLevel = new ArrayList<>(gradeLevel);
    this.curriculum = new ArrayList<>(curriculum);
    this.accessType = accessType.name();
    this.language = language;
    this.publishingStatus = Stage.draft.bookStatus();
    this.createdBy = createdBy;
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.updatedAt = createdAt;
  }

  /** The book follows its submission: published when it is, withdrawn when it is archived. */
  void follow(Stage stage) {
    publishingStatus = stage.bookStatus();
    if (stage == Stage.published && publishedAt == null) {
      publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
    updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The catalogue fields a PATCH gives: null leaves a field as it is, an empty description or ISBN
   * clears it. The story, its facts and the publishing status are not the client's to set.
   */
  void edit(
      String title,
      String description,
      String isbn,
      List<String> gradeLevel,
      List<String> curriculum,
      AccessType accessType) {
    if (title != null) {
      this.title = title.strip();
    }
    if (description != null) {
      this.description = description.isBlank() ? null : description;
    }
    if (isbn != null) {
      this.isbn = isbn.isEmpty() ? null : isbn;
    }
    if (gradeLevel != null) {
      this.gradeLevel = new ArrayList<>(gradeLevel.stream().distinct().toList());
    }
    if (curriculum != null) {
      this.curriculum = new ArrayList<>(curriculum.stream().distinct().toList());
    }
    if (accessType != null) {
      this.accessType = accessType.name();
    }
    this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  long version() {
    return version;
  }

  UUID id() {
    return id;
  }

  UUID storyId() {
    return storyId;
  }

  String title() {
    return title;
  }

  String language() {
    return language;
  }

  String publishingStatus() {
    return publishingStatus;
  }

  UUID createdBy() {
    return createdBy;
  }
}
