package org.lectern.community;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A book club discussion (the seed's Discussion): a classroom's conversation about a story, with a
 * title and an optional prompt. Whoever manages the classroom moderates it: a locked discussion
 * takes no new posts and no edits, a pinned one comes first in the list. Its post count and last
 * post time are kept by {@link PostService}, in the statement that refuses posts once it is locked.
 */
@Entity
@Table(name = "discussions")
public class Discussion extends TenantScoped {

  static final String RESOURCE = "discussion";

  @Id private UUID id;

  @Column(name = "classroom_id", nullable = false)
  private UUID classroomId;

  @Column(name = "story_id", nullable = false)
  private UUID storyId;

  @Column(nullable = false)
  private String title;

  private String prompt;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "locked_at")
  private Instant lockedAt;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "locked_by")
  private UUID lockedBy;

  @Column(name = "pinned_at")
  private Instant pinnedAt;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "pinned_by")
  private UUID pinnedBy;

  @Column(name = "post_count", nullable = false)
  private int postCount;

  @Column(name = "last_post_at")
  private Instant lastPostAt;

  @Version private long version;

  protected Discussion() {}

  Discussion(UUID classroomId, UUID storyId, String title, String prompt, UUID createdBy) {
    this.id = Ids.newId();
    this.classroomId = classroomId;
    this.storyId = storyId;
    this.title = title.strip();
    this.prompt = prompt == null || prompt.isBlank() ? null : prompt;
    this.createdBy = createdBy;
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** No new posts and no edits until unlocked; locking twice changes nothing. */
  void lock(UUID by) {
    if (lockedAt == null) {
      lockedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      lockedBy = by;
    }
  }

  void unlock() {
    lockedAt = null;
    lockedBy = null;
  }

  /** First in the classroom's list; pinning twice changes nothing. */
  void pin(UUID by) {
    if (pinnedAt == null) {
      pinnedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      pinnedBy = by;
    }
  }

  void unpin() {
    pinnedAt = null;
    pinnedBy = null;
  }

  /** 409 {@code discussion.locked}: a locked discussion takes no new posts and no edits. */
  void requireOpen() {
    if (lockedAt != null) {
      throw locked();
    }
  }

  static LecternException locked() {
    return LecternException.conflict(
        "discussion.locked", "This discussion is locked: it takes no new posts or edits.");
  }

  UUID id() {
    return id;
  }

  UUID classroomId() {
    return classroomId;
  }

  UUID storyId() {
    return storyId;
  }

  String title() {
    return title;
  }

  String prompt() {
    return prompt;
  }

  UUID createdBy() {
    return createdBy;
  }

  Instant createdAt() {
    return createdAt;
  }

  boolean isLocked() {
    return lockedAt != null;
  }

  boolean isPinned() {
    return pinnedAt != null;
  }

  int postCount() {
    return postCount;
  }

  Instant lastPostAt() {
    return lastPostAt;
  }
}
