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
import org.lectern.tenancy.SoftDeletable;

/**
 * A story (schema-guide.md, "Story Embedding System"): its metadata, which of its {@link
 * StoryVersion}s is the latest and which (if any) is published. Word count and chem ratio are those
 * of the version readers get, derived from its chunks, never typed in. Deleting is soft.
 *
 * <p>The story owns its versions' publication: {@link #publish} and {@link #withdraw} keep at most
 * one version published, whatever stores them ({@link Versions}).
 */
@Entity
@Table(name = "stories")
public class Story extends SoftDeletable {

  /** Stories' name in access control, the audit trail and approvals. */
  public static final String RESOURCE = "story";

  /** This story's versions by number, however they are stored; null when there is none. */
  @FunctionalInterface
  public interface Versions {
    StoryVersion number(int number);
  }

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

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "course_id")
  private UUID courseId;

  @Column(nullable = false)
  private String language;

  @Column(name = "latest_version", nullable = false)
  private int latestVersion;

  @Column(name = "published_version")
  private Integer publishedVersion;

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

  @Version private long version;

  protected Story() {}

  public Story(StoryDraft draft, UUID author) {
    this.id = Ids.newId();
    this.createdBy = author;
    this.status = Status.draft;
    this.storyType = StoryType.original;
    this.language = "en";
    this.latestVersion = 1;
    this.createdAt = Instant.now();
    edit(draft);
  }

  /**
   * Applies the given metadata (null leaves a field as it is). The text is not here: it lives in
   * versions, and every change of it is a new one ({@link #newVersion}).
   */
  public void edit(StoryDraft d) {
    if (d.title() != null) {
      title = d.title().strip();
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
    if (d.language() != null) {
      language = d.language();
    }
    updatedAt = Instant.now();
  }

  /** Puts the story in a lesson (and so its course), or takes it out of any with nulls. */
  void placeIn(UUID lessonId, UUID courseId) {
    this.lessonId = lessonId;
    this.courseId = courseId;
    updatedAt = Instant.now();
  }

  /**
   * Version {@code number} is now the latest. While nothing is published the latest version is also
   * what the story's word count and chem ratio describe.
   */
  void newVersion(StoryVersion version) {
    own(version);
    if (version.number() < latestVersion) {
      throw new IllegalArgumentException(
          "version " + version.number() + " is older than the latest, " + latestVersion);
    }
    latestVersion = version.number();
    if (publishedVersion == null) {
      describe(version);
    }
    updatedAt = Instant.now();
  }

  /**
   * Readers get the latest version from now on. The version they got until now, if another, is
   * unpublished first (and looked up before the latest, so that a store can write that first): at
   * most one version is ever published.
   */
  public void publish(Versions versions) {
    if (publishedVersion != null && publishedVersion != latestVersion) {
      own(versions.number(publishedVersion)).unpublish();
    }
    StoryVersion latest = own(versions.number(latestVersion));
    latest.publish();
    status = Status.published;
    publishedVersion = latest.number();
    describe(latest);
    updatedAt = Instant.now();
  }

  /**
   * Back to draft, or archived: the published version (if any) is unpublished, nothing is published
   * any more, and the story describes its latest version again.
   */
  public void withdraw(Status newStatus, Versions versions) {
    if (newStatus == Status.published) {
      throw new IllegalArgumentException("a story is published with publish(), not withdrawn");
    }
    if (publishedVersion != null) {
      own(versions.number(publishedVersion)).unpublish();
    }
    StoryVersion latest = own(versions.number(latestVersion));
    status = newStatus;
    publishedVersion = null;
    describe(latest);
    updatedAt = Instant.now();
  }

  /** The version, if it is one of this story's. */
  private StoryVersion own(StoryVersion version) {
    if (version == null || !version.storyId().equals(id)) {
      throw new IllegalArgumentException("not a version of story " + id);
    }
    return version;
  }

  private void describe(StoryVersion version) {
    wordCount = version.wordCount();
    chemRatio = version.chemingRatio();
  }

  @Override
  protected void changed(Instant at) {
    updatedAt = at;
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

  /**
   * What ABAC conditions see as {@code resource.*}: the story's own fields, and for a story in a
   * course its lesson's status and its course's status and audience ({@code lessonStatus}, {@code
   * courseStatus}, {@code courseAudience}).
   */
  public Map<String, Object> attributes(ContentContext.Place place) {
    Map<String, Object> a = new HashMap<>();
    a.put("id", id.toString());
    a.put("title", title);
    a.put("status", status.name());
    a.put("storyType", storyType.name());
    a.put("difficulty", difficulty == null ? null : difficulty.name());
    a.put("language", language);
    a.put("createdBy", createdBy.toString());
    a.put("wordCount", wordCount);
    a.put("estimatedMinutes", estimatedMinutes);
    a.put("chemRatio", chemRatio);
    a.put("lessonId", lessonId == null ? null : lessonId.toString());
    a.put("courseId", courseId == null ? null : courseId.toString());
    a.put("createdAt", createdAt.toString());
    if (place != null) {
      a.put("lessonStatus", place.lessonStatus().name());
      a.put("courseStatus", place.courseStatus().name());
      a.put("courseAudience", place.courseAudience().name());
      a.put("courseCreatedBy", place.courseCreatedBy().toString());
    }
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

  public UUID courseId() {
    return courseId;
  }

  public String language() {
    return language;
  }

  public int latestVersion() {
    return latestVersion;
  }

  public Integer publishedVersion() {
    return publishedVersion;
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
