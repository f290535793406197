package org.lectern.community;

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
import org.lectern.platform.LecternException;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.SoftDeletable;

/**
 * A post in a discussion, or a reply to one (the seed's DiscussionPost). Its text is plain text,
 * kept exactly as its author wrote it. The author may edit it within {@link EditWindow} and delete
 * it, softly: it stays in the thread, its text no longer shown. A moderator may hide it (its text
 * then shown to moderators only) and pin a top-level post, which brings it and its replies first.
 */
@Entity
@Table(name = "discussion_posts")
public class DiscussionPost extends SoftDeletable {

  static final String RESOURCE = "discussion-post";

  /** How deep replies nest: a top-level post is depth 0, so at most 7 replies down. */
  static final int MAX_DEPTH = 7;

  @Id private UUID id;

  @Column(name = "discussion_id", nullable = false)
  private UUID discussionId;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "parent_id")
  private UUID parentId;

  /** The ids from the thread's top post down to this one (thread order sorts by it). */
  @Convert(converter = TextArrayConverter.class)
  @Column(nullable = false)
  private List<String> path;

  @Column(name = "author_id", nullable = false)
  private UUID authorId;

  @Column(nullable = false)
  private String body;

  @Convert(converter = TextArrayConverter.class)
  @Column(nullable = false)
  private List<String> mentions;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "edited_at")
  private Instant editedAt;

  @Column(name = "hidden_at")
  private Instant hiddenAt;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "hidden_by")
  private UUID hiddenBy;

  @Column(name = "pinned_at")
  private Instant pinnedAt;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "pinned_by")
  private UUID pinnedBy;

  @Version private long version;

  protected DiscussionPost() {}

  /**
   * A post in {@code discussionId}, replying to {@code parent} when not null: 409 {@code
   * post.thread-too-deep} beyond {@link #MAX_DEPTH}.
   */
  DiscussionPost(
      UUID discussionId, DiscussionPost parent, UUID authorId, String body, List<UUID> mentions) {
    this.id = Ids.newId();
    this.discussionId = discussionId;
    this.path = new ArrayList<>();
    if (parent != null) {
      if (parent.depth() >= MAX_DEPTH) {
        throw LecternException.conflict(
            "post.thread-too-deep",
            "Replies nest at most " + MAX_DEPTH + " deep; reply to a post further up.");
      }
      this.parentId = parent.id;
      this.path.addAll(parent.path);
    }
    this.path.add(id.toString());
    this.authorId = authorId;
    this.body = body;
    this.mentions = strings(mentions);
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Replaces the text (and who it mentions), by its author only, within the edit window and while
   * nobody has deleted or hidden it: see {@link #requireEditableBy}.
   */
  void edit(UUID by, String newBody, List<UUID> newMentions, Instant now) {
    requireEditableBy(by, now);
    body = newBody;
    mentions = strings(newMentions);
    editedAt = now.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * 403 for anyone but its author; 409 {@code post.deleted}, {@code post.hidden} or {@code
   * post.edit-window-closed} for a post that can no longer be edited.
   */
  void requireEditableBy(UUID by, Instant now) {
    if (!authorId.equals(by)) {
      throw LecternException.forbidden("Only its author edits a post.");
    }
    requireNotDeleted();
    if (hiddenAt != null) {
      throw LecternException.conflict(
          "post.hidden", "A moderator hid this post; it can no longer be edited.");
    }
    if (!EditWindow.isOpen(createdAt, now)) {
      throw LecternException.conflict(
          "post.edit-window-closed",
          "A post can be edited for "
              + EditWindow.LENGTH.toMinutes()
              + " minutes after it was written; this one closed at "
              + EditWindow.closesAt(createdAt)
              + ".");
    }
  }

  /** Soft delete, by its author only (403 for anyone else); deleting twice changes nothing. */
  void delete(UUID by) {
    if (!authorId.equals(by)) {
      throw LecternException.forbidden("Only its author deletes a post; moderators hide it.");
    }
    softDelete();
  }

  /** Hidden from everyone but moderators; hiding twice changes nothing. */
  void hide(UUID by) {
    if (hiddenAt == null) {
      hiddenAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      hiddenBy = by;
    }
  }

  void unhide() {
    hiddenAt = null;
    hiddenBy = null;
  }

  /** A top-level post and its replies first in the thread (409 for a reply or a deleted post). */
  void pin(UUID by) {
    if (parentId != null) {
      throw LecternException.conflict(
          "post.not-top-level", "Only a top-level post is pinned (its replies come with it).");
    }
    requireNotDeleted();
    if (pinnedAt == null) {
      pinnedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      pinnedBy = by;
    }
  }

  void unpin() {
    pinnedAt = null;
    pinnedBy = null;
  }

  /** A reply goes to a post that is still there (409 {@code post.deleted}). */
  void requireNotDeleted() {
    if (isDeleted()) {
      throw LecternException.conflict("post.deleted", "This post was deleted by its author.");
    }
  }

  @Override
  protected void changed(Instant at) {
    // editedAt records edits of the text only; deletedAt says when it was deleted.
  }

  private static List<String> strings(List<UUID> ids) {
    return new ArrayList<>(ids.stream().map(UUID::toString).toList());
  }

  UUID id() {
    return id;
  }

  UUID discussionId() {
    return discussionId;
  }

  UUID parentId() {
    return parentId;
  }

  int depth() {
    return path.size() - 1;
  }

  UUID authorId() {
    return authorId;
  }

  String body() {
    return body;
  }

  List<UUID> mentions() {
    return mentions.stream().map(UUID::fromString).toList();
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant editedAt() {
    return editedAt;
  }

  boolean isHidden() {
    return hiddenAt != null;
  }

  boolean isPinned() {
    return pinnedAt != null;
  }

  long version() {
    return version;
  }
}
