package org.lectern.classroom;

import java.util.Optional;

/**
 * The states of a submission, after the classroom-tool convention, and the one place that says
 * which action leads where:
 *
 * <pre>
 *   from \ action   start        turn-in     return     reopen       excuse
 *   assigned        in_progress  turned_in   -          -            excused
 *   in_progress     -            turned_in   -          -            excused
 *   turned_in       -            -           returned   in_progress  excused
 *   returned        -            -           -          in_progress  excused
 *   excused         -            -           -          in_progress  -
 * </pre>
 *
 * A dash is refused (409 {@code submission.invalid-transition}), naming the state and the action.
 */
public enum SubmissionState {
  assigned,
  in_progress,
  turned_in,
  returned,
  excused;

  /** What can be done to a submission; {@link #wire} is its name in paths and access rules. */
  public enum Action {
    START("start"),
    TURN_IN("turn-in"),
    RETURN("return"),
    REOPEN("reopen"),
    EXCUSE("excuse");

    private final String wire;

    Action(String wire) {
      this.wire = wire;
    }

    /** The action's name in paths and in access rules: {@code turn-in}, {@code return}, ... */
    public String wire() {
      return wire;
    }
  }

  /** The state {@code action} leads to from this one, or empty when it is not allowed. */
  public Optional<SubmissionState> after(Action action) {
    SubmissionState next =
        switch (action) {
          case START -> this == assigned ? in_progress : null;
          case TURN_IN -> this == assigned || this == in_progress ? turned_in : null;
          case RETURN -> this == turned_in ? returned : null;
          case REOPEN ->
              this == turned_in || this == returned || this == excused ? in_progress : null;
          case EXCUSE -> this != excused ? excused : null;
        };
    return Optional.ofNullable(next);
  }
}
