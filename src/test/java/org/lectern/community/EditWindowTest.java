package org.lectern.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lectern.platform.LecternException;

/** An author edits a post for 15 minutes; then it stands as written. */
class EditWindowTest {

  private static final Instant WRITTEN = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void openForFifteenMinutesClosedFromTheFifteenthOn() {
    assertEquals(Instant.parse("2026-11-20T09:15:00Z"), EditWindow.closesAt(WRITTEN));
    assertTrue(EditWindow.isOpen(WRITTEN, WRITTEN));
    assertTrue(EditWindow.isOpen(WRITTEN, WRITTEN.plus(Duration.ofMinutes(15)).minusMillis(1)));
    assertFalse(EditWindow.isOpen(WRITTEN, WRITTEN.plus(Duration.ofMinutes(15))));
    assertFalse(EditWindow.isOpen(WRITTEN, WRITTEN.plus(Duration.ofHours(3))));
  }

  @Test
  void aPostRefusesItsAuthorOnceTheWindowClosedAndEveryoneElseAlways() {
    UUID author = UUID.randomUUID();
    DiscussionPost p = new DiscussionPost(UUID.randomUUID(), null, author, "First!", List.of());
    Instant written = p.createdAt();

    p.edit(author, "First, and edited.", List.of(), written.plusSeconds(60));
    assertEquals("First, and edited.", p.body());
    assertEquals(written.plusSeconds(60), p.editedAt());

    LecternException late =
        assertThrows(
            LecternException.class,
            () -> p.edit(author, "Too late", List.of(), written.plus(EditWindow.LENGTH)));
    assertEquals("post.edit-window-closed", late.code());
    assertEquals(409, late.status());
    assertEquals("First, and edited.", p.body(), "unchanged");

    LecternException other =
        assertThrows(
            LecternException.class,
            () -> p.edit(UUID.randomUUID(), "Mine now", List.of(), written.plusSeconds(1)));
    assertEquals(403, other.status());
  }

  @Test
  void aDeletedOrHiddenPostIsNotEditedEvenInsideTheWindow() {
    UUID author = UUID.randomUUID();
    DiscussionPost hidden = new DiscussionPost(UUID.randomUUID(), null, author, "x", List.of());
    hidden.hide(UUID.randomUUID());
    assertEquals(
        "post.hidden",
        assertThrows(
                LecternException.class,
                () -> hidden.edit(author, "y", List.of(), hidden.createdAt()))
            .code());
    DiscussionPost deleted = new DiscussionPost(UUID.randomUUID(), null, author, "x", List.of());
    deleted.delete(author);
    assertEquals(
        "post.deleted",
        assertThrows(
                LecternException.class,
                () -> deleted.edit(author, "y", List.of(), deleted.createdAt()))
            .code());
  }

  @Test
  void repliesNestAtMostSevenDeep() {
    UUID discussion = UUID.randomUUID();
    UUID author = UUID.randomUUID();
    DiscussionPost p = new DiscussionPost(discussion, null, author, "top", List.of());
    for (int depth = 1; depth <= DiscussionPost.MAX_DEPTH; depth++) {
      p = new DiscussionPost(discussion, p, author, "reply", List.of());
      assertEquals(depth, p.depth());
    }
    DiscussionPost deepest = p;
    assertEquals(
        "post.thread-too-deep",
        assertThrows(
                LecternException.class,
                () -> new DiscussionPost(discussion, deepest, author, "one more", List.of()))
            .code());
  }
}
