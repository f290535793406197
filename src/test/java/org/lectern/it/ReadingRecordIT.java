package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The learning record over HTTP: reading events that count once in whatever order they come,
 * progress, sessions, streaks and totals that follow from them, lesson progress, the teacher's
 * reading view, and every record closed to whoever may not read it.
 */
class ReadingRecordIT extends ApiTestBase {

  private static final String FOUR_CHUNKS =
      "The lantern glowed.\n\nThe wind rose.\n\nThe door creaked.\n\nMorning came.";

  private Schools.School school;
  private Schools.Person teacher;
  private String story;

  @BeforeEach
  void aPublishedStoryOfFourChunksMadeTenDaysAgo() throws Exception {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    story = storyOf(teacher.token(), "The lantern", FOUR_CHUNKS);
    schools.publish(school, story);
    backdate(story);
  }

  private String storyOf(String token, String title, String content) {
    Api.Response r =
        api.post("/api/stories")
            .token(token)
            .json(Api.obj("title", title, "content", content, "difficulty", "beginner"))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  /** Stories made in a test exist from now; events of the days before need them older. */
  private static void backdate(String storyId) throws Exception {
    Db.execute(
        "UPDATE stories SET created_at = now() - interval '10 days' WHERE id = '" + storyId + "'");
  }

  private static JsonObject event(String storyId, int chunk, Instant at, int seconds) {
    return event(UUID.randomUUID().toString(), storyId, chunk, 4, at, seconds);
  }

  private static JsonObject event(
      String eventId, String storyId, int chunk, int total, Instant at, int seconds) {
    return Api.obj(
        "eventId",
        eventId,
        "storyId",
        storyId,
        "version",
        1,
        "chunk",
        chunk,
        "totalChunks",
        total,
        "occurredAt",
        at.toString(),
        "secondsRead",
        seconds,
        "interactions",
        1);
  }

  private Api.Response send(String token, List<JsonObject> events) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    events.forEach(a::add);
    return api.post("/api/reading-progress/events")
        .token(token)
        .json(Json.createObjectBuilder().add("events", a).build())
        .send();
  }

