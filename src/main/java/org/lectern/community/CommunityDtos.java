package org.lectern.community;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Versioned;

/** Request and answer bodies of the book club endpoints. */
public final class CommunityDtos {

  private CommunityDtos() {}

  static final String NOT_BLANK = "(?s).*\\S.*";

  /**
   * Plain text as people type it: no control characters but tab, line feed and carriage return (NUL
   * and lone surrogates are refused for every text already, see {@code StorableText}). A character
   * class repeated, so it is checked in one linear pass however long the text.
   */
  static final String PLAIN_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*";

  static final String PLAIN_TEXT_MESSAGE =
      "must be plain text: no control characters but tab and line breaks";

  /** {@code POST /api/discussions}: a discussion of a story in a classroom. */
  public record DiscussionRequest(
      @NotNull UUID classroomId,
      @NotNull UUID storyId,
      @NotNull
          @Size(min = 1, max = 200)
          @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String title,
      @Size(max = 2000) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE) String prompt) {
    @JsonbCreator
    public DiscussionRequest {}
  }

  /** A discussion with what moderators did to it and how much was said. */
  public record DiscussionView(
      UUID id,
      UUID classroomId,
      UUID storyId,
      String title,
      String prompt,
      UUID createdBy,
      Instant createdAt,
      boolean locked,
      boolean pinned,
      int postCount,
      Instant lastPostAt) {
    static DiscussionView of(Discussion d) {
      return new DiscussionView(
          d.id(),
          d.classroomId(),
          d.storyId(),
          d.title(),
          d.prompt(),
          d.createdBy(),
          d.createdAt(),
          d.isLocked(),
          d.isPinned(),
          d.postCount(),
          d.lastPostAt());
    }
  }

  /** {@code POST /api/discussions/{id}/posts}: a post, or a reply to {@code parentId}. */
  public record PostRequest(
      @NotNull
          @Size(min = 1, max = 4000)
          @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String body,
      UUID parentId) {
    @JsonbCreator
    public PostRequest {}
  }

  /** {@code PATCH /api/discussions/{id}/posts/{postId}}: the new text. */
  public record PostPatch(
      @NotNull
          @Size(min = 1, max = 4000)
          @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String body) {
    @JsonbCreator
    public PostPatch {}
  }

  /** A classroom member a post mentions. */
  public record MentionView(UUID userId, String displayName) {}

  /**
   * A post as this reader sees it: {@code body} and {@code mentions} are gone (null, empty) when
   * its author deleted it, and when a moderator hid it, for everyone but moderators.
   */
  public record PostView(
      UUID id,
      UUID discussionId,
      UUID parentId,
      int depth,
      UUID authorId,
      String authorName,
      String body,
      List<MentionView> mentions,
      boolean pinned,
      boolean hidden,
      boolean deleted,
      Instant createdAt,
      Instant editedAt,
      Instant editableUntil,
      long version)
      implements Versioned {}
}
