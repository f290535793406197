package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vocabulary over HTTP: a story's word list kept by its teacher, words students collect, and their
 * SM-2 reviews; each student's words are theirs alone.
 */
class VocabularyIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person teacher;
  private Schools.Person student;
  private String storyId;

  @BeforeEach
  void aPublishedStoryWithWords() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    student = schools.person(school, "student");
    storyId = schools.story(teacher.token(), "The lantern", "beginner").getString("id");
    schools.publish(school, storyId);
    Api.Response r = define(teacher.token(), "Lantern", "A lamp with a frame around its flame.");
    assertEquals(201, r.status(), r::toString);
  }

  private Api.Response define(String token, String word, String definition) {
    return api.post("/api/stories/" + storyId + "/vocabulary")
        .token(token)
        .json(Api.obj("word", word, "definition", definition, "partOfSpeech", "noun"))
        .send();
  }

  private Api.Response collect(String token, Object... body) {
    return api.post("/api/vocabulary").token(token).json(Api.obj(body)).send();
  }

  private Api.Response review(String token, String wordId, String reviewId, Object... grade) {
    Object[] body = new Object[grade.length + 2];
    body[0] = "reviewId";
    body[1] = reviewId;
    System.arraycopy(grade, 0, body, 2, grade.length);
    return api.post("/api/vocabulary/" + wordId + "/reviews")
        .token(token)
        .json(Api.obj(body))
        .send();
  }

  @Test
  void theStorysTeacherKeepsItsWordListAndReadersReadIt() {
    List<JsonObject> words =
        api.get("/api/stories/" + storyId + "/vocabulary").token(student.token()).send().items();
    assertEquals(1, words.size());
    assertEquals("Lantern", words.get(0).getString("word"));
    assertEquals("noun", words.get(0).getString("partOfSpeech"));

    assertEquals(
        409, define(teacher.token(), "lantern", "again").status(), "one per word, any case");
    assertEquals(403, define(student.token(), "moon", "The moon.").status(), "readers only read");
    Schools.Person otherTeacher = schools.person(school, "teacher");
    assertEquals(403, define(otherTeacher.token(), "moon", "The moon.").status());

    String draft = schools.story(teacher.token(), "Draft", "beginner").getString("id");
    assertEquals(
        404,
        api.get("/api/stories/" + draft + "/vocabulary").token(student.token()).send().status(),
        "a story the student may not read has no word list for them");

    Schools.School other = schools.newSchool();
    assertEquals(404, define(other.adminToken(), "moon", "The moon.").status());
    assertEquals(
        404,
        api.get("/api/stories/" + storyId + "/vocabulary")
            .token(other.adminToken())
            .send()
            .status());
    String wordId = words.get(0).getString("id");
    assertEquals(
        404,
        api.delete("/api/stories/" + storyId + "/vocabulary/" + wordId)
            .token(other.adminToken())
            .send()
            .status());
    assertEquals(
        204,
        api.delete("/api/stories/" + storyId + "/vocabulary/" + wordId)
            .token(teacher.token())
            .send()
            .status());
    assertTrue(
        api.get("/api/stories/" + storyId + "/vocabulary")
            .token(student.token())
            .send()
            .items()
            .isEmpty());
  }

  @Test
  void aWordFromAStoryBringsItsDefinitionAndIsCollectedOnce() {
    Api.Response first = collect(student.token(), "word", "lantern", "storyId", storyId);
    assertEquals(201, first.status(), first::toString);
    JsonObject w = first.json();
    assertEquals("A lamp with a frame around its flame.", w.getString("definition"));
    assertEquals(storyId, w.getString("storyId"));
    assertEquals(0, w.getInt("mastery"));

    Api.Response again = collect(student.token(), "word", "LANTERN");
    assertEquals(200, again.status(), again::toString);
    assertEquals(w.getString("id"), again.json().getString("id"));

    Api.Response own = collect(student.token(), "word", "glow", "definition", "Soft light.");
    assertEquals(201, own.status(), own::toString);
    assertEquals("Soft light.", own.json().getString("definition"));
    assertTrue(own.json().isNull("storyId"));

    List<JsonObject> mine = api.get("/api/vocabulary").token(student.token()).send().items();
    assertEquals(List.of("glow", "lantern"), mine.stream().map(x -> x.getString("word")).toList());
  }

  @Test
  void reviewsMoveTheScheduleBySm2AndARetryCountsOnce() {
    String id =
        collect(student.token(), "word", "lantern", "storyId", storyId).json().getString("id");
    List<JsonObject> due =
        api.get("/api/vocabulary?due=true").token(student.token()).send().items();
    assertEquals(List.of(id), due.stream().map(x -> x.getString("id")).toList(), "new: due now");

    String reviewId = UUID.randomUUID().toString();
    Api.Response r1 = review(student.token(), id, reviewId, "grade", 5);
    assertEquals(200, r1.status(), r1::toString);
    JsonObject w = r1.json();
    assertEquals(1, w.getInt("repetitions"));
    assertEquals(1, w.getInt("intervalDays"));
    assertEquals(
        "2.6", w.getJsonNumber("ease").bigDecimalValue().stripTrailingZeros().toPlainString());
    assertEquals(5, w.getInt("mastery"));
    Instant dueAt = Instant.parse(w.getString("dueAt"));
    Instant reviewedAt = Instant.parse(w.getString("lastReviewedAt"));
    assertEquals(Duration.ofDays(1), Duration.between(reviewedAt, dueAt));
    assertTrue(
        api.get("/api/vocabulary?due=true").token(student.token()).send().items().isEmpty(),
        "reviewed: not due until tomorrow");

    Api.Response retry = review(student.token(), id, reviewId, "grade", 5);
    assertEquals(200, retry.status());
    assertEquals(1, retry.json().getInt("reviews"), "the same review id counts once");
    assertEquals(w.getString("dueAt"), retry.json().getString("dueAt"));
    Api.Response reused = review(student.token(), id, reviewId, "grade", 2);
    assertEquals(409, reused.status(), reused::toString);
    assertEquals("vocabulary.review-id-reused", reused.code());

    JsonObject second =
        review(student.token(), id, UUID.randomUUID().toString(), "rating", "easy").json();
    assertEquals(2, second.getInt("repetitions"));
    assertEquals(6, second.getInt("intervalDays"));
    assertEquals(25, second.getInt("mastery"));
    JsonObject third = review(student.token(), id, UUID.randomUUID().toString(), "grade", 5).json();
    assertEquals(16, third.getInt("intervalDays"), "round(6 * 2.7)");
    JsonObject lapse =
        review(student.token(), id, UUID.randomUUID().toString(), "rating", "again").json();
    assertEquals(0, lapse.getInt("repetitions"));
    assertEquals(1, lapse.getInt("intervalDays"));
    assertEquals(4, lapse.getInt("reviews"));
  }

  @Test
  void aReviewNeedsExactlyOneValidGrade() {
    String id = collect(student.token(), "word", "moon").json().getString("id");
    String rid = UUID.randomUUID().toString();
    assertEquals(400, review(student.token(), id, rid).status(), "neither");
    assertEquals(400, review(student.token(), id, rid, "grade", 4, "rating", "good").status());
    assertEquals(400, review(student.token(), id, rid, "grade", 6).status());
    assertEquals(400, review(student.token(), id, rid, "rating", "meh").status());
    JsonObject w = api.get("/api/vocabulary/" + id).token(student.token()).send().json();
    assertEquals(0, w.getInt("reviews"), "nothing counted");
    assertTrue(w.isNull("lastReviewedAt"), "never reviewed");
  }

  @Test
  void aStudentsWordsAreTheirsAlone() {
    String id = collect(student.token(), "word", "moon").json().getString("id");
    Schools.Person classmate = schools.person(school, "student");
    Schools.School other = schools.newSchool();
    for (String token : List.of(classmate.token(), teacher.token(), other.adminToken())) {
      assertEquals(404, api.get("/api/vocabulary/" + id).token(token).send().status());
      assertEquals(
          404,
          review(token, id, UUID.randomUUID().toString(), "grade", 5).status(),
          "no one else reviews it");
      assertEquals(404, api.delete("/api/vocabulary/" + id).token(token).send().status());
      assertTrue(api.get("/api/vocabulary").token(token).send().items().isEmpty());
    }
    JsonObject w = api.get("/api/vocabulary/" + id).token(student.token()).send().json();
    assertEquals(0, w.getInt("reviews"), "untouched");
    assertEquals(
        403,
        collect(schools.rootToken(), "word", "moon").status(),
        "platform accounts have no vocabulary");
  }

  @Test
  void theReviewListCostsTwoStatements() {
    for (String word : List.of("one", "two", "three", "four")) {
      collect(student.token(), "word", word);
    }
    Api.Response due = api.get("/api/vocabulary?due=true&limit=2").token(student.token()).send();
    assertEquals(2, due.items().size());
    assertTrue(
        Integer.parseInt(due.header("X-Sql-Statements")) <= 2,
        "caller and page: " + due.header("X-Sql-Statements"));
    Api.Response next =
        api.get("/api/vocabulary?due=true&limit=2&cursor=" + due.json().getString("nextCursor"))
            .token(student.token())
            .send();
    assertEquals(2, next.items().size());
  }

  @Test
  void theClassroomsTeacherSeesHowWellItKnowsItsWords() {
    Api.Response made =
        api.post("/api/classrooms").token(teacher.token()).json(Api.obj("name", "5B")).send();
    assertEquals(201, made.status(), made::toString);
    String classroom = made.json().getString("id");
    Schools.Person sam = schools.person(school, "student");
    for (Schools.Person s : List.of(student, sam)) {
      Api.Response added =
          api.post("/api/classrooms/" + classroom + "/students")
              .token(teacher.token())
              .json(Api.obj("userId", s.id()))
              .send();
      assertTrue(added.status() < 300, added::toString);
    }
    String mine =
        collect(student.token(), "word", "lantern", "storyId", storyId).json().getString("id");
    collect(sam.token(), "word", "Lantern");
    collect(sam.token(), "word", "glow");
    review(student.token(), mine, UUID.randomUUID().toString(), "grade", 5);
    review(student.token(), mine, UUID.randomUUID().toString(), "grade", 5); // 6 days: mastery 25

    Api.Response view =
        api.get("/api/classrooms/" + classroom + "/vocabulary").token(teacher.token()).send();
    assertEquals(200, view.status(), view::toString);
    assertEquals(2, view.json().getInt("students"));
    List<JsonObject> words = view.json().getJsonArray("words").getValuesAs(JsonObject.class);
    assertEquals(
        List.of("lantern", "glow"),
        words.stream().map(w -> w.getString("word").toLowerCase()).toList());
    JsonObject lantern = words.get(0);
    assertEquals(2, lantern.getInt("students"));
    assertEquals(13, lantern.getInt("averageMastery"), "(25 + 0) / 2, rounded");
    assertEquals(
        List.of(1, 1, 0, 0, 0),
        lantern.getJsonArray("bands").getValuesAs(jakarta.json.JsonNumber.class).stream()
            .map(jakarta.json.JsonNumber::intValue)
            .toList());
    assertTrue(
        Integer.parseInt(view.header("X-Sql-Statements")) <= 4, view.header("X-Sql-Statements"));

    assertEquals(
        403,
        api.get("/api/classrooms/" + classroom + "/vocabulary").token(sam.token()).send().status(),
        "a student of the classroom does not see the others' words");
    assertEquals(
        404,
        api.get("/api/classrooms/" + classroom + "/vocabulary")
            .token(schools.newSchool().adminToken())
            .send()
            .status());
  }
}