  private JsonObject sent(String token, List<JsonObject> events) {
    Api.Response r = send(token, events);
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  /** A batch that must be taken whole. */
  private JsonObject taken(String token, List<JsonObject> events) {
    JsonObject r = sent(token, events);
    assertTrue(r.getJsonArray("refused").isEmpty(), r::toString);
    return r;
  }

  /** What a learner's record shows: progress, totals, streaks and sessions, as comparable text. */
  private String record(Schools.Person p) {
    JsonObject progress =
        api.get("/api/reading-progress?storyId=" + story).token(p.token()).send().items().get(0);
    JsonObject me = api.get("/api/me").token(p.token()).send().json().getJsonObject("profile");
    List<String> sessions =
        api.get("/api/reading-sessions").token(p.token()).send().items().stream()
            .map(
                s ->
                    s.getString("startedAt")
                        + ".."
                        + s.getString("endedAt")
                        + " "
                        + s.getJsonNumber("secondsSpent")
                        + "s "
                        + s.getInt("events"))
            .toList();
    return "percent="
        + progress.getInt("percentComplete")
        + " chunk="
        + progress.getInt("furthestChunk")
        + " completedAt="
        + progress.get("completedAt")
        + " seconds="
        + progress.getJsonNumber("secondsRead")
        + " events="
        + progress.getInt("events")
        + " | total="
        + me.getInt("totalReadingTime")
        + " books="
        + me.getInt("booksCompleted")
        + " streak="
        + me.getInt("currentStreak")
        + "/"
        + me.getInt("longestStreak")
        + " | sessions="
        + sessions;
  }

  @Test
  void duplicateReorderedAndLateBatchesLeaveTheRecordOfTheCleanSequence() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant twoDaysAgo = now.minus(Duration.ofDays(2));
    Instant yesterday = now.minus(Duration.ofDays(1));
    // Two days ago: chunks 1-2 in one sitting; yesterday: 3-4 (completing) in two sittings an hour
    // apart; today: a re-read of chunk 4.
    List<JsonObject> monday =
        List.of(
            event(story, 1, twoDaysAgo, 60),
            event(story, 2, twoDaysAgo.plus(Duration.ofMinutes(5)), 90));
    List<JsonObject> tuesday =
        List.of(
            event(story, 3, yesterday, 120),
            event(story, 4, yesterday.plus(Duration.ofMinutes(70)), 45),
            event(story, 4, yesterday.plus(Duration.ofMinutes(80)), 30));
    List<JsonObject> today = List.of(event(story, 4, now.minus(Duration.ofMinutes(1)), 20));

    Schools.Person clean = schools.person(school, "student");
    List<JsonObject> all = new ArrayList<>();
    all.addAll(monday);
    all.addAll(tuesday);
    all.addAll(today);
    JsonObject result = sent(clean.token(), all);
    assertEquals(6, result.getInt("accepted"));
    assertEquals(0, result.getInt("duplicates"));

    // The same events (same ids) from a flaky app: today first, Tuesday reversed and twice, Monday
    // late, and a retry of everything.
    Schools.Person flaky = schools.person(school, "student");
    sent(flaky.token(), today);
    List<JsonObject> reversed = new ArrayList<>(tuesday);
    Collections.reverse(reversed);
    JsonObject t1 = sent(flaky.token(), reversed);
    assertEquals(3, t1.getInt("accepted"));
    JsonObject t2 = sent(flaky.token(), reversed);
    assertEquals(0, t2.getInt("accepted"), "a batch sent twice counts once");
    assertEquals(3, t2.getInt("duplicates"));
    assertEquals(
        100,
        t2.getJsonArray("progress").getJsonObject(0).getInt("percentComplete"),
        "a retry answers the progress as it stands");
    sent(flaky.token(), monday);
    JsonObject retry = sent(flaky.token(), all);
    assertEquals(0, retry.getInt("accepted"));
    assertEquals(6, retry.getInt("duplicates"));

    String expected = record(clean);
    assertEquals(expected, record(flaky));
    assertTrue(expected.contains("percent=100 chunk=4"), expected);
    assertTrue(
        expected.contains("completedAt=\"" + yesterday.plus(Duration.ofMinutes(70))), expected);
    assertTrue(expected.contains("total=365 books=1 streak=3/3"), expected);
    // Sessions: Monday's pair, Tuesday's first and its later pair (70 minutes apart), today's one.
    JsonObject firstSession =
        api.get("/api/reading-sessions").token(clean.token()).send().items().get(0);
    assertEquals(twoDaysAgo.toString(), firstSession.getString("startedAt"));
    assertEquals(150, firstSession.getInt("secondsSpent"));
    assertEquals(
        4, api.get("/api/reading-sessions").token(clean.token()).send().items().size(), expected);
  }

  @Test
  void aLateEventJoinsTwoSessionsIntoOne() {
    Schools.Person s = schools.person(school, "student");
    Instant t = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    sent(
        s.token(),
        List.of(event(story, 1, t, 10), event(story, 2, t.plus(Duration.ofMinutes(50)), 10)));
    assertEquals(2, api.get("/api/reading-sessions").token(s.token()).send().items().size());
    sent(s.token(), List.of(event(story, 1, t.plus(Duration.ofMinutes(25)), 10)));
    List<JsonObject> sessions = api.get("/api/reading-sessions").token(s.token()).send().items();
    assertEquals(1, sessions.size(), "the late event bridges the gap");
    assertEquals(30, sessions.get(0).getInt("secondsSpent"));
    assertEquals(3, sessions.get(0).getInt("events"));
    assertEquals(
        1,
        api.get("/api/reading-sessions?from=" + t + "&to=" + t.plusSeconds(1))
            .token(s.token())
            .send()
            .items()
            .size(),
        "filtered by when sessions started");
    assertTrue(
        api.get("/api/reading-sessions?from=" + t.plusSeconds(1))
            .token(s.token())
            .send()
            .items()
            .isEmpty());
  }

  @Test
  void completingAgainCountsOnceAndKeepsTheFirstCompletion() {
    Schools.Person s = schools.person(school, "student");
    Instant first = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    sent(s.token(), List.of(event(story, 4, first, 100)));
    sent(s.token(), List.of(event(story, 4, first.plus(Duration.ofMinutes(40)), 100)));
    sent(s.token(), List.of(event(story, 2, first.plus(Duration.ofMinutes(50)), 10)));
    JsonObject p =
        api.get("/api/reading-progress?storyId=" + story).token(s.token()).send().items().get(0);
    assertEquals(100, p.getInt("percentComplete"), "re-reading the start keeps the furthest");
    assertEquals(first.toString(), p.getString("completedAt"));
    JsonObject me = api.get("/api/me").token(s.token()).send().json().getJsonObject("profile");
    assertEquals(1, me.getInt("booksCompleted"));
    assertEquals(210, me.getInt("totalReadingTime"));
    assertNotNull(me.getString("lastActiveAt"));
  }

