package org.lectern.bench.reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What one student's device sends: {@code eventsPerStudent} reading events, one per chunk read,
 * in reading sessions spread over the days of the window, through the school's published stories
 * (a story read to its last chunk is followed by another), cut into batches in the order they
 * happened. Then what a real client does to that order: a share of students sends two batches
 * out of order (a device that was offline syncs late), a share of batches repeats the last events
 * of the batch before (an upload cut short and resumed), a share is sent twice (the answer was
 * lost and the client retried), and a share has its events shuffled.
 *
 * <p>Deterministic for a seed and a student, so a run can be repeated; the seed also makes the
 * event ids, so a new seed gives new events.
 */
final class ReadingPlan {

  /** A published story: its id, the published version's number and its chunk count. */
  record Story(UUID tenant, UUID id, int version, int chunks, long createdAtMs) {}

  record Student(UUID tenant, UUID id, String email, long tokenVersion) {}

  /** One request body, its number of events, and whether it is a retry of the previous one. */
  record Send(String body, int events, boolean retry) {}

  /** The shares of the disorder a client adds; see the class comment. */
  record Disorder(double outOfOrder, double overlap, double retry, double shuffle) {
    static final Disorder DEFAULT = new Disorder(0.10, 0.05, 0.01, 0.10);
  }

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private record Event(UUID id, Story story, int chunk, long at, int seconds, int interactions) {}

  private ReadingPlan() {}

  /**
   * The requests of one student, in the order they are sent. {@code windowStartMs} is midnight of
   * the first day; the window holds {@code days} whole days, the last ending before the run.
   */
  static List<Send> plan(
      Student student,
      List<Story> stories,
      int eventsPerStudent,
      int batchSize,
      long windowStartMs,
      int days,
      long seed,
      Disorder disorder) {
    SplittableRandom rnd =
        new SplittableRandom(
            seed ^ student.id().getMostSignificantBits() * 31 ^ student.id().getLeastSignificantBits());
    List<Event> events = events(rnd, stories, eventsPerStudent, windowStartMs, days);

    List<List<Event>> batches = new ArrayList<>();
    for (int i = 0; i < events.size(); i += batchSize) {
      batches.add(events.subList(i, Math.min(events.size(), i + batchSize)));
    }
    if (batches.size() > 1 && rnd.nextDouble() < disorder.outOfOrder()) {
      int i = rnd.nextInt(batches.size() - 1);
      Collections.swap(batches, i, i + 1);
    }
    List<Send> sends = new ArrayList<>(batches.size() + 2);
    List<Event> previous = null;
    for (List<Event> batch : batches) {
      List<Event> body = new ArrayList<>(batch.size() + 3);
      if (previous != null && rnd.nextDouble() < disorder.overlap()) {
        int n = Math.min(previous.size(), 1 + rnd.nextInt(3));
        body.addAll(previous.subList(previous.size() - n, previous.size()));
      }
      body.addAll(batch);
      if (rnd.nextDouble() < disorder.shuffle()) {
        for (int i = body.size() - 1; i > 0; i--) {
          Collections.swap(body, i, rnd.nextInt(i + 1));
        }
      }
      String json = json(body);
      sends.add(new Send(json, body.size(), false));
      if (rnd.nextDouble() < disorder.retry()) {
        sends.add(new Send(json, body.size(), true));
      }
      previous = batch;
    }
    return sends;
  }

  /**
   * Sessions of 4 to 16 chunks, at most four a day (from 08:00, two hours apart), on reading days
   * chosen among the window's days; each event's time is the previous one's plus what was read.
   */
  private static List<Event> events(
      SplittableRandom rnd, List<Story> stories, int total, long windowStartMs, int days) {
    List<Integer> sessions = new ArrayList<>();
    for (int left = total; left > 0; ) {
      int n = Math.min(left, 4 + rnd.nextInt(13));
      sessions.add(n);
      left -= n;
    }
    int minDays = Math.min(days, (sessions.size() + 3) / 4);
    int readingDays = Math.max(minDays, Math.min(days, (int) Math.round(days * (0.4 + 0.45 * rnd.nextDouble()))));
    List<Integer> dayPool = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      dayPool.add(d);
    }
    for (int i = days - 1; i > 0; i--) {
      Collections.swap(dayPool, i, rnd.nextInt(i + 1));
    }
    List<Integer> chosen = new ArrayList<>(dayPool.subList(0, readingDays));
    Collections.sort(chosen);

    int[] progress = new int[stories.size()];
    int current = rnd.nextInt(stories.size());
    List<Event> events = new ArrayList<>(total);
    int lastDay = -1;
    int onDay = 0;
    for (int s = 0; s < sessions.size(); s++) {
      int day = chosen.get((int) ((long) s * readingDays / sessions.size()));
      onDay = day == lastDay ? onDay + 1 : 0;
      lastDay = day;
      long t = windowStartMs + day * DAY + 8 * HOUR + onDay * 2 * HOUR + rnd.nextLong(30 * 60_000L);
      if (rnd.nextDouble() < 0.3) {
        current = rnd.nextInt(stories.size()); // picks up another story where it was left
      }
      for (int e = 0; e < sessions.get(s); e++) {
        Story story = stories.get(current);
        int chunk = progress[current] + 1;
        int seconds = 20 + rnd.nextInt(150);
        int interactions = rnd.nextDouble() < 0.6 ? 0 : 1 + rnd.nextInt(4);
        long at = t / 1000 * 1000;
        events.add(new Event(uuidv7(at, rnd), story, chunk, at, seconds, interactions));
        t += seconds * 1000L + rnd.nextLong(15_000L);
        progress[current] = chunk;
        if (chunk == story.chunks()) {
          progress[current] = 0; // finished: read again some day
          if (stories.size() > 1) {
            int next = rnd.nextInt(stories.size() - 1);
            current = next >= current ? next + 1 : next;
          }
        }
      }
    }
    return events;
  }

  /** A time-ordered id as clients mint them: 48-bit milliseconds, version 7, variant 10. */
  private static UUID uuidv7(long ms, SplittableRandom rnd) {
    long msb = (ms << 16) | 0x7000L | (rnd.nextLong() & 0x0FFFL);
    long lsb = (rnd.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  private static String json(List<Event> events) {
    StringBuilder sb = new StringBuilder(40 + events.size() * 210);
    sb.append("{\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"eventId\":\"").append(e.id())
          .append("\",\"storyId\":\"").append(e.story().id())
          .append("\",\"version\":").append(e.story().version())
          .append(",\"chunk\":").append(e.chunk())
          .append(",\"totalChunks\":").append(e.story().chunks())
          .append(",\"occurredAt\":\"").append(Instant.ofEpochMilli(e.at()))
          .append("\",\"secondsRead\":").append(e.seconds())
          .append(",\"interactions\":").append(e.interactions())
          .append('}');
    }
    return sb.append("]}").toString();
  }
}
