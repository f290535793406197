package org.lectern.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** SM-2 against values worked out by hand from the published formulas. */
class Sm2Test {

  private static Sm2.Schedule s(int repetitions, int interval, String ease) {
    return new Sm2.Schedule(repetitions, interval, new BigDecimal(ease));
  }

  @Test
  void aSequenceOfGradesFollowsThePublishedFormulas() {
    Sm2.Schedule x = Sm2.Schedule.NEW;
    int[] grades = {5, 5, 5, 4, 3, 2, 0, 0, 4, 4};
    Sm2.Schedule[] expected = {
      s(1, 1, "2.60"), // I(1) = 1; EF + 0.1
      s(2, 6, "2.70"), // I(2) = 6
      s(3, 16, "2.80"), // round(6 * 2.7) = 16
      s(4, 45, "2.80"), // round(16 * 2.8) = 45; q = 4 leaves EF as it is
      s(5, 126, "2.66"), // round(45 * 2.8) = 126; q = 3: EF - 0.14
      s(0, 1, "2.34"), // q = 2: start again; EF - 0.32
      s(0, 1, "1.54"), // q = 0: EF - 0.8
      s(0, 1, "1.30"), // never below 1.3
      s(1, 1, "1.30"),
      s(2, 6, "1.30")
    };
    for (int i = 0; i < grades.length; i++) {
      x = Sm2.next(x, grades[i]);
      assertEquals(expected[i], x, "after review " + (i + 1) + " graded " + grades[i]);
    }
    assertEquals(s(3, 8, "1.30"), Sm2.next(x, 3), "round(6 * 1.3) = 8, EF stays at 1.3");
  }

  @Test
  void masteryFollowsTheInterval() {
    assertEquals(0, Sm2.mastery(Sm2.Schedule.NEW));
    assertEquals(5, Sm2.mastery(s(1, 1, "2.5")));
    assertEquals(25, Sm2.mastery(s(2, 6, "2.5")));
    assertEquals(28, Sm2.mastery(s(2, 7, "2.5")));
    assertEquals(76, Sm2.mastery(s(4, 30, "2.5")));
    assertEquals(100, Sm2.mastery(s(5, 126, "2.5")));
  }

  @Test
  void gradesOutsideZeroToFiveAndUnknownLabelsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Sm2.next(Sm2.Schedule.NEW, 6));
    assertThrows(IllegalArgumentException.class, () -> Sm2.next(Sm2.Schedule.NEW, -1));
    assertThrows(IllegalArgumentException.class, () -> Sm2.grade("meh"));
    assertEquals(1, Sm2.grade("again"));
    assertEquals(5, Sm2.grade("easy"));
  }
}
