package org.lectern.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lectern.platform.LecternException;

/** The publishing workflow's state machine: which moves exist, what they need, what they refuse. */
class StageTest {

  @Test
  void theHappyPathRunsFromDraftToPublished() {
    List<Stage> path =
        List.of(
            Stage.draft,
            Stage.pending,
            Stage.story_review,
            Stage.story_approved,
            Stage.format_review,
            Stage.content_review,
            Stage.approved,
            Stage.published);
    for (int i = 0; i + 1 < path.size(); i++) {
      assertTrue(
          path.get(i).to(path.get(i + 1)).isPresent(), path.get(i) + " -> " + path.get(i + 1));
    }
    assertEquals("publish", Stage.approved.to(Stage.published).orElseThrow().permission());
  }

  @Test
  void everyReviewMaySendBackOrReject_withAComment() {
    for (Stage review : List.of(Stage.story_review, Stage.format_review, Stage.content_review)) {
      assertTrue(review.to(Stage.needs_revision).orElseThrow().needsComment());
      assertTrue(review.to(Stage.rejected).orElseThrow().needsComment());
      assertTrue(review.to(Stage.rejected).orElseThrow().isReview());
    }
    assertEquals(List.of(Stage.pending, Stage.archived), Stage.needs_revision.targets());
    assertTrue(Stage.needs_revision.to(Stage.pending).orElseThrow().byWriter());
  }

  @Test
  void rejectedAndArchivedAreFinal_andEverythingElseMayBeArchived() {
    assertTrue(Stage.rejected.targets().isEmpty());
    assertTrue(Stage.archived.targets().isEmpty());
    assertEquals(List.of(Stage.archived), Stage.published.targets());
    for (Stage s : EnumSet.complementOf(EnumSet.of(Stage.rejected, Stage.archived))) {
      assertEquals("archive", s.to(Stage.archived).orElseThrow().permission(), s.name());
    }
    assertFalse(Stage.published.isOpen());
    assertEquals(
        Set.of("draft", "in_review", "published", "rejected", "archived"),
        java.util.Arrays.stream(Stage.values())
            .map(Stage::bookStatus)
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void aSubmissionRefusesMovesTheMachineLacks_namingTheAllowedOnes() {
    BookSubmission s = new BookSubmission(UUID.randomUUID(), UUID.randomUUID());
    LecternException e =
        assertThrows(LecternException.class, () -> s.move(Stage.published, null, null, null));
    assertEquals(409, e.status());
    assertEquals("submission.invalid-transition", e.code());
    assertTrue(e.getMessage().contains("allowed: pending, archived"), e.getMessage());
    UUID actor = UUID.randomUUID();
    SubmissionMove m = s.move(Stage.pending, null, actor, null);
    assertEquals(Stage.draft, m.fromStage());
    assertEquals(Stage.pending, s.stage());
    s.move(Stage.story_review, null, actor, null);
    LecternException bare =
        assertThrows(LecternException.class, () -> s.move(Stage.needs_revision, " ", actor, null));
    assertEquals("submission.comment-required", bare.code());
    assertEquals(Stage.story_review, s.stage(), "a refused move changes nothing");
  }
}
