package org.lectern.content;

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
import java.util.Map;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A story (schema-guide.md, "Story Embedding System"). Its word count is derived from the content
 * on every edit, never typed in. Deleting is soft: {@code deletedAt} hides it from every read.
 */
@Entity
@Table(name = "stories")
public class Story extends TenantScoped {

  /** Where a story came from. */
  public enum StoryType {
    original,
    adapted,
    generated
  }

  /** How hard a story is to read. */
  public enum Difficulty {
    beginner,
    elementary,
    intermediate,
    upper_intermediate,
    advanced
  }

  /** Only published stories reach students. */
  public enum Status {
    draft,
    published,
    archived
  }

  @Id private UUID id;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "lesson_id")
  private UUID lessonId;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String content;

  @Enumerated(EnumType.STRING)
  @Column(name = "story_type", nullable = false)
  private StoryType storyType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Difficulty difficulty;

  @Column(name = "estimated_minutes")
  private Integer estimatedMinutes;

  @Column(name = "word_count", nullable = false)
  private int wordCount;

  @Column(name = "chem_ratio")
  private BigDecimal chemRatio;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "deleted_at")
  private Instant deletedAt;

  @Version private long version;

  protected Story() {}

  public Story(StoryDraft draft, UUID author) {
    this.id = Ids.newId();
    this.createdBy = author;
    this.status = Status.draft;
    this.storyType = StoryType.original;
    this.createdAt = Instant.now();
    edit(draft);
  }

  /**
   * Applies the given fields (null leaves a field as it is) and recounts the words. A published
   * story whose title or text changes goes back to draft: what students read was approved as it
   * was, so the change must be published (and approved) again.
   */
  public void edit(StoryDraft d) {
    boolean textChanges =
        (d.title() != null && !d.title().strip().equals(title))
            || (d.content() != null && !d.content().equals(content));
    if (status == Status.published && textChanges) {
      status = Status.draft;
    }
    if (d.title() != null) {
      title = d.title().strip();
    }
    if (d.content() != null) {
      content = d.content();
      wordCount = countWords(content);
    }
    if (d.storyType() != null) {
      storyType = d.storyType();
    }
    if (d.difficulty() != null) {
      difficulty = d.difficulty();
    }
    if (d.estimatedMinutes() != null) {
      estimatedMinutes = d.estimatedMinutes();
    }
    if (d.chemRatio() != null) {
      chemRatio = d.chemRatio();
    }
    if (d.lessonId() != null) {
      lessonId = d.lessonId();
    }
    updatedAt = Instant.now();
  }

  /** Moves the story to another status; publishing rights are checked by the service. */
  public void changeStatus(Status newStatus) {
    if (newStatus != status) {
      status = newStatus;
      updatedAt = Instant.now();
    }
  }

  public void softDelete() {
    if (deletedAt == null) {
      deletedAt = Instant.now();
      updatedAt = deletedAt;
    }
  }

  public void restore() {
    if (deletedAt != null) {
      deletedAt = null;
      updatedAt = Instant.now();
    }
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  /**
   * Words are runs of non-space characters that hold at least one letter or digit, so punctuation
   * on its own ("-", "...") does not count.
   */
  public static int countWords(String text) {
    int count = 0;
    boolean inWord = false;
    boolean wordHasLetter = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (inWord && wordHasLetter) {
          count++;
        }
        inWord = false;
        wordHasLetter = false;
      } else {
        inWord = true;
        wordHasLetter |= Character.isLetterOrDigit(cp);
      }
    }
    if (inWord && wordHasLetter) {
      count++;
    }
    return count;
  }

  /** What ABAC conditions see as {@code resource.*}. */
  public Map<String, Object> attributes() {
    Map<String, Object> a = new HashMap<>();
    a.put("id", id.toString());
    a.put("title", title);
    a.put("status", status.name());
    a.put("storyType", storyType.name());
    a.put("difficulty", difficulty == null ? null : difficulty.name());
    a.put("createdBy", createdBy.toString());
    a.put("wordCount", wordCount);
    a.put("estimatedMinutes", estimatedMinutes);
    a.put("chemRatio", chemRatio);
    a.put("lessonId", lessonId == null ? null : lessonId.toString());
    a.put("createdAt", createdAt.toString());
    return a;
  }

  public UUID id() {
    return id;
  }

  public UUID lessonId() {
    return lessonId;
  }

  public String title() {
    return title;
  }

  public String content() {
    return content;
  }

  public StoryType storyType() {
    return storyType;
  }

  public Difficulty difficulty() {
    return difficulty;
  }

  public Integer estimatedMinutes() {
    return estimatedMinutes;
  }

  public int wordCount() {
    return wordCount;
  }

  public BigDecimal chemRatio() {
    return chemRatio;
  }

  public Status status() {
    return status;
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
