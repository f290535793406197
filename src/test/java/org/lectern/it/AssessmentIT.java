package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assessment over HTTP: a teacher's question bank and quiz, students' attempts kept and graded on
 * the server, answer keys kept from students, short answers graded by the teacher, results with
 * item analysis and as CSV, and every quiz and attempt closed to other schools and students.
 */
class AssessmentIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person teacher;
  private String lesson;
  private String exercise;

  @BeforeEach
  void aPublishedLessonOpenToTheSchoolAndAnExercise() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
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
    lesson =
        created(
                api.post("/api/units/" + unit + "/lessons")
                    .token(teacher.token())
                    .json(Api.obj("title", "The lantern")))
            .getString("id");
    ok(api.post("/api/lessons/" + lesson + "/publish").token(teacher.token()));
    ok(
        api.patch("/api/courses/" + course)
            .token(teacher.token())
            .json(Api.obj("status", "published", "audience", "school")));
    exercise =
        created(
                api.post("/api/exercises")
                    .token(teacher.token())
                    .json(Api.obj("title", "The lantern, chapter 1")))
            .getString("id");
  }

  private JsonObject created(Api.Call call) {
    Api.Response r = call.send();
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  private JsonObject ok(Api.Call call) {
    Api.Response r = call.send();
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  private JsonObject question(Object... fields) {
    Object[] body = new Object[fields.length + 2];
    body[0] = "exerciseId";
    body[1] = exercise;
    System.arraycopy(fields, 0, body, 2, fields.length);
    return created(api.post("/api/questions").token(teacher.token()).json(Api.obj(body)));
  }

  /** A published quiz of these questions (2 points each) with these settings. */
  private String quiz(List<JsonObject> questions, Object... settings) {
    Object[] body = new Object[settings.length + 4];
    body[0] = "lessonId";
    body[1] = lesson;
    body[2] = "title";
    body[3] = "Quiz";
    System.arraycopy(settings, 0, body, 4, settings.length);
    String id =
        created(api.post("/api/quizzes").token(teacher.token()).json(Api.obj(body)))
            .getString("id");
    List<Object> items = new ArrayList<>();
    for (JsonObject q : questions) {
      items.add(Api.obj("questionId", q.getString("id"), "points", 2));
    }
    ok(
        api.put("/api/quizzes/" + id + "/questions")
            .token(teacher.token())
            .json(Api.obj("questions", items)));
    ok(api.post("/api/quizzes/" + id + "/publish").token(teacher.token()));
    return id;
  }

  private static String idOfChoice(JsonObject question, String text) {
    return question
        .getJsonObject("content")
        .getJsonArray("choices")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(c -> c.getString("text").equals(text))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  private Api.Response answer(String token, String attempt, String question, Object... answer) {
    return api.put("/api/attempts/" + attempt + "/answers/" + question)
        .token(token)
        .json(Api.obj(answer))
        .send();
  }

  /** No student-facing body may carry an answer key, a correct flag or accepted answers. */
  private static void noKeys(Api.Response r) {
    String body = r.body();
    assertFalse(body.contains("\"correct\""), body);
    assertFalse(body.contains("\"accepted\""), body);
    assertFalse(body.contains("\"pairs\""), body);
    assertFalse(body.matches("(?s).*\"answerKey\":\\{.*"), body);
    assertFalse(body.matches("(?s).*\"credit\":[0-9].*"), body);
  }

  @Test
  void anAttemptIsGradedOnTheServerWithPartialCreditAndTheTeacherGradesShortAnswers()
      throws Exception {
    JsonObject mcq =
        question(
            "type",
            "mcq",
            "stem",
            "Which glow?",
            "multiple",
            true,
            "choices",
            List.of(
                Api.obj("text", "Lantern", "correct", true),
                Api.obj("text", "Candle", "correct", true),
                Api.obj("text", "Stone", "correct", false)));
    JsonObject blank =
        question(
            "type",
            "fill_blank",
            "stem",
            "The ___ rose over ___.",
            "blanks",
            List.of(
                Api.obj("accepted", List.of("moon")),
                Api.obj("accepted", List.of("São Paulo", "Sao Paulo"))));
    JsonObject order =
        question(
            "type",
            "drag_drop",
            "stem",
            "Put in order.",
            "mode",
            "ordering",
            "items",
            List.of("dusk", "night", "dawn", "day"));
    JsonObject shortAnswer =
        question(
            "type",
            "short_answer",
            "stem",
            "Why did the lantern glow?",
            "accepted",
            List.of("because of the fire"));
    String quiz = quiz(List.of(mcq, blank, order, shortAnswer), "showAnswers", "after_submission");

    Schools.Person student = schools.person(school, "student");
    Api.Response started =
        api.post("/api/quizzes/" + quiz + "/attempts").token(student.token()).send();
    assertEquals(201, started.status(), started::toString);
    noKeys(started);
    String attempt = started.json().getString("id");
    noKeys(api.get("/api/quizzes/" + quiz).token(student.token()).send());

    // Right + wrong picked of two right: (1 - 1) / 2 = 0 credit.
    noKeys(
        answer(
            student.token(),
            attempt,
            mcq.getString("id"),
            "choiceIds",
            List.of(idOfChoice(mcq, "Lantern"), idOfChoice(mcq, "Stone"))));
    // Then changed to one of two right: 1/2 (an answer saved again replaces the first).
    Api.Response saved =
        answer(
            student.token(),
            attempt,
            mcq.getString("id"),
            "choiceIds",
            List.of(idOfChoice(mcq, "Lantern")));
    assertEquals(200, saved.status(), saved::toString);
    noKeys(saved);
    // Both blanks, the second without its diacritic and in capitals: accepted.
    answer(
        student.token(), attempt, blank.getString("id"), "blanks", List.of(" Moon", "SAO PAULO"));
    // Two of four items at their place: 1/2.
    List<String> items =
        order.getJsonObject("content").getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .map(o -> o.getString("id"))
            .toList();
    answer(
        student.token(),
        attempt,
        order.getString("id"),
        "order",
        List.of(items.get(0), items.get(1), items.get(3), items.get(2)));
    answer(student.token(), attempt, shortAnswer.getString("id"), "text", "it was magic");
    noKeys(api.get("/api/attempts/" + attempt).token(student.token()).send());
    noKeys(api.get("/api/quizzes/" + quiz + "/attempts").token(student.token()).send());

    JsonObject submitted =
        ok(api.post("/api/attempts/" + attempt + "/submit").token(student.token()));
    assertEquals("awaiting_grading", submitted.getString("status"), "the short answer waits");
    // (1 + 2 + 1 + 0) of 8 points.
    assertEquals(new BigDecimal("50.00"), submitted.getJsonNumber("score").bigDecimalValue());
    assertTrue(submitted.getBoolean("answersShown"));

    JsonObject graded =
        ok(
            api.post("/api/attempts/" + attempt + "/grades")
                .token(teacher.token())
                .json(
                    Api.obj(
                        "grades",
                        List.of(
                            Api.obj(
                                "questionId",
                                shortAnswer.getString("id"),
                                "credit",
                                jakarta.json.Json.createValue(new BigDecimal("0.5")),
                                "feedback",
                                "Half of it.")))));
    assertEquals("submitted", graded.getString("status"));
    assertEquals(
        new BigDecimal("62.50"), graded.getJsonNumber("score").bigDecimalValue(), "5 of 8");
    assertEquals(
        403,
        api.post("/api/attempts/" + attempt + "/grades")
            .token(student.token())
            .json(
                Api.obj(
                    "grades",
                    List.of(Api.obj("questionId", shortAnswer.getString("id"), "credit", 1))))
            .send()
            .status(),
        "a student sees their attempt but does not grade it");

    // A second student, all right.
    Schools.Person best = schools.person(school, "student");
    String a2 =
        created(api.post("/api/quizzes/" + quiz + "/attempts").token(best.token())).getString("id");
    answer(
        best.token(),
        a2,
        mcq.getString("id"),
        "choiceIds",
        List.of(idOfChoice(mcq, "Lantern"), idOfChoice(mcq, "Candle")));
    answer(best.token(), a2, blank.getString("id"), "blanks", List.of("moon", "São Paulo"));
    answer(best.token(), a2, order.getString("id"), "order", items);
    answer(best.token(), a2, shortAnswer.getString("id"), "text", "Because of the fire");
    JsonObject full = ok(api.post("/api/attempts/" + a2 + "/submit").token(best.token()));
    assertEquals(new BigDecimal("100.00"), full.getJsonNumber("score").bigDecimalValue());

    // The teacher pages through everyone's attempts; each student sees only their own.
    List<String> everyone = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page =
          ok(
              api.get(
                      "/api/quizzes/"
                          + quiz
                          + "/attempts?limit=1"
                          + (cursor == null ? "" : "&cursor=" + cursor))
                  .token(teacher.token()));
      page.getJsonArray("items")
          .getValuesAs(JsonObject.class)
          .forEach(a -> everyone.add(a.getString("id")));
      cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 5);
    assertEquals(Set.of(attempt, a2), new HashSet<>(everyone));
    assertEquals(2, everyone.size(), "each attempt once across the pages");
    assertEquals(
        List.of(a2),
        ok(api.get("/api/quizzes/" + quiz + "/attempts").token(best.token()))
            .getJsonArray("items")
            .getValuesAs(JsonObject.class)
            .stream()
            .map(a -> a.getString("id"))
            .toList());

    JsonObject results = ok(api.get("/api/quizzes/" + quiz + "/results").token(teacher.token()));
    assertEquals(2, results.getInt("students"));
    assertEquals(new BigDecimal("81.25"), results.getJsonNumber("averageScore").bigDecimalValue());
    assertEquals(1, results.getJsonArray("distribution").getInt(6), "62.50 in 60-69.99");
    assertEquals(1, results.getJsonArray("distribution").getInt(9), "100 in 90-100");
    List<JsonObject> stats = results.getJsonArray("items").getValuesAs(JsonObject.class);
    // MCQ: credits 0.5 and 1: difficulty 0.75; with two students r is 1 (the better one did
    // better).
    assertEquals(
        new BigDecimal("0.7500"), stats.get(0).getJsonNumber("difficulty").bigDecimalValue());
    assertEquals(
        new BigDecimal("1.0000"), stats.get(0).getJsonNumber("discrimination").bigDecimalValue());
    // Blanks: both fully right: difficulty 1, no spread, no discrimination.
    assertEquals(
        new BigDecimal("1.0000"), stats.get(1).getJsonNumber("difficulty").bigDecimalValue());
    assertTrue(stats.get(1).isNull("discrimination"));
    assertEquals(
        403, api.get("/api/quizzes/" + quiz + "/results").token(best.token()).send().status());

    Api.Response csv =
        api.get("/api/quizzes/" + quiz + "/results.csv").token(teacher.token()).send();
    assertEquals(200, csv.status(), csv::toString);
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .build()
            .parse(new StringReader(csv.body()))
            .getRecords();
    assertEquals(2, rows.size());
    Set<String> scores = new HashSet<>();
    rows.forEach(r -> scores.add(r.get("userId") + "=" + r.get("bestScore")));
    assertEquals(Set.of(student.id() + "=62.50", best.id() + "=100.00"), scores);
  }

  @Test
  void theAttemptLimitHoldsUnderConcurrentStartsAndTheClockIsTheServers() throws Exception {
    JsonObject mcq =
        question(
            "type",
            "mcq",
            "stem",
            "Which glows?",
            "choices",
            List.of(
                Api.obj("text", "Lantern", "correct", true),
                Api.obj("text", "Stone", "correct", false)));
    String quiz =
        quiz(List.of(mcq), "attemptsAllowed", 1, "timeLimitSeconds", 60, "showAnswers", "never");
    Schools.Person student = schools.person(school, "student");

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Api.Response>> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Callable<Api.Response> start =
          () -> api.post("/api/quizzes/" + quiz + "/attempts").token(student.token()).send();
      starts.add(pool.submit(start));
    }
    Set<String> ids = new HashSet<>();
    int made = 0;
    for (Future<Api.Response> f : starts) {
      Api.Response r = f.get();
      assertTrue(r.status() == 200 || r.status() == 201, r::toString);
      made += r.status() == 201 ? 1 : 0;
      ids.add(r.json().getString("id"));
    }
    pool.shutdown();
    assertEquals(1, made, "one attempt made");
    assertEquals(1, ids.size(), "every start answers the same attempt");
    String attempt = ids.iterator().next();

    // The server's clock: past the deadline (and its grace) an answer is refused and the attempt
    // is submitted with what it had.
    Db.execute(
        "UPDATE quiz_attempts SET started_at = now() - interval '2 minutes',"
            + " deadline_at = now() - interval '1 minute' WHERE id = '"
            + attempt
            + "'");
    Api.Response late =
        answer(
            student.token(),
            attempt,
            mcq.getString("id"),
            "choiceIds",
            List.of(idOfChoice(mcq, "Lantern")));
    assertEquals(409, late.status(), late::toString);
    assertEquals("attempt.time-up", late.code());
    JsonObject after = ok(api.get("/api/attempts/" + attempt).token(student.token()));
    assertEquals("submitted", after.getString("status"));
    assertEquals(new BigDecimal("0.00"), after.getJsonNumber("score").bigDecimalValue());
    assertEquals(60, after.getInt("timeSpentSec"), "counted to the deadline, not to now");
    assertFalse(after.getBoolean("answersShown"), "this quiz never shows answers");
    noKeys(api.get("/api/attempts/" + attempt).token(student.token()).send());

    Api.Response again =
        api.post("/api/quizzes/" + quiz + "/attempts").token(student.token()).send();
    assertEquals(409, again.status(), again::toString);
    assertEquals("quiz.attempts-used", again.code());
  }

  @Test
  void quizzesAndAttemptsAreClosedToOtherStudentsAndSchools() {
    JsonObject q =
        question("type", "short_answer", "stem", "Name the lantern.", "accepted", List.of("Lumo"));
    String quiz = quiz(List.of(q));
    Schools.Person student = schools.person(school, "student");
    String attempt =
        created(api.post("/api/quizzes/" + quiz + "/attempts").token(student.token()))
            .getString("id");

    Schools.Person classmate = schools.person(school, "student");
    Schools.School other = schools.newSchool();
    assertEquals(404, api.get("/api/attempts/" + attempt).token(classmate.token()).send().status());
    assertEquals(404, answer(classmate.token(), attempt, q.getString("id"), "text", "x").status());
    assertEquals(
        404,
        api.post("/api/attempts/" + attempt + "/submit").token(classmate.token()).send().status());
    for (String path :
        List.of(
            "/api/quizzes/" + quiz,
            "/api/attempts/" + attempt,
            "/api/exercises/" + exercise,
            "/api/questions/" + q.getString("id"),
            "/api/quizzes/" + quiz + "/results")) {
      assertEquals(404, api.get(path).token(other.adminToken()).send().status(), path);
    }
    assertEquals(
        403,
        api.get("/api/exercises/" + exercise).token(student.token()).send().status(),
        "the bank holds answer keys: never for students");
    assertEquals(
        403,
        api.put("/api/quizzes/" + quiz + "/questions")
            .token(student.token())
            .json(
                Api.obj(
                    "questions", List.of(Api.obj("questionId", q.getString("id"), "points", 1))))
            .send()
            .status());
    Api.Response changed =
        api.put("/api/quizzes/" + quiz + "/questions")
            .token(teacher.token())
            .json(
                Api.obj(
                    "questions", List.of(Api.obj("questionId", q.getString("id"), "points", 1))))
            .send();
    assertEquals(409, changed.status(), "attempted: its questions stay");
    Api.Response wrongShape =
        api.post("/api/questions")
            .token(teacher.token())
            .json(
                Api.obj(
                    "exerciseId", exercise, "type", "mcq", "stem", "?", "accepted", List.of("a")))
            .send();
    assertEquals(400, wrongShape.status(), wrongShape::toString);
  }

  @Test
  void aDeletedExercisesQuestionsLeaveTheBank() {
    String spare =
        created(
                api.post("/api/exercises")
                    .token(teacher.token())
                    .json(Api.obj("title", "Spare exercise")))
            .getString("id");
    String id =
        created(
                api.post("/api/questions")
                    .token(teacher.token())
                    .json(
                        Api.obj(
                            "exerciseId",
                            spare,
                            "type",
                            "short_answer",
                            "stem",
                            "Who?",
                            "accepted",
                            List.of("Lumo"))))
            .getString("id");
    assertEquals(List.of(id), bankIds("?exerciseId=" + spare));
    assertEquals(204, api.delete("/api/exercises/" + spare).token(teacher.token()).send().status());
    assertEquals(List.of(), bankIds("?exerciseId=" + spare));
    assertFalse(bankIds("?limit=100").contains(id), "nor in the whole bank");
  }

  private List<String> bankIds(String query) {
    return ok(api.get("/api/questions" + query).token(teacher.token()))
        .getJsonArray("items")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(q -> q.getString("id"))
        .toList();
  }

  @Test
  void submittingAnAttemptTurnsInTheQuizsAssignment() {
    JsonObject q =
        question("type", "short_answer", "stem", "Name the lantern.", "accepted", List.of("Lumo"));
    String quiz = quiz(List.of(q));
    Schools.Person student = schools.person(school, "student");
    String classroom =
        created(api.post("/api/classrooms").token(teacher.token()).json(Api.obj("name", "4C")))
            .getString("id");
    Api.Response added =
        api.post("/api/classrooms/" + classroom + "/students")
            .token(teacher.token())
            .json(Api.obj("userId", student.id()))
            .send();
    assertTrue(added.status() < 300, added::toString);
    String assignment =
        created(
                api.post("/api/assignments")
                    .token(teacher.token())
                    .json(
                        Api.obj(
                            "classroomId",
                            classroom,
                            "title",
                            "Take the lantern quiz",
                            "target",
                            Api.obj("type", "quiz", "id", quiz))))
            .getString("id");
    ok(api.post("/api/assignments/" + assignment + "/publish").token(teacher.token()));
    assertEquals(
        "assigned",
        ok(api.get("/api/assignments/" + assignment + "/submission").token(student.token()))
            .getString("state"));

    String attempt =
        created(api.post("/api/quizzes/" + quiz + "/attempts").token(student.token()))
            .getString("id");
    answer(student.token(), attempt, q.getString("id"), "text", "lumo");
    ok(api.post("/api/attempts/" + attempt + "/submit").token(student.token()));
    JsonObject submission =
        ok(api.get("/api/assignments/" + assignment + "/submission").token(student.token()));
    assertEquals("turned_in", submission.getString("state"));
    assertEquals("Quiz attempt 1: 100.00 %", submission.getString("text"));

    Api.Response unreadable =
        api.post("/api/assignments")
            .token(teacher.token())
            .json(
                Api.obj(
                    "classroomId",
                    classroom,
                    "title",
                    "Another school's quiz",
                    "target",
                    Api.obj("type", "quiz", "id", java.util.UUID.randomUUID().toString())))
            .send();
    assertEquals(409, unreadable.status(), unreadable::toString);
  }
}
