package org.lectern.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lectern.platform.LecternException;

/** The submission's verbs: a refused one names state and action and changes nothing. */
class SubmissionTest {

  private static Submission inState(SubmissionState state) throws Exception {
    Submission s = new Submission();
    set(s, "id", UUID.randomUUID());
    set(s, "state", state);
    return s;
  }

  private static void set(Object o, String field, Object value) throws Exception {
    Field f = Submission.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(o, value);
  }

  @Test
  void aRefusedTransitionNamesStateAndActionAndChangesNothing() throws Exception {
    Submission s = inState(SubmissionState.returned);
    LecternException e =
        assertThrows(LecternException.class, () -> s.turnIn("again", null, Instant.now(), true));
    assertEquals(409, e.status());
    assertEquals("submission.invalid-transition", e.code());
    assertTrue(e.getMessage().contains("returned"), e.getMessage());
    assertTrue(e.getMessage().contains("turn-in"), e.getMessage());
    assertEquals(SubmissionState.returned, s.state());
    assertFalse(s.late());
    assertEquals(null, s.text());
  }

  @Test
  void turnInMarksLatenessAndReturnKeepsTheGradeThroughAReopen() throws Exception {
    Submission s = inState(SubmissionState.assigned);
    s.turnIn("my work", null, Instant.now(), true);
    assertEquals(SubmissionState.turned_in, s.state());
    assertTrue(s.late());
    s.giveBack(new BigDecimal("7.50"), "Good");
    assertEquals(SubmissionState.returned, s.state());
    s.reopen();
    assertEquals(SubmissionState.in_progress, s.state());
    assertEquals(new BigDecimal("7.50"), s.grade());
    s.turnIn(null, null, Instant.now(), false);
    assertFalse(s.late(), "a second turn-in in time is not late");
    assertEquals("my work", s.text(), "a turn-in without text keeps the earlier text");
  }
}
