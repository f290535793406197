package org.lectern.content;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.JsonbConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * One version of a story's text (schema-guide.md, "Story Embedding System"). A version's text and
 * chunks never change once written; an edit makes the next version. Only its flags move: approved
 * once its publication was allowed, published while it is the one readers get.
 */
@Entity
@Table(name = "story_versions")
public class StoryVersion extends TenantScoped {

  @Id private UUID id;

  @Column(name = "story_id", nullable = false)
  private UUID storyId;

  @Column(name = "version_number", nullable = false)
  private int number;

  @Column(nullable = false)
  private String content;

  @Column(name = "word_count", nullable = false)
  private int wordCount;

  @Column(name = "cheming_ratio")
  private BigDecimal chemingRatio;

  @Convert(converter = JsonbConverter.class)
  @Column(name = "cheming_scopes")
  private String chemingScopes;

  @Column(name = "is_approved", nullable = false)
  private boolean approved;

  @Column(name = "is_published", nullable = false)
  private boolean published;

  @Column(name = "based_on")
  private Integer basedOn;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected StoryVersion() {}

  /** Version {@code number} of a story, made of these chunks. */
  public StoryVersion(
      UUID storyId,
      int number,
      List<Chunks.Piece> chunks,
      String chemingScopes,
      Integer basedOn,
      UUID author) {
    this.id = Ids.newId();
    this.storyId = storyId;
    this.number = number;
    this.content = Chunks.join(chunks);
    this.wordCount =
        chunks.stream()
            .filter(c -> c.type() != Chunks.Type.explain)
            .mapToInt(c -> Story.countWords(c.text()))
            .sum();
    this.chemingRatio = Chunks.chemRatio(chunks);
    this.chemingScopes = chemingScopes;
    this.basedOn = basedOn;
    this.createdBy = author;
    this.createdAt = Instant.now();
  }

  void publish() {
    approved = true;
    published = true;
  }

  void unpublish() {
    published = false;
  }

  public UUID id() {
    return id;
  }

  public UUID storyId() {
    return storyId;
  }

  public int number() {
    return number;
  }

  public String content() {
    return content;
  }

  public int wordCount() {
    return wordCount;
  }

  public BigDecimal chemingRatio() {
    return chemingRatio;
  }

  public String chemingScopes() {
    return chemingScopes;
  }

  public boolean isApproved() {
    return approved;
  }

  public boolean isPublished() {
    return published;
  }

  public Integer basedOn() {
    return basedOn;
  }

  public UUID createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