  @Test
  void eventsThatCannotHaveHappenedAreRefusedOneByOne() throws Exception {
    Schools.Person s = schools.person(school, "student");
    String draft = storyOf(teacher.token(), "Draft", FOUR_CHUNKS);
    Schools.School other = schools.newSchool();
    String foreign = storyOf(other.adminToken(), "Elsewhere", FOUR_CHUNKS);
    Instant now = Instant.now();
    String ok = UUID.randomUUID().toString();
    List<JsonObject> batch =
        List.of(
            event(ok, story, 2, 4, now.minusSeconds(60), 30),
            event(story, 1, now.plus(Duration.ofHours(1)), 30),
            event(story, 1, now.minus(Duration.ofDays(30)), 30),
            event(draft, 1, now, 30),
            event(foreign, 1, now, 30),
            event(UUID.randomUUID().toString(), story, 2, 5, now, 30),
            event(UUID.randomUUID().toString(), story, 5, 4, now, 30),
            event(ok, story, 2, 4, now.minusSeconds(60), 30));
    JsonObject r = sent(s.token(), batch);
    assertEquals(1, r.getInt("accepted"));
    assertEquals(1, r.getInt("duplicates"), "the same event twice in one batch");
    List<String> codes =
        r.getJsonArray("refused").getValuesAs(JsonObject.class).stream()
            .map(x -> x.getInt("index") + ":" + x.getString("code"))
            .toList();
    assertEquals(
        List.of(
            "1:in-the-future",
            "2:before-the-story",
            "3:story-not-found",
            "4:story-not-found",
            "5:total-chunks-mismatch",
            "6:chunk-out-of-range"),
        codes);

    // A malformed batch is a 400 and changes nothing.
    Api.Response bad =
        api.post("/api/reading-progress/events")
            .token(s.token())
            .json(Api.obj("events", List.of(Api.obj("eventId", UUID.randomUUID().toString()))))
            .send();
    assertEquals(400, bad.status(), bad::toString);
    List<JsonObject> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(event(story, 1, now, 1));
    }
    assertEquals(400, send(s.token(), tooMany).status());
    assertEquals(
        List.of("1"),
        Db.column(
            "SELECT count(*) FROM reading_events WHERE user_id = ?", UUID.fromString(s.id())));
    assertEquals(
        403,
        send(schools.rootToken(), List.of(event(story, 1, now, 1))).status(),
        "platform accounts do not read");
  }

  @Test
  void aLessonCompletesWhenAllItsPublishedStoriesAreRead() throws Exception {
    Schools.Person s = schools.person(school, "student");
    String course =
        created(
                api.post("/api/courses")
                    .token(teacher.token())
                    .json(Api.obj("title", "Night", "level", "A2", "difficulty", "elementary")))
            .getString("id");
    String unit =
        created(
                api.post("/api/courses/" + course + "/units")
                    .token(teacher.token())
                    .json(Api.obj("title", "U1")))
            .getString("id");
    String lesson =
        created(
                api.post("/api/units/" + unit + "/lessons")
                    .token(teacher.token())
                    .json(Api.obj("title", "Stories")))
            .getString("id");
    String activity =
        created(
                api.post("/api/units/" + unit + "/lessons")
                    .token(teacher.token())
                    .json(Api.obj("title", "Draw the lantern")))
            .getString("id");
    for (String l : List.of(lesson, activity)) {
      assertEquals(
          200, api.post("/api/lessons/" + l + "/publish").token(teacher.token()).send().status());
    }
    String a = storyOf(teacher.token(), "A", "One.\n\nTwo.");
    String b = storyOf(teacher.token(), "B", "Uno.\n\nDos.");
    for (String st : List.of(a, b)) {
      assertEquals(
          200,
          api.patch("/api/stories/" + st)
              .token(teacher.token())
              .json(Api.obj("lessonId", lesson))
              .send()
              .status());
      schools.publish(school, st);
      backdate(st);
    }
    assertEquals(
        200,
        api.patch("/api/courses/" + course)
            .token(teacher.token())
            .json(Api.obj("status", "published", "audience", "school"))
            .send()
            .status());

    Instant t = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
    assertEquals(
        "not_started", lessonStatus(s, lesson), "nothing read: not started, though not stored");
    taken(s.token(), List.of(event(UUID.randomUUID().toString(), a, 2, 2, t, 30)));
    assertEquals("in_progress", lessonStatus(s, lesson));
    taken(s.token(), List.of(event(UUID.randomUUID().toString(), b, 2, 2, t.plusSeconds(30), 30)));
    JsonObject done =
        api.get("/api/lesson-progress?lessonId=" + lesson).token(s.token()).send().items().get(0);
    assertEquals("completed", done.getString("status"));
    assertEquals("reading", done.getString("completedBy"));
    assertEquals(t.plusSeconds(30).toString(), done.getString("completedAt"));

    Api.Response byHand = api.post("/api/lessons/" + lesson + "/complete").token(s.token()).send();
    assertEquals(409, byHand.status(), byHand::toString);
    assertEquals("lesson.completes-by-reading", byHand.code());
    Api.Response marked =
        api.post("/api/lessons/" + activity + "/complete").token(s.token()).send();
    assertEquals(200, marked.status(), marked::toString);
    assertEquals("marked", marked.json().getString("completedBy"));
    assertEquals(
        2, api.get("/api/lesson-progress?status=completed").token(s.token()).send().items().size());
  }

  private String lessonStatus(Schools.Person p, String lesson) {
    Api.Response r = api.get("/api/lesson-progress?lessonId=" + lesson).token(p.token()).send();
    assertEquals(200, r.status(), r::toString);
    return r.items().get(0).getString("status");
  }

  private JsonObject created(Api.Call call) {
    Api.Response r = call.send();
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  @Test
  void theTeacherSeesTheClassroomsReadingInAFixedNumberOfStatements() {
    String classroom =
        created(api.post("/api/classrooms").token(teacher.token()).json(Api.obj("name", "4C")))
            .getString("id");
    List<Schools.Person> students = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Schools.Person s = schools.person(school, "student");
      Api.Response added =
          api.post("/api/classrooms/" + classroom + "/students")
              .token(teacher.token())
              .json(Api.obj("userId", s.id()))
              .send();
      assertTrue(added.status() < 300, added::toString);
      students.add(s);
    }
    JsonObject assignment =
        created(
            api.post("/api/assignments")
                .token(teacher.token())
                .json(
                    Api.obj(
                        "classroomId",
                        classroom,
                        "title",
                        "Read The lantern",
                        "target",
                        Api.obj("type", "story", "id", story))));
    assertEquals(
        200,
        api.post("/api/assignments/" + assignment.getString("id") + "/publish")
            .token(teacher.token())
            .send()
            .status());
    Instant t = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    sent(students.get(0).token(), List.of(event(story, 3, t, 180)));
    sent(students.get(1).token(), List.of(event(story, 4, t, 240), event(story, 2, t, 60)));

    Api.Response view =
        api.get("/api/classrooms/" + classroom + "/reading").token(teacher.token()).send();
    assertEquals(200, view.status(), view::toString);
    assertTrue(
        Integer.parseInt(view.header("X-Sql-Statements")) <= 8, view.header("X-Sql-Statements"));
    List<JsonObject> rows = view.json().getJsonArray("students").getValuesAs(JsonObject.class);
    assertEquals(3, rows.size());
    JsonObject first = rows.get(0);
    assertEquals(students.get(0).id(), first.getString("userId"));
    assertEquals(75, first.getJsonArray("assignments").getJsonObject(0).getInt("percentComplete"));
    assertEquals(1, first.getInt("storiesRead"));
    assertEquals(0, first.getInt("storiesCompleted"));
    assertEquals(1, first.getInt("currentStreak"));
    JsonObject second = rows.get(1);
    assertEquals(1, second.getInt("storiesCompleted"));
    assertEquals(
        100, second.getJsonArray("assignments").getJsonObject(0).getInt("percentComplete"));
    JsonObject idle = rows.get(2);
    assertEquals(0, idle.getJsonArray("assignments").getJsonObject(0).getInt("percentComplete"));
    assertEquals(0, idle.getInt("currentStreak"));

    // More students cost no more statements.
    for (int i = 0; i < 3; i++) {
      Schools.Person s = schools.person(school, "student");
      api.post("/api/classrooms/" + classroom + "/students")
          .token(teacher.token())
          .json(Api.obj("userId", s.id()))
          .send();
      sent(s.token(), List.of(event(story, 1, t, 30)));
    }
    Api.Response bigger =
        api.get("/api/classrooms/" + classroom + "/reading").token(teacher.token()).send();
    assertEquals(6, bigger.json().getJsonArray("students").size());
    assertEquals(view.header("X-Sql-Statements"), bigger.header("X-Sql-Statements"));

    assertEquals(
        403,
        api.get("/api/classrooms/" + classroom + "/reading")
            .token(students.get(0).token())
            .send()
            .status(),
        "a student of the classroom does not see the others' reading");
    assertEquals(
        404,
        api.get("/api/classrooms/" + classroom + "/reading")
            .token(schools.newSchool().adminToken())
            .send()
            .status());

    // The classroom's teacher reads a student's record; another teacher and another school do not.
    String whose = "?userId=" + students.get(0).id();
    for (String path :
        List.of("/api/reading-progress", "/api/reading-sessions", "/api/lesson-progress")) {
      assertEquals(200, api.get(path + whose).token(teacher.token()).send().status(), path);
      assertEquals(200, api.get(path + whose).token(school.adminToken()).send().status(), path);
      for (String token :
          List.of(
              schools.person(school, "teacher").token(),
              students.get(1).token(),
              schools.newSchool().adminToken())) {
        assertEquals(404, api.get(path + whose).token(token).send().status(), path);
      }
    }
    assertEquals(
        1, api.get("/api/reading-progress" + whose).token(teacher.token()).send().items().size());
  }

  @Test
  void aBatchCostsAFixedNumberOfStatementsWhateverItsSize() {
    Schools.Person s = schools.person(school, "student");
    Instant t = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
    taken(s.token(), List.of(event(story, 1, t.minusSeconds(60), 5))); // the caller's caches warm
    Api.Response one = send(s.token(), List.of(event(story, 1, t, 5)));
    List<JsonObject> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(event(story, 1 + i % 4, t.plusSeconds(60L * (i + 1)), 5));
    }
    Api.Response batch = send(s.token(), many);
    assertEquals(200, batch.json().getInt("accepted"), batch::toString);
    int small = Integer.parseInt(one.header("X-Sql-Statements"));
    int large = Integer.parseInt(batch.header("X-Sql-Statements"));
    // The caller; the stories, their chunk counts; the learner's lock; events, progress (read and
    // write), days, sessions (read and write), totals. The large batch reaches the story's last
    // chunk, which adds one: the read count of the story's book (publishing, through the
    // StoriesCompleted event), however many stories a batch completes.
    assertEquals(11, small, "1 event");
    assertEquals(small + 1, large, "200 events, completing the story");
  }

  @Test
  void changingTheTimeZoneCountsTheDaysAgainInIt() {
    Schools.Person s = schools.person(school, "student");
    // 14:00 and 16:00 UTC two days ago: one day in UTC (the school's zone), two in Tokyo
    // (23:00 and 01:00 the next day).
    Instant day =
        Instant.now()
            .minus(Duration.ofDays(2))
            .truncatedTo(ChronoUnit.DAYS)
            .plus(Duration.ofHours(14));
    taken(s.token(), List.of(event(story, 1, day, 60), event(story, 2, day.plusSeconds(7200), 60)));
    assertEquals(1, longestStreak(s));

    Api.Response zoned =
        api.patch("/api/users/" + s.id())
            .token(school.adminToken())
            .json(Api.obj("timeZone", "Asia/Tokyo"))
            .send();
    assertEquals(200, zoned.status(), zoned::toString);
    assertEquals("Asia/Tokyo", zoned.json().getString("timeZone"));
    assertEquals(2, longestStreak(s), "the same readings fall on two local days in Tokyo");

    Api.Response bad =
        api.patch("/api/users/" + s.id())
            .token(school.adminToken())
            .json(Api.obj("timeZone", "Mars/Olympus"))
            .send();
    assertEquals(400, bad.status(), bad::toString);
    assertEquals(
        400,
        api.patch("/api/users/" + s.id())
            .token(school.adminToken())
            .json(Api.obj("timeZone", "+09:00"))
            .send()
            .status(),
        "fixed offsets ignore daylight saving");
  }

  private int longestStreak(Schools.Person p) {
    Api.Response r = api.get("/api/users/" + p.id()).token(school.adminToken()).send();
    assertEquals(200, r.status(), r::toString);
    return r.json().getInt("longestStreak");
  }
}
