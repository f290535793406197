package org.lectern.learning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.content.AssignableContent;
import org.lectern.content.AssignableContent.ReadingTarget;
import org.lectern.context.RequestContext;
import org.lectern.identity.LearnerStats;
import org.lectern.identity.LearnerZoneChanged;
import org.lectern.learning.ReadingDtos.BatchResult;
import org.lectern.learning.ReadingDtos.EventBatch;
import org.lectern.learning.ReadingDtos.ProgressView;
import org.lectern.learning.ReadingDtos.ReadingEvent;
import org.lectern.learning.ReadingDtos.Refusal;
import org.lectern.learning.SessionMerge.Span;
import org.lectern.learning.Streaks.Streak;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Writes the learning record from what reader apps report. Events are stored once per client id;
 * everything else (progress per story, reading days and streaks, sessions, lesson progress, the
 * learner's totals) follows from the set of events by rules that do not depend on their order: the
 * furthest position is a maximum, completion the earliest moment the end was reached, time a sum
 * over distinct events, streaks a function of the set of local days, sessions the runs of events
 * within a gap. So a duplicate, reordered or late batch leaves the record the clean sequence would.
 *
 * <p>One learner's batches are serialized by a lock on their user row, taken before anything is
 * read. A batch costs a fixed number of statements, whatever its size.
 */
@ApplicationScoped
@Transactional
public class ReadingRecord {

  static final String RESOURCE = "reading-progress";

  /** How far ahead of the server's clock an event may claim to be (client clocks drift). */
  static final java.time.Duration FUTURE_SKEW = java.time.Duration.ofMinutes(5);

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject AssignableContent content;
  @Inject LearnerStats learners;
  @Inject RequestContext context;
  @Inject Event<StoriesCompleted> completions;

  /** An accepted event, checked against its story. */
  private record Accepted(ReadingEvent e, ReadingTarget target, Instant at) {}

  /** The stored progress of one story, or the one a batch makes. */
  private record Progress(
      UUID storyId,
      ReadingPosition furthest,
      Instant firstReadAt,
      Instant lastReadAt,
      Instant completedAt,
      long seconds,
      int events) {

    Progress with(Accepted a) {
      ReadingPosition p = new ReadingPosition(a.e().version(), a.e().chunk(), a.e().totalChunks());
      Instant completed = p.completes() ? a.at() : null;
      return new Progress(
          storyId,
          furthest == null || p.compareTo(furthest) > 0 ? p : furthest,
          earliest(firstReadAt, a.at()),
          latest(lastReadAt, a.at()),
          earliest(completedAt, completed),
          seconds + a.e().secondsRead(),
          events + 1);
    }
  }

  /** Records a batch of the caller's reading. */
  public BatchResult ingest(EventBatch batch) {
    batch.check();
    access.requireSchoolMember("Reading is recorded for a school's users.");
    access.require(RESOURCE, "create");
    UUID me = context.caller().id();
    Instant now = Instant.now();

    // 1. Check each event against its story: 3 statements for the whole batch.
    Set<UUID> storyIds = new HashSet<>();
    batch.events().forEach(e -> storyIds.add(e.storyId()));
    Map<UUID, ReadingTarget> targets = content.readingTargets(storyIds);
    List<Refusal> refused = new ArrayList<>();
    Map<UUID, Accepted> valid = new LinkedHashMap<>();
    int duplicates = 0;
    for (int i = 0; i < batch.events().size(); i++) {
      ReadingEvent e = batch.events().get(i);
      Refusal why = check(i, e, targets.get(e.storyId()), now);
      if (why != null) {
        refused.add(why);
      } else if (valid.putIfAbsent(
              e.eventId(),
              new Accepted(
                  e, targets.get(e.storyId()), e.occurredAt().truncatedTo(ChronoUnit.MICROS)))
          != null) {
        duplicates++; // the same event twice in one batch
      }
    }
    if (valid.isEmpty()) {
      return new BatchResult(0, duplicates, refused, List.of());
    }

    // 2. One learner at a time; the zone their days are counted in.
    ZoneId zone = learners.lockLearner(me).orElseThrow(() -> LecternException.notFound("user"));

    // 3. Store the events; those stored before are retries and count no further.
    Set<UUID> fresh = insertEvents(me, valid.values());
    duplicates += valid.size() - fresh.size();
    List<Accepted> added =
        valid.values().stream().filter(a -> fresh.contains(a.e().eventId())).toList();
    if (added.isEmpty()) {
      return new BatchResult(0, duplicates, refused, progressOf(me, storyIds));
    }

    // 4. Progress per story: the stored one merged with the new events, one read and one write.
    Map<UUID, Progress> before =
        storedProgress(me, added.stream().map(a -> a.e().storyId()).toList());
    Map<UUID, Progress> after = new HashMap<>(before);
    for (Accepted a : added) {
      UUID story = a.e().storyId();
      Progress p = after.get(story);
      after.put(story, (p == null ? new Progress(story, null, null, null, null, 0, 0) : p).with(a));
    }
    writeProgress(me, after.values());
    Set<UUID> completedNow = new HashSet<>();
    for (Progress p : after.values()) {
      Progress old = before.get(p.storyId());
      if (p.completedAt() != null && (old == null || old.completedAt() == null)) {
        completedNow.add(p.storyId());
      }
    }
    int newlyCompleted = completedNow.size();
    if (!completedNow.isEmpty()) {
      // What is built on the stories (a book's read count) counts each learner's first completion.
      completions.fire(new StoriesCompleted(me, Set.copyOf(completedNow)));
    }

    // 5. Local days and streaks.
    Map<LocalDate, Long> secondsByDay = new TreeMap<>();
    for (Accepted a : added) {
      secondsByDay.merge(Streaks.day(a.at(), zone), (long) a.e().secondsRead(), Long::sum);
    }
    Streak streak = Streaks.of(addDays(me, secondsByDay));

    // 6. Sessions.
    mergeSessions(me, added);

    // 7. Lessons of the stories read.
    Map<UUID, List<Progress>> byLesson = new HashMap<>();
    for (Progress p : after.values()) {
      UUID lesson = targets.get(p.storyId()).lessonId();
      if (lesson != null) {
        byLesson.computeIfAbsent(lesson, k -> new ArrayList<>()).add(p);
      }
    }
    if (!byLesson.isEmpty()) {
      updateLessons(me, byLesson);
    }

    // 8. The learner's totals.
    long seconds = added.stream().mapToLong(a -> a.e().secondsRead()).sum();
    Instant lastRead = added.stream().map(Accepted::at).max(Instant::compareTo).orElseThrow();
    learners.record(
        me,
        new LearnerStats.Change(
            seconds,
            newlyCompleted,
            streak.current(),
            streak.longest(),
            streak.lapsesAt(zone),
            lastRead));

    List<ProgressView> progress =
        after.values().stream()
            .map(p -> view(me, p))
            .sorted(java.util.Comparator.comparing(ProgressView::storyId))
            .toList();
    return new BatchResult(added.size(), duplicates, refused, progress);
  }

  /**
   * A learner's time zone changed: their days are counted again in the new zone, and their streaks
   * with them. Runs in the transaction of the change.
   */
  void onZoneChanged(@Observes LearnerZoneChanged changed) {
    UUID user = changed.userId();
    ZoneId zone = learners.lockLearner(user).orElse(null);
    if (zone == null) {
      return;
    }
    tem.sql("DELETE FROM reading_days WHERE tenant_id = ?1 AND user_id = ?2")
        .setParameter(2, user)
        .executeUpdate();
    @SuppressWarnings("unchecked")
    List<Object> days =
        tem.sql(
                "INSERT INTO reading_days (tenant_id, user_id, day, seconds_read)"
                    + " SELECT ?1, ?2, CAST(occurred_at AT TIME ZONE ?3 AS date), sum(seconds_read)"
                    + " FROM reading_events WHERE tenant_id = ?1 AND user_id = ?2"
                    + " GROUP BY 3 RETURNING day")
            .setParameter(2, user)
            .setParameter(3, zone.getId())
            .getResultList();
    TreeSet<LocalDate> set = new TreeSet<>();
    days.forEach(d -> set.add(toLocalDate(d)));
    Streak streak = Streaks.of(set);
    learners.record(
        user,
        new LearnerStats.Change(
            0, 0, streak.current(), streak.longest(), streak.lapsesAt(zone), null));
  }

  // ---------------------------------------------------------------- checks

  private static Refusal check(int index, ReadingEvent e, ReadingTarget story, Instant now) {
    if (story == null) {
      return new Refusal(
          index, e.eventId(), "story-not-found", "No story " + e.storyId() + " you may read.");
    }
    Integer chunks = story.chunksByVersion().get(e.version());
    if (chunks == null) {
      return new Refusal(
          index, e.eventId(), "version-not-found", "The story has no version " + e.version() + ".");
    }
    if (e.totalChunks() != chunks.intValue()) {
      return new Refusal(
          index,
          e.eventId(),
          "total-chunks-mismatch",
          "Version " + e.version() + " has " + chunks + " chunks, not " + e.totalChunks() + ".");
    }
    if (e.chunk() > e.totalChunks()) {
      return new Refusal(
          index,
          e.eventId(),
          "chunk-out-of-range",
          "Chunk " + e.chunk() + " is beyond the version's " + chunks + " chunks.");
    }
    if (e.occurredAt().isAfter(now.plus(FUTURE_SKEW))) {
      return new Refusal(
          index,
          e.eventId(),
          "in-the-future",
          "occurredAt " + e.occurredAt() + " is ahead of the server's clock (" + now + ").");
    }
    if (e.occurredAt().isBefore(story.createdAt().truncatedTo(ChronoUnit.SECONDS))) {
      return new Refusal(
          index,
          e.eventId(),
          "before-the-story",
          "occurredAt "
              + e.occurredAt()
              + " is before the story existed ("
              + story.createdAt()
              + ").");
    }
    return null;
  }

  // ---------------------------------------------------------------- statements

  /** Inserts the events; answers the ids that were new. One statement. */
  private Set<UUID> insertEvents(UUID me, Collection<Accepted> events) {
    List<UUID> ids = new ArrayList<>();
    List<UUID> stories = new ArrayList<>();
    List<Integer> versions = new ArrayList<>();
    List<Integer> chunks = new ArrayList<>();
    List<Integer> totals = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    List<Integer> seconds = new ArrayList<>();
    List<Integer> interactions = new ArrayList<>();
    for (Accepted a : events) {
      ReadingEvent e = a.e();
      ids.add(e.eventId());
      stories.add(e.storyId());
      versions.add(e.version());
      chunks.add(e.chunk());
      totals.add(e.totalChunks());
      times.add(a.at());
      seconds.add(e.secondsRead());
      interactions.add(e.interactions() == null ? 0 : e.interactions());
    }
    @SuppressWarnings("unchecked")
    List<Object> inserted =
        tem.sql(
                "INSERT INTO reading_events (tenant_id, user_id, event_id, story_id, version_number,"
                    + " chunk, total_chunks, occurred_at, seconds_read, interactions)"
                    + " SELECT ?1, CAST(?2 AS uuid), e.* FROM unnest(CAST(?3 AS uuid[]),"
                    + " CAST(?4 AS uuid[]), CAST(?5 AS int[]), CAST(?6 AS int[]), CAST(?7 AS int[]),"
                    + " CAST(?8 AS timestamptz[]), CAST(?9 AS int[]), CAST(?10 AS int[])) AS e"
                    + " ON CONFLICT DO NOTHING RETURNING event_id")
            .setParameter(2, me.toString())
            .setParameter(3, Ids.sqlArray(ids))
            .setParameter(4, Ids.sqlArray(stories))
            .setParameter(5, SqlValues.array(versions))
            .setParameter(6, SqlValues.array(chunks))
            .setParameter(7, SqlValues.array(totals))
            .setParameter(8, SqlValues.quotedArray(times))
            .setParameter(9, SqlValues.array(seconds))
            .setParameter(10, SqlValues.array(interactions))
            .getResultList();
    Set<UUID> out = new HashSet<>();
    inserted.forEach(id -> out.add((UUID) id));
    return out;
  }

  private static final String PROGRESS_COLUMNS =
      "story_id, version_number, furthest_chunk, total_chunks, first_read_at, last_read_at,"
          + " completed_at, seconds_read, events";

  /** The stored progress of these stories. One statement. */
  private Map<UUID, Progress> storedProgress(UUID me, Collection<UUID> storyIds) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT "
                    + PROGRESS_COLUMNS
                    + " FROM reading_progress WHERE tenant_id = ?1 AND user_id = CAST(?2 AS uuid)"
                    + " AND story_id = ANY (CAST(?3 AS uuid[]))")
            .setParameter(2, me.toString())
            .setParameter(3, Ids.sqlArray(new HashSet<>(storyIds)))
            .getResultList();
    Map<UUID, Progress> out = new HashMap<>();
    for (Object[] r : rows) {
      Progress p = progress(r);
      out.put(p.storyId(), p);
    }
    return out;
  }

  /** The progress of these stories as answers show it (a retried batch). One statement. */
  private List<ProgressView> progressOf(UUID me, Collection<UUID> storyIds) {
    return storedProgress(me, storyIds).values().stream()
        .map(p -> view(me, p))
        .sorted(java.util.Comparator.comparing(ProgressView::storyId))
        .toList();
  }

  static Progress progress(Object[] r) {
    return new Progress(
        (UUID) r[0],
        new ReadingPosition(
            ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue()),
        SqlValues.instant(r[4]),
        SqlValues.instant(r[5]),
        SqlValues.instant(r[6]),
        ((Number) r[7]).longValue(),
        ((Number) r[8]).intValue());
  }

  static ProgressView view(UUID user, Object[] r) {
    return view(user, progress(r));
  }

  private static ProgressView view(UUID user, Progress p) {
    return new ProgressView(
        user,
        p.storyId(),
        p.furthest().version(),
        p.furthest().chunk(),
        p.furthest().totalChunks(),
        p.furthest().percent(),
        p.completedAt(),
        p.firstReadAt(),
        p.lastReadAt(),
        p.seconds(),
        p.events());
  }

  /** Writes the merged progress of the batch's stories. One statement. */
  private void writeProgress(UUID me, Collection<Progress> rows) {
    List<UUID> stories = new ArrayList<>();
    List<Integer> versions = new ArrayList<>();
    List<Integer> chunks = new ArrayList<>();
    List<Integer> totals = new ArrayList<>();
    List<Integer> percents = new ArrayList<>();
    List<Instant> firsts = new ArrayList<>();
    List<Instant> lasts = new ArrayList<>();
    List<Instant> completions = new ArrayList<>();
    List<Long> seconds = new ArrayList<>();
    List<Integer> events = new ArrayList<>();
    for (Progress p : rows) {
      stories.add(p.storyId());
      versions.add(p.furthest().version());
      chunks.add(p.furthest().chunk());
      totals.add(p.furthest().totalChunks());
      percents.add(p.furthest().percent());
      firsts.add(p.firstReadAt());
      lasts.add(p.lastReadAt());
      completions.add(p.completedAt());
      seconds.add(p.seconds());
      events.add(p.events());
    }
    tem.sql(
            "INSERT INTO reading_progress (tenant_id, user_id, story_id, version_number,"
                + " furthest_chunk, total_chunks, percent_complete, first_read_at, last_read_at,"
                + " completed_at, seconds_read, events, updated_at)"
                + " SELECT ?1, CAST(?2 AS uuid), p.*, now() FROM unnest(CAST(?3 AS uuid[]),"
                + " CAST(?4 AS int[]), CAST(?5 AS int[]), CAST(?6 AS int[]), CAST(?7 AS int[]),"
                + " CAST(?8 AS timestamptz[]), CAST(?9 AS timestamptz[]),"
                + " CAST(?10 AS timestamptz[]), CAST(?11 AS bigint[]), CAST(?12 AS int[])) AS p"
                + " ON CONFLICT (tenant_id, user_id, story_id) DO UPDATE SET"
                + " version_number = excluded.version_number,"
                + " furthest_chunk = excluded.furthest_chunk,"
                + " total_chunks = excluded.total_chunks,"
                + " percent_complete = excluded.percent_complete,"
                + " first_read_at = excluded.first_read_at, last_read_at = excluded.last_read_at,"
                + " completed_at = excluded.completed_at, seconds_read = excluded.seconds_read,"
                + " events = excluded.events, updated_at = excluded.updated_at")
        .setParameter(2, me.toString())
        .setParameter(3, Ids.sqlArray(stories))
        .setParameter(4, SqlValues.array(versions))
        .setParameter(5, SqlValues.array(chunks))
        .setParameter(6, SqlValues.array(totals))
        .setParameter(7, SqlValues.array(percents))
        .setParameter(8, SqlValues.quotedArray(firsts))
        .setParameter(9, SqlValues.quotedArray(lasts))
        .setParameter(10, SqlValues.quotedArray(completions))
        .setParameter(11, SqlValues.array(seconds))
        .setParameter(12, SqlValues.array(events))
        .executeUpdate();
  }

  /** Adds the batch's seconds to its days; answers every day the learner read on. One statement. */
  private TreeSet<LocalDate> addDays(UUID me, Map<LocalDate, Long> secondsByDay) {
    @SuppressWarnings("unchecked")
    List<Object> days =
        tem.sql(
                "WITH added AS (INSERT INTO reading_days (tenant_id, user_id, day, seconds_read)"
                    + " SELECT ?1, CAST(?2 AS uuid), d.* FROM unnest(CAST(?3 AS date[]),"
                    + " CAST(?4 AS bigint[])) AS d"
                    + " ON CONFLICT (tenant_id, user_id, day) DO UPDATE"
                    + " SET seconds_read = reading_days.seconds_read + excluded.seconds_read"
                    + " RETURNING day)"
                    + " SELECT day FROM reading_days WHERE tenant_id = ?1"
                    + " AND user_id = CAST(?2 AS uuid) UNION SELECT day FROM added")
            .setParameter(2, me.toString())
            .setParameter(3, SqlValues.quotedArray(secondsByDay.keySet()))
            .setParameter(4, SqlValues.array(secondsByDay.values()))
            .getResultList();
    TreeSet<LocalDate> out = new TreeSet<>();
    days.forEach(d -> out.add(toLocalDate(d)));
    return out;
  }

  /** Merges the new events into the sessions near them: one read, at most two writes. */
  private void mergeSessions(UUID me, List<Accepted> added) {
    Instant first = added.stream().map(Accepted::at).min(Instant::compareTo).orElseThrow();
    Instant last = added.stream().map(Accepted::at).max(Instant::compareTo).orElseThrow();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT id, started_at, ended_at, seconds_spent, interactions, events"
                    + " FROM learning_sessions WHERE tenant_id = ?1 AND user_id = CAST(?2 AS uuid)"
                    + " AND ended_at >= CAST(?3 AS timestamptz)"
                    + " AND started_at <= CAST(?4 AS timestamptz)")
            .setParameter(2, me.toString())
            .setParameter(3, first.minus(SessionMerge.GAP).toString())
            .setParameter(4, last.plus(SessionMerge.GAP).toString())
            .getResultList();
    List<Span> stored = new ArrayList<>();
    for (Object[] r : rows) {
      stored.add(
          new Span(
              (UUID) r[0],
              SqlValues.instant(r[1]),
              SqlValues.instant(r[2]),
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue(),
              ((Number) r[5]).intValue()));
    }
    List<Span> events =
        added.stream()
            .map(
                a ->
                    Span.event(
                        a.at(),
                        a.e().secondsRead(),
                        a.e().interactions() == null ? 0 : a.e().interactions()))
            .toList();
    SessionMerge.Plan plan = SessionMerge.merge(stored, events);
    if (!plan.removed().isEmpty()) {
      tem.sql(
              "DELETE FROM learning_sessions WHERE tenant_id = ?1 AND id = ANY (CAST(?2 AS uuid[]))")
          .setParameter(2, Ids.sqlArray(plan.removed()))
          .executeUpdate();
    }
    if (plan.written().isEmpty()) {
      return;
    }
    List<UUID> ids = new ArrayList<>();
    List<Instant> starts = new ArrayList<>();
    List<Instant> ends = new ArrayList<>();
    List<Long> seconds = new ArrayList<>();
    List<Long> interactions = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (Span s : plan.written()) {
      ids.add(s.id() == null ? Ids.newId() : s.id());
      starts.add(s.start());
      ends.add(s.end());
      seconds.add(s.seconds());
      interactions.add(s.interactions());
      counts.add(s.events());
    }
    tem.sql(
            "INSERT INTO learning_sessions (tenant_id, id, user_id, started_at, ended_at,"
                + " seconds_spent, interactions, events)"
                + " SELECT ?1, s.id, CAST(?2 AS uuid), s.started_at, s.ended_at, s.seconds_spent,"
                + " s.interactions, s.events FROM unnest(CAST(?3 AS uuid[]),"
                + " CAST(?4 AS timestamptz[]), CAST(?5 AS timestamptz[]), CAST(?6 AS bigint[]),"
                + " CAST(?7 AS bigint[]), CAST(?8 AS int[]))"
                + " AS s (id, started_at, ended_at, seconds_spent, interactions, events)"
                + " ON CONFLICT (tenant_id, id) DO UPDATE SET started_at = excluded.started_at,"
                + " ended_at = excluded.ended_at, seconds_spent = excluded.seconds_spent,"
                + " interactions = excluded.interactions, events = excluded.events")
        .setParameter(2, me.toString())
        .setParameter(3, Ids.sqlArray(ids))
        .setParameter(4, SqlValues.quotedArray(starts))
        .setParameter(5, SqlValues.quotedArray(ends))
        .setParameter(6, SqlValues.array(seconds))
        .setParameter(7, SqlValues.array(interactions))
        .setParameter(8, SqlValues.array(counts))
        .executeUpdate();
  }

  /**
   * Lesson progress for the lessons of the stories just read: in progress once any of its stories
   * is read; completed when every published story of it is read to the end (at the moment the last
   * of them was). Completion stays: a story published into the lesson later does not undo it. Three
   * statements: the lessons' published stories, the learner's completions of them, and the upsert.
   */
  private void updateLessons(UUID me, Map<UUID, List<Progress>> byLesson) {
    Map<UUID, Set<UUID>> published = content.publishedStoriesOfLessons(byLesson.keySet());
    Set<UUID> all = new HashSet<>();
    published.values().forEach(all::addAll);
    Map<UUID, Instant> completed = new HashMap<>();
    if (!all.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          tem.sql(
                  "SELECT story_id, completed_at FROM reading_progress WHERE tenant_id = ?1"
                      + " AND user_id = CAST(?2 AS uuid) AND story_id = ANY (CAST(?3 AS uuid[]))"
                      + " AND completed_at IS NOT NULL")
              .setParameter(2, me.toString())
              .setParameter(3, Ids.sqlArray(all))
              .getResultList();
      rows.forEach(r -> completed.put((UUID) r[0], SqlValues.instant(r[1])));
    }
    List<UUID> lessons = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<Instant> starts = new ArrayList<>();
    List<Instant> completions = new ArrayList<>();
    for (Map.Entry<UUID, List<Progress>> l : byLesson.entrySet()) {
      Set<UUID> stories = published.getOrDefault(l.getKey(), Set.of());
      boolean done = !stories.isEmpty() && completed.keySet().containsAll(stories);
      lessons.add(l.getKey());
      statuses.add(done ? "completed" : "in_progress");
      starts.add(
          l.getValue().stream().map(Progress::firstReadAt).min(Instant::compareTo).orElseThrow());
      completions.add(
          done ? stories.stream().map(completed::get).max(Instant::compareTo).orElseThrow() : null);
    }
    tem.sql(
            "INSERT INTO user_progress (tenant_id, user_id, lesson_id, status, started_at,"
                + " completed_at, completed_by, updated_at)"
                + " SELECT ?1, CAST(?2 AS uuid), l.lesson_id, l.status, l.started_at, l.completed_at,"
                + " CASE WHEN l.status = 'completed' THEN 'reading' END, now()"
                + " FROM unnest(CAST(?3 AS uuid[]), CAST(?4 AS text[]), CAST(?5 AS timestamptz[]),"
                + " CAST(?6 AS timestamptz[])) AS l (lesson_id, status, started_at, completed_at)"
                + " ON CONFLICT (tenant_id, user_id, lesson_id) DO UPDATE SET"
                + " started_at = least(user_progress.started_at, excluded.started_at),"
                + " status = CASE WHEN excluded.status = 'completed'"
                + " OR user_progress.status = 'completed' THEN 'completed' ELSE 'in_progress' END,"
                + " completed_at = CASE WHEN excluded.status = 'completed'"
                + " AND user_progress.completed_by IS DISTINCT FROM 'marked'"
                + " THEN excluded.completed_at ELSE user_progress.completed_at END,"
                + " completed_by = CASE WHEN user_progress.status = 'completed'"
                + " THEN user_progress.completed_by ELSE excluded.completed_by END,"
                + " updated_at = now()")
        .setParameter(2, me.toString())
        .setParameter(3, Ids.sqlArray(lessons))
        .setParameter(4, SqlValues.array(statuses))
        .setParameter(5, SqlValues.quotedArray(starts))
        .setParameter(6, SqlValues.quotedArray(completions))
        .executeUpdate();
  }

  private static LocalDate toLocalDate(Object value) {
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return (LocalDate) value;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }
}
