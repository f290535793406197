package org.lectern.learning;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The SuperMemo 2 spaced-repetition algorithm: P. A. Woźniak, <i>Optimization of learning</i>
 * (1990), chapter 3.2 (https://super-memory.com/english/ol/sm2.htm), in the formulation most
 * implementations follow (Wikipedia, "SuperMemo", section "Description of SM-2 algorithm"). After a
 * review graded {@code q} from 0 (blackout) to 5 (perfect):
 *
 * <ol>
 *   <li>a grade of 3 or more is the n-th correct answer in a row, due again after I(1) = 1 day,
 *       I(2) = 6 days and I(n) = round(I(n-1) * EF) days, with EF as it was before this review;
 *   <li>a grade below 3 starts the repetitions again, due again after 1 day;
 *   <li>either way the easiness factor EF becomes {@code EF + (0.1 - (5 - q) * (0.08 + (5 - q) *
 *       0.02))}, never below 1.3.
 * </ol>
 *
 * <p>Lectern adds one thing the algorithm does not have: {@link #mastery}, a 0-100 figure for
 * people, derived from the interval alone.
 */
public final class Sm2 {

  /** Where a word stands: repetitions in a row, the current interval and the easiness factor. */
  public record Schedule(int repetitions, int intervalDays, BigDecimal ease) {

    /** A word never reviewed: EF 2.5, as the paper starts every item. */
    public static final Schedule NEW = new Schedule(0, 0, new BigDecimal("2.50"));
  }

  private static final BigDecimal MIN_EASE = new BigDecimal("1.30");

  private Sm2() {}

  /** The schedule after a review graded {@code grade} (0-5). */
  public static Schedule next(Schedule s, int grade) {
    if (grade < 0 || grade > 5) {
      throw new IllegalArgumentException("SM-2 grades are 0 to 5, not " + grade);
    }
    int repetitions;
    int interval;
    if (grade >= 3) {
      interval =
          switch (s.repetitions()) {
            case 0 -> 1;
            case 1 -> 6;
            default ->
                BigDecimal.valueOf(s.intervalDays())
                    .multiply(s.ease())
                    .setScale(0, RoundingMode.HALF_UP)
                    .intValueExact();
          };
      repetitions = s.repetitions() + 1;
    } else {
      repetitions = 0;
      interval = 1;
    }
    int lack = 5 - grade;
    BigDecimal ease =
        s.ease()
            .add(BigDecimal.valueOf(0.1 - lack * (0.08 + lack * 0.02)))
            .setScale(2, RoundingMode.HALF_UP)
            .max(MIN_EASE);
    return new Schedule(repetitions, interval, ease);
  }

  /**
   * How well the word is known, 0-100: {@code 100 * (1 - e^(-interval / 21))}, so a word due again
   * tomorrow is at 5, one due in a week at 28, in a month at 76 and in two months at 94. A word
   * never reviewed, or just forgotten, is at most 5.
   */
  public static int mastery(Schedule s) {
    return (int) Math.round(100 * (1 - Math.exp(-s.intervalDays() / 21.0)));
  }

  /** The grade of a button label as spaced-repetition apps name them. */
  public static int grade(String label) {
    return switch (label) {
      case "again" -> 1;
      case "hard" -> 3;
      case "good" -> 4;
      case "easy" -> 5;
      default -> throw new IllegalArgumentException("not a rating: " + label);
    };
  }
}
