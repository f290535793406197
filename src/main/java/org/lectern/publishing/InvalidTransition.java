package org.lectern.publishing;

import java.util.stream.Collectors;
import org.lectern.platform.LecternException;

/**
 * 409 {@code submission.invalid-transition}: the submission cannot move there from its stage. The
 * answer names the stage and the stages it can move to, so a client can offer those instead.
 */
class InvalidTransition extends LecternException {

  InvalidTransition(Stage from, Stage to) {
    super(
        409,
        "submission.invalid-transition",
        "A submission in "
            + from
            + " cannot move to "
            + to
            + "; allowed: "
            + (from.targets().isEmpty()
                ? "none (" + from + " is final)"
                : from.targets().stream().map(Stage::name).collect(Collectors.joining(", ")))
            + ".");
  }
}
