package org.lectern.learning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.NavigableSet;

/**
 * Reading streaks: runs of consecutive local days with any reading. A day is the learner's local
 * calendar day in their time zone ({@link #day}), so a DST change (a 23- or 25-hour day) is still
 * one day, and a late event only adds its day to the set: the streaks are a function of the set of
 * days, whatever order the events came in.
 */
final class Streaks {

  /**
   * {@code current}: the run that ends on the last day read; it still counts through the next day
   * (the learner has until its end to keep it going) and lapses at {@link #lapsesAt}. {@code
   * longest}: the longest run ever.
   */
  record Streak(int current, int longest, LocalDate lastDay) {
    static final Streak NONE = new Streak(0, 0, null);

    /** The start of the second local day after the last day read: from then on, current is 0. */
    Instant lapsesAt(ZoneId zone) {
      return lastDay == null ? null : lastDay.plusDays(2).atStartOfDay(zone).toInstant();
    }
  }

  private Streaks() {}

  /** The local day of an instant in a zone. */
  static LocalDate day(Instant at, ZoneId zone) {
    return at.atZone(zone).toLocalDate();
  }

  /** The streaks of a set of reading days. */
  static Streak of(NavigableSet<LocalDate> days) {
    if (days.isEmpty()) {
      return Streak.NONE;
    }
    int longest = 0;
    int run = 0;
    LocalDate previous = null;
    for (Iterator<LocalDate> it = days.iterator(); it.hasNext(); ) {
      LocalDate d = it.next();
      run = previous != null && previous.plusDays(1).equals(d) ? run + 1 : 1;
      longest = Math.max(longest, run);
      previous = d;
    }
    return new Streak(run, longest, previous);
  }
}
