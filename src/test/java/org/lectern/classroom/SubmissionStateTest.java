package org.lectern.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every state × action of a submission: where it leads, or that it is refused. */
class SubmissionStateTest {

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "assigned, START, in_progress",
    "assigned, TURN_IN, turned_in",
    "assigned, RETURN, -",
    "assigned, REOPEN, -",
    "assigned, EXCUSE, excused",
    "in_progress, START, -",
    "in_progress, TURN_IN, turned_in",
    "in_progress, RETURN, -",
    "in_progress, REOPEN, -",
    "in_progress, EXCUSE, excused",
    "turned_in, START, -",
    "turned_in, TURN_IN, -",
    "turned_in, RETURN, returned",
    "turned_in, REOPEN, in_progress",
    "turned_in, EXCUSE, excused",
    "returned, START, -",
    "returned, TURN_IN, -",
    "returned, RETURN, -",
    "returned, REOPEN, in_progress",
    "returned, EXCUSE, excused",
    "excused, START, -",
    "excused, TURN_IN, -",
    "excused, RETURN, -",
    "excused, REOPEN, in_progress",
    "excused, EXCUSE, -",
  })
  void everyStateAndAction(SubmissionState from, SubmissionState.Action action, String expected) {
    Optional<SubmissionState> want =
        expected.equals("-") ? Optional.empty() : Optional.of(SubmissionState.valueOf(expected));
    assertEquals(want, from.after(action));
  }

  @org.junit.jupiter.api.Test
  void theTableAboveCoversEveryPair() {
    // 5 states × 5 actions: a new state or action must be added to the table.
    assertEquals(5, SubmissionState.values().length);
    assertEquals(5, SubmissionState.Action.values().length);
  }
}
