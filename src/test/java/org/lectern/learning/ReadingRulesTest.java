package org.lectern.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reading record's rules: percent, streaks in local days, and sessions. */
class ReadingRulesTest {

  // ---------------------------------------------------------------- percent

  @Test
  void percentIsTheShareOfChunksReadRoundedDownAndOnlyTheLastChunkCompletes() {
    assertEquals(33, new ReadingPosition(1, 1, 3).percent());
    assertEquals(66, new ReadingPosition(1, 2, 3).percent());
    assertEquals(100, new ReadingPosition(1, 3, 3).percent());
    assertEquals(99, new ReadingPosition(1, 199, 200).percent(), "not rounded up to 100");
    assertTrue(new ReadingPosition(1, 3, 3).completes());
    assertTrue(new ReadingPosition(1, 1, 1).completes());
    assertThrows(IllegalArgumentException.class, () -> new ReadingPosition(1, 4, 3));
    assertThrows(IllegalArgumentException.class, () -> new ReadingPosition(1, 0, 3));
  }

  @Test
  void theFurthestPositionIsTheSameWhateverTheOrder() {
    List<ReadingPosition> ps =
        new ArrayList<>(
            List.of(
                new ReadingPosition(1, 2, 4),
                new ReadingPosition(2, 1, 2),
                new ReadingPosition(2, 2, 4),
                new ReadingPosition(1, 3, 6)));
    ReadingPosition expected = new ReadingPosition(2, 2, 4); // 50 %, the later version
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(ps, new Random(i));
      assertEquals(expected, Collections.max(ps));
    }
  }

  // ---------------------------------------------------------------- streaks

  private static TreeSet<LocalDate> days(String... isoDays) {
    TreeSet<LocalDate> out = new TreeSet<>();
    for (String d : isoDays) {
      out.add(LocalDate.parse(d));
    }
    return out;
  }

  @Test
  void streaksAreRunsOfConsecutiveDays() {
    Streaks.Streak s =
        Streaks.of(days("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06"));
    assertEquals(2, s.current(), "the run ending on the last day");
    assertEquals(3, s.longest());
    assertEquals(LocalDate.parse("2026-03-06"), s.lastDay());
    assertEquals(Streaks.Streak.NONE, Streaks.of(new TreeSet<>()));
    assertEquals(1, Streaks.of(days("2026-02-28", "2026-03-02")).current(), "no 29 Feb in 2026");
    assertEquals(2, Streaks.of(days("2028-02-28", "2028-02-29")).current(), "a leap day counts");
  }

  @Test
  void aDayIsTheLearnersLocalDay() {
    Instant lateEvening = Instant.parse("2026-06-01T23:30:00Z");
    assertEquals(LocalDate.parse("2026-06-01"), Streaks.day(lateEvening, ZoneId.of("UTC")));
    assertEquals(
        LocalDate.parse("2026-06-02"), Streaks.day(lateEvening, ZoneId.of("Europe/Lisbon")));
    assertEquals(
        LocalDate.parse("2026-06-01"), Streaks.day(lateEvening, ZoneId.of("America/New_York")));
    // The same two readings are a 2-day streak in Tokyo and one day in Los Angeles.
    List<Instant> readings =
        List.of(Instant.parse("2026-06-01T14:00:00Z"), Instant.parse("2026-06-01T16:00:00Z"));
    assertEquals(2, streakIn(readings, "Asia/Tokyo").current());
    assertEquals(1, streakIn(readings, "America/Los_Angeles").current());
  }

  private static Streaks.Streak streakIn(List<Instant> readings, String zone) {
    TreeSet<LocalDate> d = new TreeSet<>();
    readings.forEach(r -> d.add(Streaks.day(r, ZoneId.of(zone))));
    return Streaks.of(d);
  }

  @Test
  void aDaylightSavingChangeIsStillOneDayAndNotAGap() {
    ZoneId lisbon = ZoneId.of("Europe/Lisbon");
    // Clocks go forward at 01:00 UTC on 29 March 2026 (a 23-hour day) and back on 25 October (25
    // hours). Reading at 23:30 local each evening around both changes keeps one streak.
    List<Instant> spring =
        List.of(
            Instant.parse("2026-03-28T23:30:00Z"), // 23:30 WET, 28 March
            Instant.parse("2026-03-29T22:30:00Z"), // 23:30 WEST, 29 March
            Instant.parse("2026-03-30T22:30:00Z"));
    TreeSet<LocalDate> d = new TreeSet<>();
    spring.forEach(r -> d.add(Streaks.day(r, lisbon)));
    assertEquals(3, Streaks.of(d).current());
    List<Instant> autumn =
        List.of(
            Instant.parse("2026-10-24T22:30:00Z"), // 23:30 WEST, 24 October
            Instant.parse("2026-10-25T23:30:00Z"), // 23:30 WET, 25 October
            Instant.parse("2026-10-26T23:30:00Z"));
    d.clear();
    autumn.forEach(r -> d.add(Streaks.day(r, lisbon)));
    assertEquals(3, Streaks.of(d).current());
    // Counted in whole 24-hour periods from the first reading, the autumn evenings would be 25
    // hours apart and the spring ones 23: the rule is the local calendar, not elapsed time.
    assertEquals(Duration.ofHours(25), Duration.between(autumn.get(0), autumn.get(1)));
  }

  @Test
  void theCurrentStreakLapsesAtTheStartOfTheSecondLocalDayAfterTheLast() {
    Streaks.Streak s = Streaks.of(days("2026-03-28", "2026-03-29"));
    // Last read on 29 March: it still counts all of 30 March and lapses at midnight starting 31.
    assertEquals(Instant.parse("2026-03-30T23:00:00Z"), s.lapsesAt(ZoneId.of("Europe/Lisbon")));
    assertEquals(Instant.parse("2026-03-31T00:00:00Z"), s.lapsesAt(ZoneId.of("UTC")));
    assertNull(Streaks.Streak.NONE.lapsesAt(ZoneId.of("UTC")));
  }

  // ---------------------------------------------------------------- sessions

  private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

  private static SessionMerge.Span at(int minutes) {
    return SessionMerge.Span.event(T0.plus(Duration.ofMinutes(minutes)), 10, 1);
  }

  /** Sessions of a sequence of batches, applied the way the service stores them. */
  private static List<String> sessionsOf(List<List<SessionMerge.Span>> batches) {
    List<SessionMerge.Span> stored = new ArrayList<>();
    for (List<SessionMerge.Span> batch : batches) {
      SessionMerge.Plan plan = SessionMerge.merge(stored, batch);
      stored.removeIf(s -> plan.removed().contains(s.id()));
      for (SessionMerge.Span w : plan.written()) {
        SessionMerge.Span keep = w.id() == null ? withId(w) : w;
        stored.removeIf(s -> s.id().equals(keep.id()));
        stored.add(keep);
      }
    }
    return stored.stream()
        .sorted(java.util.Comparator.comparing(SessionMerge.Span::start))
        .map(s -> s.start() + ".." + s.end() + " " + s.seconds() + "s " + s.events())
        .toList();
  }

  private static SessionMerge.Span withId(SessionMerge.Span s) {
    return new SessionMerge.Span(
        UUID.randomUUID(), s.start(), s.end(), s.seconds(), s.interactions(), s.events());
  }

  @Test
  void eventsMoreThanThirtyMinutesApartStartANewSession() {
    List<String> sessions = sessionsOf(List.of(List.of(at(0), at(30), at(61), at(200))));
    assertEquals(3, sessions.size(), sessions.toString());
    assertTrue(sessions.get(0).endsWith("20s 2"), "30 minutes apart is still one session");
  }

  @Test
  void anyOrderOfBatchesGivesTheSameSessions() {
    List<SessionMerge.Span> events = new ArrayList<>();
    for (int m : new int[] {0, 20, 45, 80, 100, 131, 300, 310, 329, 360}) {
      events.add(at(m));
    }
    List<String> expected = sessionsOf(List.of(events));
    for (int seed = 0; seed < 50; seed++) {
      List<SessionMerge.Span> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, new Random(seed));
      List<List<SessionMerge.Span>> batches = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i += 3) {
        batches.add(shuffled.subList(i, Math.min(i + 3, shuffled.size())));
      }
      assertEquals(expected, sessionsOf(batches), "seed " + seed);
    }
  }

  @Test
  void aLateEventBridgingTwoSessionsMergesThemUnderTheEarliersId() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    List<SessionMerge.Span> stored =
        List.of(
            new SessionMerge.Span(a, T0, T0.plus(Duration.ofMinutes(10)), 100, 2, 2),
            new SessionMerge.Span(
                b, T0.plus(Duration.ofMinutes(50)), T0.plus(Duration.ofMinutes(60)), 50, 1, 2));
    SessionMerge.Plan plan = SessionMerge.merge(stored, List.of(at(30)));
    assertEquals(List.of(b), plan.removed());
    assertEquals(1, plan.written().size());
    SessionMerge.Span merged = plan.written().get(0);
    assertEquals(a, merged.id());
    assertEquals(T0, merged.start());
    assertEquals(T0.plus(Duration.ofMinutes(60)), merged.end());
    assertEquals(160, merged.seconds());
    assertEquals(5, merged.events());
  }
}
