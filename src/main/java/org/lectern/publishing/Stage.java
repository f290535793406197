package org.lectern.publishing;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stages of a book submission and the moves between them: the enforced state machine of the
 * publishing workflow. Each move names the {@code publishing:*} permission it needs, so schools map
 * stages to roles through their grants and ABAC rules; sending work back ({@code needs_revision})
 * and rejecting need a comment. Anything else is refused, naming the moves there are.
 *
 * <pre>
 * draft → pending → story_review → story_approved → format_review → content_review → approved → published
 *                         ↘ needs_revision → pending (also from format_review and content_review)
 * rejected from pending and the three reviews; archived from every stage but rejected and archived
 * </pre>
 */
public enum Stage {
  draft,
  pending,
  story_review,
  needs_revision,
  story_approved,
  format_review,
  content_review,
  approved,
  published,
  rejected,
  archived;

  /** One allowed move: its target, the permission (a {@code publishing} action) it needs. */
  public record Move(Stage to, String permission) {
    /** Whether the move needs a comment saying why: sending back and rejecting. */
    public boolean needsComment() {
      return to == needs_revision || to == rejected;
    }

    /** Whether only the submission's writer makes this move (submitting, resubmitting). */
    public boolean byWriter() {
      return permission.equals(SUBMIT);
    }

    /** Whether this is a reviewer's judgement, which nobody makes on their own submission. */
    public boolean isReview() {
      return permission.startsWith("review-");
    }
  }

  static final String SUBMIT = "submit";
  static final String REVIEW_STORY = "review-story";
  static final String REVIEW_FORMAT = "review-format";
  static final String REVIEW_CONTENT = "review-content";
  static final String PUBLISH = "publish";
  static final String ARCHIVE = "archive";

  private static final Map<Stage, List<Move>> MOVES = new EnumMap<>(Stage.class);

  static {
    MOVES.put(draft, List.of(new Move(pending, SUBMIT)));
    MOVES.put(
        pending, List.of(new Move(story_review, REVIEW_STORY), new Move(rejected, REVIEW_STORY)));
    MOVES.put(
        story_review,
        List.of(
            new Move(story_approved, REVIEW_STORY),
            new Move(needs_revision, REVIEW_STORY),
            new Move(rejected, REVIEW_STORY)));
    MOVES.put(needs_revision, List.of(new Move(pending, SUBMIT)));
    MOVES.put(story_approved, List.of(new Move(format_review, REVIEW_FORMAT)));
    MOVES.put(
        format_review,
        List.of(
            new Move(content_review, REVIEW_FORMAT),
            new Move(needs_revision, REVIEW_FORMAT),
            new Move(rejected, REVIEW_FORMAT)));
    MOVES.put(
        content_review,
        List.of(
            new Move(approved, REVIEW_CONTENT),
            new Move(needs_revision, REVIEW_CONTENT),
            new Move(rejected, REVIEW_CONTENT)));
    MOVES.put(approved, List.of(new Move(published, PUBLISH)));
    MOVES.put(published, List.of());
    MOVES.put(rejected, List.of());
    MOVES.put(archived, List.of());
    for (Stage s : values()) {
      if (s != rejected && s != archived) {
        List<Move> withArchive = new java.util.ArrayList<>(MOVES.get(s));
        withArchive.add(new Move(archived, ARCHIVE));
        MOVES.put(s, List.copyOf(withArchive));
      }
    }
  }

  /** The moves out of this stage, in the order above. */
  public List<Move> moves() {
    return MOVES.get(this);
  }

  /** The move to {@code to}, if there is one from here. */
  public Optional<Move> to(Stage to) {
    return moves().stream().filter(m -> m.to() == to).findFirst();
  }

  /** The stages one can move to from here. */
  public List<Stage> targets() {
    return moves().stream().map(Move::to).toList();
  }

  /** Whether the submission is still open: a book has at most one open submission. */
  public boolean isOpen() {
    return !EnumSet.of(published, rejected, archived).contains(this);
  }

  /** The book's {@code publishingStatus} while its submission is in this stage. */
  public String bookStatus() {
    return switch (this) {
      case draft, needs_revision -> "draft";
      case published -> "published";
      case rejected -> "rejected";
      case archived -> "archived";
      default -> "in_review";
    };
  }
}
